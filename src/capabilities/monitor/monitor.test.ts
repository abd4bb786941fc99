import { describe, expect, it } from 'vitest';
import { diffSnapshots, nextRunAt, parseMonitorConfig, type TargetSnapshot } from './index.js';

const files: Record<string, string> = {
  '/cfg/apis.txt': '# production APIs\nhttps://api.example.com/v1/me\n\nhttps://api.example.com/v1/orders\n',
};
const read = (p: string) => {
  const t = files[p];
  if (t === undefined) throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
  return t;
};
const parse = (text: string) => parseMonitorConfig(text, '/cfg/corsguard.monitor.yaml', read);

describe('monitor configuration', () => {
  it('resolves groups: URL file relative to the config, defaults merged, schedules read', () => {
    const r = parse(
      [
        'version: 1',
        'defaults: { every: 15m, perHost: 3 }',
        'alerts:',
        '  ops: { type: webhook, url: "https://hooks.example.com/x", secret: "a-webhook-secret-of-32-characters" }',
        'groups:',
        '  - name: prod',
        '    urlFile: apis.txt',
        '    alerts: [ops]',
        '  - name: staging',
        '    urls: [https://staging.example.com/]',
        '    cron: "0 * * * *"',
        '    policy: cors.policy.yaml',
        '    h2Streams: 8',
      ].join('\n'),
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const [prod, staging] = r.config.groups;
    expect(prod?.urls).toEqual(['https://api.example.com/v1/me', 'https://api.example.com/v1/orders']);
    expect(prod?.schedule).toEqual({ kind: 'interval', ms: 900_000 });
    expect(prod?.limits).toEqual({ concurrency: 8, perHost: 3 });
    expect(staging?.limits).toEqual({ concurrency: 8, perHost: 3, h2Streams: 8 });
    expect(staging?.schedule).toEqual({ kind: 'cron', expression: '0 * * * *' });
    expect(staging?.policy).toEqual({ file: '/cfg/cors.policy.yaml' });
  });

  it('reports every problem at once, each at its line and column', () => {
    const r = parse(
      [
        'version: 1',
        'groups:',
        '  - name: prod',
        '    urls: [ftp://x.example.com/]',
        '    cron: "61 * * * *"',
        '    alerts: [pager]',
        '    evry: 1h',
      ].join('\n'),
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map((i) => [i.code, i.line, i.column])).toEqual([['unknown-key', 7, 5]]);
    const r2 = parse(
      [
        'version: 1',
        'groups:',
        '  - name: prod',
        '    urls: [ftp://x.example.com/]',
        '    cron: "61 * * * *"',
        '    alerts: [pager]',
        '    urlFile: missing.txt',
      ].join('\n'),
    );
    expect(r2.ok ? [] : r2.issues.map((i) => [i.code, i.line])).toEqual([
      ['cron-invalid', 5],
      ['url-invalid', 4],
      ['url-file-unreadable', 7],
      ['sink-unknown', 6],
    ]);
  });

  it('a YAML syntax error is located, not thrown', () => {
    const r = parse('version: 1\ngroups: [\n');
    expect(r.ok ? 'ok' : r.issues[0]?.code).toBe('yaml-syntax');
  });
});

describe('schedules', () => {
  it('intervals add up; cron finds the next slot in UTC', () => {
    expect(nextRunAt({ kind: 'interval', ms: 60_000 }, new Date('2026-01-01T00:00:00Z')).toISOString()).toBe(
      '2026-01-01T00:01:00.000Z',
    );
    expect(
      nextRunAt({ kind: 'cron', expression: '*/15 * * * *' }, new Date('2026-01-01T00:07:00Z')).toISOString(),
    ).toBe('2026-01-01T00:15:00.000Z');
  });
});

describe('changes between two runs of a target', () => {
  const t = 'https://api.example.com/v1/me';
  const ok: TargetSnapshot = { target: t, grade: 'A', findings: [] };
  const reflected: TargetSnapshot = {
    target: t,
    grade: 'F',
    findings: [{ id: 'origin-reflected', severity: 'critical', title: 'Any origin is trusted' }],
  };
  it('a reflected origin introduced is one new-findings change with the finding', () => {
    expect(diffSnapshots(ok, reflected)).toMatchObject({
      kind: 'new-findings',
      grade: { before: 'A', after: 'F' },
      added: [{ id: 'origin-reflected' }],
      removed: [],
    });
  });
  it('fixed is one fixed change; no change is nothing; the first run is a baseline', () => {
    expect(diffSnapshots(reflected, ok)?.kind).toBe('fixed');
    expect(diffSnapshots(ok, ok)).toBeUndefined();
    expect(diffSnapshots(undefined, reflected)).toBeUndefined();
  });
  it('a target that stops answering is one unreachable change, and only once', () => {
    const down: TargetSnapshot = {
      target: t,
      findings: [],
      error: { code: 'CONNECTION_REFUSED', message: 'refused' },
    };
    expect(diffSnapshots(ok, down)?.kind).toBe('unreachable');
    expect(diffSnapshots(down, down)).toBeUndefined();
    expect(diffSnapshots(down, ok)?.kind).toBe('recovered');
  });
  it('policy drift alone is a policy-drift change', () => {
    expect(
      diffSnapshots(
        { ...ok, drift: [] },
        { ...ok, drift: ['origin-granted: https://evil.example was allowed'] },
      )?.kind,
    ).toBe('policy-drift');
  });
});
