import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exploitability } from '../capabilities/explain/index.js';
import type { Finding, TargetResult } from '../capabilities/scan/index.js';
import { reportErrors } from '../capabilities/scan/test-support/schema.js';
import { verifyPlan } from '../services/verify/index.js';
import { CHROMIUM, missingTool } from '../test-support/tools.js';
import { run } from './run.js';
import { fakeIo } from './test-support/fake-io.js';

const missing = missingTool('chromium', CHROMIUM);

/** Lab findings a page at their origin can read (or whose socket it can open) in Chromium. */
const READ = [
  'origin-reflected',
  'null-origin-allowed',
  'prefix-match-bypass',
  'suffix-match-bypass',
  'substring-match-bypass',
  'unescaped-dot-bypass',
  'special-char-bypass',
  'subdomain-trusted',
  'insecure-scheme-trusted',
  'port-ignored',
  'localhost-trusted',
  'third-party-origin-trusted',
  'websocket-origin-unchecked',
];
/** Lab grants Chromium refuses: `*` with credentials, two Access-Control-Allow-Origin values. */
const NOT_READ = ['wildcard-with-credentials', 'invalid-cors-headers'];

describe.skipIf(missing !== null)('corsguard scan --lab --verify in Chromium', () => {
  let dir: string;
  let code: number;
  let targets: TargetResult[];
  let stderr: string;
  const file = (name: string) => readFile(join(dir, name), 'utf8');

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cg-verify-'));
    const t = fakeIo({ env: { CORSGUARD_CHROMIUM: CHROMIUM } });
    const outputs = ['text', 'markdown', 'html', 'sarif', 'junit'].flatMap((f) => [
      '-o',
      `${f}=${join(dir, `report.${f}`)}`,
    ]);
    code = await run(
      ['scan', '--lab', '--verify', '--format', 'json', ...outputs, '--fail-on', 'none', '--no-progress'],
      t.io,
    );
    stderr = t.stderr.text;
    const doc = JSON.parse(t.stdout.text) as { targets: TargetResult[] };
    expect(reportErrors(doc)).toEqual([]);
    targets = doc.targets;
  }, 60_000);

  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const verified = (): Array<{ t: TargetResult; f: Finding }> =>
    targets.flatMap((t) => t.findings.filter((f) => f.verified).map((f) => ({ t, f })));

  it('marks every exploitable lab finding read: true, and the refused grants read: false', () => {
    expect(code, stderr).toBe(0);
    const byId = new Map(verified().map(({ f }) => [f.id, f.verified]));
    for (const id of READ) expect(byId.get(id as never)?.read, id).toBe(true);
    for (const id of NOT_READ) expect(byId.get(id as never)?.read, id).toBe(false);
    expect(new Set(byId.keys())).toEqual(new Set([...READ, ...NOT_READ]));
    expect(byId.get('wildcard-with-credentials')?.kind).toBe('fetch-credentialed');
    expect(byId.get('null-origin-allowed')?.kind).toBe('null-origin');
    expect(byId.get('websocket-origin-unchecked')?.kind).toBe('websocket');
  });

  it('agrees with the browser model on every finding it verified, and verifies every exploitable one', () => {
    for (const { t, f } of verified()) {
      expect(f.verified?.read, `${t.url} ${f.id}`).toBe(verifyPlan(t, f)?.expected);
      expect(f.verified).toMatchObject({ browser: 'chromium', version: expect.stringMatching(/^\d+\./) });
      expect(f.verified?.console.length).toBeLessThanOrEqual(5);
      for (const l of f.verified?.console ?? []) expect(l.length).toBeLessThanOrEqual(200);
    }
    const exploitable = targets.flatMap((t) => t.findings.filter((f) => exploitability(f) !== 'none'));
    for (const f of exploitable) expect(f.verified, f.id).toBeDefined();
  });

  it('records what Chromium said when it refused the read', () => {
    const refused = verified().find(({ f }) => f.id === 'invalid-cors-headers')?.f.verified;
    expect(refused?.console.join('\n')).toMatch(
      /Blocked by CORS policy: The 'Access-Control-Allow-Origin' header contains multiple values/,
    );
  });

  it('shows the verdict in the text, Markdown, HTML, SARIF and JUnit reports', async () => {
    const text = await file('report.text');
    expect(text).toMatch(/verified: read in Chromium \d+\.[\d.]+ \(fetch with cookies\)/);
    expect(text).toMatch(/verified: not read in Chromium/);
    const md = await file('report.markdown');
    expect(md).toMatch(/🔓 verified: read in Chromium/);
    expect(md).toMatch(/🔒 verified: not read in Chromium/);
    const html = await file('report.html');
    expect(html).toMatch(/data-testid="verified" data-read="true"/);
    expect(html).toMatch(/data-testid="verified" data-read="false"/);
    const sarif = JSON.parse(await file('report.sarif')) as {
      runs: Array<{ results: Array<{ ruleId: string; properties: { verified?: { read: boolean } } }> }>;
    };
    const results = sarif.runs[0]?.results ?? [];
    expect(results.find((r) => r.ruleId === 'origin-reflected')?.properties.verified?.read).toBe(true);
    expect(results.find((r) => r.ruleId === 'wildcard-with-credentials')?.properties.verified?.read).toBe(
      false,
    );
    const junit = await file('report.junit');
    expect(junit).toMatch(/verified: read in Chromium/);
    expect(junit).toMatch(/verified: not read in Chromium/);
  });
});

describe('corsguard scan --verify without Chromium', () => {
  it('fails with one clear line and exit code 2 before scanning', async () => {
    const t = fakeIo({ env: { CORSGUARD_CHROMIUM: '/nonexistent/chromium' } });
    const code = await run(['scan', '--lab', '--verify', '--format', 'json'], t.io);
    expect(code).toBe(2);
    expect(t.stdout.text).toBe('');
    expect(t.stderr.text).toMatch(
      /^corsguard: --verify needs Chromium \(\/nonexistent\/chromium does not exist\): install Debian's chromium or set CORSGUARD_CHROMIUM=\/path\n$/,
    );
  });

  it('refuses --verify with --queue (Chromium runs in this process)', async () => {
    const t = fakeIo({ env: {} });
    const code = await run(['scan', 'https://a.example/', '--verify', '--queue', 'postgres://x/y'], t.io);
    expect(code).toBe(2);
    expect(t.stderr.text).toMatch(/--verify runs Chromium in this process; drop --queue/);
  });
});
