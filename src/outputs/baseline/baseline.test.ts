import { describe, expect, it } from 'vitest';
import { failed, finding, target } from '../../capabilities/scan/test-support/results.js';
import { findingFingerprint, withGrade } from '../report/index.js';
import { BaselineComparison, parseBaseline } from './index.js';

// A baseline written by hand (a report as `--format json` writes it, reduced to what matching reads).
const A = 'https://a.example/';
const B = 'https://b.example/';
const GONE = 'https://gone.example/';
const DOC = {
  tool: { name: 'corsguard', version: '0.0.1' },
  targets: [
    {
      url: A,
      findings: [
        {
          id: 'origin-reflected',
          severity: 'critical',
          title: 'reflects',
          origin: 'https://k3v9x2mq.invalid',
        },
        { id: 'max-age-excessive', severity: 'info', title: 'max-age', origin: 'https://k3v9x2mq.invalid' },
      ],
    },
    {
      url: B,
      findings: [{ id: 'null-origin-allowed', severity: 'critical', title: 'null', origin: 'null' }],
    },
    {
      url: GONE,
      findings: [{ id: 'wildcard-origin', severity: 'info', title: 'wildcard', origin: 'https://x.invalid' }],
    },
  ],
};
const baseline = () => parseBaseline('base.json', JSON.stringify(DOC));

describe('parseBaseline', () => {
  it('keys baseline findings by the fingerprint of id, URL and origin family', () => {
    const b = baseline();
    const fp = findingFingerprint({ id: 'origin-reflected', url: A, origin: 'https://other.invalid' });
    expect(b.byFingerprint.get(fp)).toMatchObject({ url: A, id: 'origin-reflected', severity: 'critical' });
    expect(b.byUrl.get(A)).toHaveLength(2);
  });

  it('gives an unknown severity of an old or edited report the lowest one', () => {
    const doc = {
      tool: { name: 'corsguard' },
      targets: [{ url: A, findings: [{ id: 'x', origin: 'null', severity: 'bad' }] }],
    };
    expect([...parseBaseline('b.json', JSON.stringify(doc)).byFingerprint.values()][0]?.severity).toBe(
      'info',
    );
  });
});

describe('BaselineComparison', () => {
  // The same misconfiguration with a new random attacker label: unchanged.
  const reflected = finding('critical', { origin: 'https://zz81ab0c.invalid' });

  it('keeps every finding, marks it new or unchanged, and lists the fixed ones on their target', () => {
    const cmp = new BaselineComparison(baseline());
    const fresh = finding('high', { id: 'preflight-permissive', title: 'preflight' });
    const a = cmp.compare(withGrade(target(A, [reflected, fresh])));
    expect(a.findings.map((f) => [f.id, f.baseline])).toEqual([
      ['origin-reflected', 'unchanged'],
      ['preflight-permissive', 'new'],
    ]);
    expect(a.grade?.letter).toBe('F');
    expect(a.baseline).toMatchObject({ new: 1, unchanged: 1, unverified: 0 });
    expect(a.baseline?.fixed.map((f) => [f.id, f.url, f.severity, f.title])).toEqual([
      ['max-age-excessive', A, 'info', 'max-age'],
    ]);
  });

  it('never claims fixed what it did not observe: an errored target or one not scanned now is unverified', () => {
    const cmp = new BaselineComparison(baseline());
    cmp.compare(withGrade(target(A, [reflected])));
    const b = cmp.compare(withGrade(failed(B)));
    expect(b.baseline).toEqual({ new: 0, unchanged: 0, fixed: [], unverified: 1 });
    // Not in the baseline at all: everything is new, nothing to fix.
    const c = cmp.compare(withGrade(target('https://c.example/', [finding('low')])));
    expect(c.baseline).toEqual({ new: 1, unchanged: 0, fixed: [], unverified: 0 });
    const summary = cmp.finish();
    expect(summary).toMatchObject({ file: 'base.json', new: 1, unchanged: 1, unverified: 2 });
    expect(summary.fixed.map((f) => f.id)).toEqual(['max-age-excessive']);
    // finish is idempotent.
    expect(cmp.finish().unverified).toBe(2);
  });

  it('counts the absent findings of a URL scanned twice once', () => {
    const cmp = new BaselineComparison(baseline());
    cmp.compare(withGrade(target(A, [])));
    const again = cmp.compare(withGrade(target(A, [])));
    expect(again.baseline?.fixed).toEqual([]);
    expect(cmp.finish().fixed.map((f) => f.id)).toEqual(['origin-reflected', 'max-age-excessive']);
  });
});
