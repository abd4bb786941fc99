import { describe, expect, it } from 'vitest';
import { SEVERITIES, type Severity } from '../../capabilities/scan/index.js';
import { failed, finding, target } from '../../capabilities/scan/test-support/results.js';
import { EXIT } from '../kit/index.js';
import { atOrAbove, type FailOn, SummaryBuilder } from './summary.js';

describe('atOrAbove', () => {
  it('orders severities critical > high > medium > low > info', () => {
    expect(atOrAbove('critical', 'high')).toBe(true);
    expect(atOrAbove('high', 'high')).toBe(true);
    expect(atOrAbove('medium', 'high')).toBe(false);
    expect(atOrAbove('info', 'info')).toBe(true);
    expect(atOrAbove('low', 'critical')).toBe(false);
  });

  it('matches the position of both in SEVERITIES for every pair', () => {
    for (const [i, sev] of SEVERITIES.entries()) {
      for (const [j, threshold] of SEVERITIES.entries()) {
        expect(atOrAbove(sev, threshold), `${sev} vs ${threshold}`).toBe(i <= j);
      }
    }
  });

  it('never matches for --fail-on none', () => {
    for (const sev of SEVERITIES) expect(atOrAbove(sev, 'none')).toBe(false);
  });
});

describe('SummaryBuilder', () => {
  const build = (failOn: FailOn, ...results: Parameters<SummaryBuilder['add']>[0][]) => {
    const s = new SummaryBuilder(failOn);
    for (const r of results) s.add(r);
    return s;
  };

  it('exits 0 with no targets', () => {
    const s = build('high');
    expect(s.exitCode()).toBe(EXIT.ok);
    expect(s.summary).toMatchObject({ targets: 0, scanned: 0, errors: 0, requests: 0, failing: 0 });
  });

  it('exits 1 when a finding is at or above --fail-on, even if other targets failed', () => {
    const s = build(
      'high',
      failed('http://a/'),
      target('http://b/', [finding('critical')]),
      failed('http://c/'),
    );
    expect(s.exitCode()).toBe(EXIT.findings);
    expect(s.exitCode()).toBe(1);
  });

  it('exits 3 when targets failed and no finding reaches --fail-on', () => {
    const s = build('high', failed('http://a/'), target('http://b/', [finding('medium')]));
    expect(s.exitCode()).toBe(EXIT.targetError);
    expect(s.exitCode()).toBe(3);
  });

  it('exits 0 when findings are all below --fail-on and nothing failed', () => {
    expect(build('high', target('http://a/', [finding('medium'), finding('low')])).exitCode()).toBe(0);
  });

  it('exits 0 with --fail-on none whatever the findings, unless a target failed', () => {
    expect(build('none', target('http://a/', [finding('critical')])).exitCode()).toBe(0);
    expect(build('none', target('http://a/', [finding('critical')]), failed('http://b/')).exitCode()).toBe(3);
  });

  it.each<[FailOn, Severity, number]>([
    ['critical', 'high', 0],
    ['high', 'high', 1],
    ['medium', 'high', 1],
    ['low', 'medium', 1],
    ['info', 'info', 1],
    ['low', 'info', 0],
  ])('--fail-on %s with a %s finding exits %i', (failOn, severity, code) => {
    expect(build(failOn, target('http://a/', [finding(severity)])).exitCode()).toBe(code);
  });

  it('counts targets, errors, requests, findings per severity and failing targets', () => {
    const s = build(
      'high',
      target('http://a/', [finding('critical'), finding('low')], { requests: 7 }),
      target('http://b/', [finding('high'), finding('high'), finding('info')], { requests: 3 }),
      target('http://c/', [finding('medium')], { requests: 2 }),
      failed('http://d/'),
      // findings made before a failure are kept and counted
      target('http://e/', [finding('critical')], { requests: 4, error: { code: 'TIMEOUT', message: 't' } }),
    );
    expect(s.summary).toMatchObject({
      targets: 5,
      scanned: 3,
      errors: 2,
      requests: 17,
      findings: { critical: 2, high: 2, medium: 1, low: 1, info: 1 },
      failing: 3,
      failOn: 'high',
    });
    expect(s.exitCode()).toBe(1);
  });

  it('with a baseline, counts every finding but fails only on new ones at or above --fail-on', () => {
    const unchanged = { ...finding('critical'), baseline: 'unchanged' as const };
    const fresh = { ...finding('medium'), baseline: 'new' as const };
    const s = build('high', { ...target('http://a/', [unchanged, fresh]), grade: null });
    expect(s.summary.findings).toMatchObject({ critical: 1, medium: 1 });
    expect(s.summary.failing).toBe(0);
    expect(s.exitCode()).toBe(0);
    expect(build('medium', { ...target('http://a/', [unchanged, fresh]), grade: null }).exitCode()).toBe(1);
  });
});
