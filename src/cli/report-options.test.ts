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
  it('reports only new findings, lists fixed ones, and exits on new findings only', async () => {
    const base = join(tmp, 'base.json');
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
    const sameReport = JSON.parse(same.stdout) as Report;
    expect(reportErrors(sameReport)).toEqual([]);
    expect(sameReport.targets.flatMap((t) => t.findings)).toEqual([]);
    expect(sameReport.summary.baseline).toMatchObject({ new: 0, unchanged: 2, fixed: [] });
    expect(sameReport.targets[0]?.grade?.letter).toBe('F');
    // Pretend /vary-missing was fixed and /reflect is new: edit the baseline.
    const doc = JSON.parse(await readFile(base, 'utf8')) as {
      targets: Array<{ findings: Array<Record<string, unknown>> }>;
    };
    const reflectTarget = doc.targets[0];
    if (reflectTarget) reflectTarget.findings = [];
    const varyTarget = doc.targets[1];
    const vary = varyTarget?.findings[0];
    if (varyTarget && vary) varyTarget.findings = [{ ...vary, id: 'max-age-excessive' }, vary];
    await writeFile(base, JSON.stringify(doc));
    const changed = await scan([
      '--format',
      'json',
      '--baseline',
      base,
      labUrl('/reflect'),
      labUrl('/vary-missing'),
    ]);
    expect(changed.code).toBe(1);
    const report = JSON.parse(changed.stdout) as Report;
    expect(report.targets[0]?.findings.map((f) => f.id)).toEqual(['origin-reflected']);
    expect(report.targets[1]?.findings).toEqual([]);
    expect(report.summary.baseline).toMatchObject({ new: 1, unchanged: 1 });
    expect(report.summary.baseline?.fixed.map((f) => f.id)).toEqual(['max-age-excessive']);
    const text = await scan(['--baseline', base, labUrl('/vary-missing')]);
    expect(text.stdout).toContain('fixed max-age-excessive');
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
