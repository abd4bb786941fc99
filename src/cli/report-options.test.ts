import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Lab, startLab } from '../capabilities/lab/index.js';
import type { TargetResult } from '../capabilities/scan/index.js';
import { reportErrors } from '../capabilities/scan/test-support/schema.js';
import type { ScanSummary } from '../outputs/report/index.js';
import { run } from './run.js';
import { fakeIo } from './test-support/fake-io.js';

interface Report {
  targets: Array<TargetResult & { grade: { letter: string } | null }>;
  summary: ScanSummary;
}

let lab: Lab;
let tmp: string;
const labArgs = (): string[] => [...lab.resolve.flatMap((r) => ['--resolve', r]), '-k', '--no-progress'];
const labUrl = (path: string): string => {
  const t = lab.targets.find((x) => x.endpoint.path === path);
  if (!t) throw new Error(`no lab endpoint ${path}`);
  return t.url;
};

beforeAll(async () => {
  lab = await startLab();
  tmp = await mkdtemp(join(tmpdir(), 'corsguard-report-cli-'));
});

afterAll(async () => {
  await lab?.close();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

async function scan(args: readonly string[]) {
  const t = fakeIo();
  const code = await run(['scan', ...labArgs(), ...args], t.io);
  return { code, stdout: t.stdout.text, stderr: t.stderr.text };
}

describe('several formats at once', () => {
  it('writes each format to its file and at most one to stdout', async () => {
    const sarif = join(tmp, 'out.sarif');
    const html = join(tmp, 'report.html');
    const { code, stdout } = await scan([
      '--format',
      'json',
      '-o',
      `sarif=${sarif}`,
      '-o',
      `html=${html}`,
      labUrl('/reflect'),
      labUrl('/safe'),
    ]);
    expect(code).toBe(1);
    const report = JSON.parse(stdout) as Report;
    expect(reportErrors(report)).toEqual([]);
    expect(report.targets.map((t) => t.grade?.letter)).toEqual(['F', 'A+']);
    expect(report.summary.grade).toMatchObject({ letter: 'F', target: labUrl('/reflect') });
    const log = JSON.parse(await readFile(sarif, 'utf8')) as {
      version: string;
      runs: Array<{ results: unknown[] }>;
    };
    expect(log.version).toBe('2.1.0');
    expect(log.runs[0]?.results.length).toBeGreaterThan(0);
    expect(await readFile(html, 'utf8')).toContain('data-testid="grade-card"');
  });

  it('refuses two formats on stdout and a bad --stack with exit 2, listing every problem', async () => {
    const { code, stderr } = await scan(['--format', 'json,html', '--stack', 'rails', labUrl('/safe')]);
    expect(code).toBe(2);
    expect(stderr).toContain('only one format can go to stdout, got json, html');
    expect(stderr).toContain(
      '--stack must be one of express, fastify, hono, next, django, nginx, apache, corsguard, got "rails"',
    );
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});

describe('--poc DIR', () => {
  it('writes one page per exploitable finding and an index, none for correct endpoints', async () => {
    const dir = join(tmp, 'poc');
    const { code } = await scan([
      '--poc',
      dir,
      '--fail-on',
      'none',
      labUrl('/reflect'),
      labUrl('/null'),
      labUrl('/vary-missing'),
      labUrl('/safe'),
    ]);
    expect(code).toBe(0);
    const files = (await readdir(dir)).sort();
    expect(files).toHaveLength(3);
    expect(files).toContain('index.html');
    expect(
      files
        .filter((f) => f !== 'index.html')
        .every((f) => /^[a-z0-9.-]+--[a-z-]+-[0-9a-f]{8}\.html$/.test(f)),
    ).toBe(true);
    expect(files.some((f) => f.includes('origin-reflected'))).toBe(true);
    expect(files.some((f) => f.includes('null-origin-allowed'))).toBe(true);
    const safeOnly = join(tmp, 'poc-safe');
    await scan(['--poc', safeOnly, labUrl('/safe'), labUrl('/safe-public-read')]);
    expect(await readdir(safeOnly)).toEqual(['index.html']);
  });
});

describe('--baseline FILE', () => {
  type Doc = { targets: Array<{ url: string; findings: Array<Record<string, unknown>> }> };
  type Finding = TargetResult['findings'][number] & { baseline?: string };
  interface Target extends Omit<Report['targets'][number], 'findings'> {
    findings: Finding[];
    baseline?: {
      new: number;
      unchanged: number;
      fixed: Array<{ id: string; title: string }>;
      unverified: number;
    };
  }
  const HOSTILE = '<script>alert(1)</script> **b** [x](http://evil.example) `|` \x1b[2J\r';
  let base: string;
  let doc: Doc;

  beforeAll(async () => {
    base = join(tmp, 'base.json');
    const first = await scan([
      '--format',
      'json',
      '-o',
      base,
      '--fail-on',
      'none',
      labUrl('/reflect'),
      labUrl('/vary-missing'),
    ]);
    expect(first.code).toBe(0);
    doc = JSON.parse(await readFile(base, 'utf8')) as Doc;
  });

  it('reports unchanged findings as unchanged, not fixed: grade F, counts right, exit 0', async () => {
    const inBaseline = doc.targets.map((t) => t.findings.map((f) => f.id));
    expect(doc.targets[0]?.findings.some((f) => f.severity === 'critical')).toBe(true);
    // Same targets again: nothing new even though the random attacker origin changed.
    const same = await scan([
      '--format',
      'json',
      '--baseline',
      base,
      labUrl('/reflect'),
      labUrl('/vary-missing'),
    ]);
    expect(same.code).toBe(0);
    const report = JSON.parse(same.stdout) as Omit<Report, 'targets'> & { targets: Target[] };
    expect(reportErrors(report)).toEqual([]);
    expect(report.targets.map((t) => t.findings.map((f) => f.id))).toEqual(inBaseline);
    expect(report.targets.flatMap((t) => t.findings).every((f) => f.baseline === 'unchanged')).toBe(true);
    const total = inBaseline.flat().length;
    expect(report.summary.baseline).toEqual({
      file: base,
      new: 0,
      unchanged: total,
      fixed: [],
      unverified: 0,
    });
    expect(report.targets[0]?.grade?.letter).toBe('F');
    expect(report.targets[0]?.baseline).toEqual({
      new: 0,
      unchanged: inBaseline[0]?.length,
      fixed: [],
      unverified: 0,
    });
    expect(report.summary.findings.critical).toBeGreaterThan(0);
    expect(report.summary.failing).toBe(0);

    const text = (await scan(['--baseline', base, labUrl('/reflect')])).stdout;
    const head = text.split('\n')[0] ?? '';
    expect(head).toContain(labUrl('/reflect'));
    expect(head).not.toContain('✓');
    expect(head).not.toMatch(/\b0 finding\(s\)/);
    expect(head).toContain(
      `${inBaseline[0]?.length} finding(s): 0 new, ${inBaseline[0]?.length} unchanged, 0 fixed`,
    );
    expect(head).toContain('grade F');
    expect(text).toContain('unchanged since the baseline');
    expect(text).not.toContain('NEW');
    expect(text).not.toMatch(/^\s+fixed /m);
  });

  it('marks new findings new, lists fixed ones per target, leaves unscanned ones unverified, fails on new only', async () => {
    // Pretend /reflect's findings are new, one /vary-missing finding (and a hostile one) was fixed, and
    // the baseline had a target that is not scanned now: edit the baseline.
    const edited = structuredClone(doc);
    const [reflect, vary] = edited.targets;
    if (!reflect || !vary) throw new Error('baseline has two targets');
    const reflectIds = reflect.findings.map((f) => String(f.id));
    reflect.findings = [];
    const varyIds = vary.findings.map((f) => String(f.id));
    const template = vary.findings[0] ?? {};
    vary.findings.push(
      { ...template, id: 'max-age-excessive', severity: 'medium', title: 'Max-Age is excessive' },
      { ...template, id: 'preflight-permissive', severity: 'high', title: HOSTILE },
    );
    edited.targets.push({
      url: labUrl('/null'),
      findings: [{ id: 'null-origin-allowed', severity: 'critical', origin: 'null', title: 'null' }],
    });
    const file = join(tmp, 'edited.json');
    await writeFile(file, JSON.stringify(edited));
    const formats = ['sarif', 'junit', 'markdown', 'html', 'text'] as const;
    const out: Record<string, string> = Object.fromEntries(formats.map((f) => [f, join(tmp, `edited.${f}`)]));
    const changed = await scan([
      '--format',
      'json',
      ...formats.flatMap((f) => ['-o', `${f}=${out[f]}`]),
      '--baseline',
      file,
      labUrl('/reflect'),
      labUrl('/vary-missing'),
    ]);
    expect(changed.code).toBe(1);
    const report = JSON.parse(changed.stdout) as Omit<Report, 'targets'> & { targets: Target[] };
    expect(reportErrors(report)).toEqual([]);
    const [r, v] = report.targets;
    expect(r?.findings.map((f) => [f.id, f.baseline])).toEqual(reflectIds.map((id) => [id, 'new']));
    expect(v?.findings.map((f) => [f.id, f.baseline])).toEqual(varyIds.map((id) => [id, 'unchanged']));
    expect(v?.baseline?.fixed.map((f) => f.id)).toEqual(['max-age-excessive', 'preflight-permissive']);
    expect(r?.baseline?.fixed).toEqual([]);
    expect(report.summary.baseline).toMatchObject({
      new: reflectIds.length,
      unchanged: varyIds.length,
      unverified: 1,
    });
    expect(report.summary.baseline?.fixed.map((f) => f.id)).toEqual([
      'max-age-excessive',
      'preflight-permissive',
    ]);
    expect(report.targets.map((t) => t.url)).not.toContain(labUrl('/null'));

    const text = await readFile(out.text ?? '', 'utf8');
    expect(text).toContain('NEW');
    expect(text).toContain('fixed max-age-excessive');
    expect(text).toMatch(/1 not re-checked/);
    expect(text).not.toContain('\x1b[');
    expect(text).not.toMatch(/fixed finding\(s\).*null-origin-allowed/);

    const sarif = JSON.parse(await readFile(out.sarif ?? '', 'utf8')) as {
      runs: Array<{
        results: Array<{ ruleId: string; baselineState?: string }>;
        properties?: { baseline?: { fixed: Array<{ ruleId: string }> } };
      }>;
    };
    const run0 = sarif.runs[0];
    const states = new Map(run0?.results.map((x) => [x.ruleId, x.baselineState]));
    for (const id of reflectIds) expect(states.get(id), id).toBe('new');
    for (const id of varyIds.filter((id) => !reflectIds.includes(id)))
      expect(states.get(id), id).toBe('unchanged');
    expect(run0?.results.some((x) => x.baselineState === 'absent')).toBe(false);
    expect(run0?.properties?.baseline?.fixed.map((f) => f.ruleId)).toEqual([
      'max-age-excessive',
      'preflight-permissive',
    ]);

    const junit = await readFile(out.junit ?? '', 'utf8');
    expect(junit).toMatch(/<failure message="critical: [^"]*\(new\)"/);
    expect(junit).toMatch(/<skipped message="unchanged since the baseline: /);
    expect(junit).toContain('fixed since the baseline (was medium)');
    expect(junit).not.toContain('<script>');

    const md = await readFile(out.markdown ?? '', 'utf8');
    expect(md).toContain(
      '| Target | Grade | Score | Critical | High | Medium | Low | Info | New | Unchanged | Fixed |',
    );
    expect(md).toContain('🆕 **new**');
    expect(md).toContain('_unchanged since the baseline_');
    expect(md).toContain('✅ fixed **max-age-excessive**');
    expect(md).not.toContain('<script>');
    expect(md).toContain('\\[x\\](http://evil.example)');

    const html = await readFile(out.html ?? '', 'utf8');
    expect(html).toMatch(/data-baseline="new"/);
    expect(html).toMatch(/data-baseline="unchanged"/);
    expect(html).toContain('data-testid="fixed" data-id="max-age-excessive"');
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it.each([
    ['missing', null, /--baseline .*: cannot be read \(ENOENT\)/],
    ['not JSON', '{oops', /not JSON/],
    ['not a corsguard report', '{"runs":[]}', /not a corsguard JSON report/],
    [
      'a target without findings',
      '{"tool":{"name":"corsguard"},"targets":[{"url":"x"}]}',
      /targets\[0\] has no url and findings/,
    ],
  ])('a bad baseline (%s) is a usage error, not a stack trace', async (_name, content, message) => {
    const file = join(tmp, `bad-${Math.random().toString(36).slice(2)}.json`);
    if (content !== null) await writeFile(file, content);
    const { code, stderr } = await scan(['--baseline', file, labUrl('/safe')]);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr).toContain('give a report written by corsguard scan --format json -o FILE');
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});
