import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPolicyServer, type Tweak } from '../capabilities/check/test-support/policy-server.js';
import { getEnvironment, parsePolicyFile, policyForUrl } from '../capabilities/policy-file/index.js';
import { createPolicy, type Policy, type PolicyInput } from '../core/policy/index.js';
import { run } from './run.js';
import { fakeIo } from './test-support/fake-io.js';

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'corsguard-check-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

/** The policy file under test, for a server on `port`. */
function policyText(port: number): string {
  return `version: 1
defaults:
  methods: [PUT, DELETE]
  requestHeaders: [Authorization, Content-Type]
  exposeHeaders: [X-Request-Id]
  maxAge: 600
environments:
  production:
    urls: [http://127.0.0.1:${port}/v1/me, http://127.0.0.1:${port}/public/status]
    origins: [https://app.example.com, 'https://*.admin.example.com']
    credentials: true
    paths:
      - path: /public/
        origins: '*'
        credentials: false
  development:
    urls: [http://127.0.0.1:${port}/v1/me]
    origins: ['http://localhost:*']
    credentials: true
`;
}

function production(port: number) {
  const parsed = parsePolicyFile(policyText(port), 'cors.policy.yaml');
  if (!parsed.ok) throw new Error('fixture policy is invalid');
  return getEnvironment(parsed.file, 'production');
}

/**
 * Starts a server that follows the production policy (per path), with `drift` applied to the policy of
 * /v1/ URLs and `tweak` to the headers it sends; writes the policy file; runs `corsguard check`.
 */
async function check(
  drift: (input: PolicyInput) => PolicyInput = (i) => i,
  tweak?: Tweak,
  args: readonly string[] = [],
) {
  let env: ReturnType<typeof production> | undefined;
  let drifted: Policy | undefined;
  const server = await startPolicyServer((path) => {
    if (!env || !drifted) throw new Error('not ready');
    const policy = policyForUrl(env, path);
    return policy === env.policy ? drifted : policy;
  }, tweak);
  env = production(server.port);
  drifted = createPolicy(drift(env.input));
  const file = join(tmp, `policy-${server.port}.yaml`);
  await writeFile(file, policyText(server.port));
  const t = fakeIo();
  try {
    const code = await run(['check', '--policy', file, '--env', 'production', ...args], t.io);
    return { code, out: t.stdout.text, err: t.stderr.text, file, port: server.port };
  } finally {
    await server.close();
  }
}

describe('corsguard check', () => {
  it('exits 0 when the deployment answers exactly as its policy says, per path', async () => {
    const r = await check();
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain(`✓ http://127.0.0.1:${r.port}/v1/me`);
    expect(r.out).toContain(`✓ http://127.0.0.1:${r.port}/public/status (policy of path /public/)`);
    expect(r.out).toMatch(/2 URLs, \d+ probes: no violations/);
  });

  it('catches a development origin left allowed in production, with a diff', async () => {
    const r = await check((i) => ({ ...i, origins: [...(i.origins as string[]), 'http://localhost:3000'] }));
    expect(r.code).toBe(1);
    expect(r.out).toContain('origin-allowed  hostile http://localhost:3000 GET');
    expect(r.out).toContain("http://localhost:3000 can read the response with the user's cookies");
    expect(r.out).toContain('    + Access-Control-Allow-Origin: http://localhost:3000\n');
    expect(r.out).toContain('    + Access-Control-Allow-Credentials: true\n');
    expect(r.out).toContain('      Vary: Origin\n');
  });

  it('catches an extra origin (every subdomain trusted)', async () => {
    const r = await check((i) => ({ ...i, origins: ['https://app.example.com', 'https://*.example.com'] }));
    expect(r.code).toBe(1);
    expect(r.out).toContain('origin-allowed  hostile https://corsguard-check.example.com GET');
  });

  it('catches a missing Vary: Origin', async () => {
    const r = await check(undefined, (h) => h.filter(([n]) => n !== 'Vary'));
    expect(r.code).toBe(1);
    expect(r.out).toContain('vary-missing  allowed https://app.example.com GET');
    expect(r.out).toContain('    - Vary: Origin\n');
  });

  it('catches credentials toggled off', async () => {
    const r = await check((i) => ({ ...i, credentials: false }) as PolicyInput);
    expect(r.code).toBe(1);
    expect(r.out).toContain('credentials-missing');
    expect(r.out).toContain('    - Access-Control-Allow-Credentials: true\n');
  });

  it('writes JSON and JUnit reports with -o', async () => {
    const json = join(tmp, 'check.json');
    const r = await check(undefined, (h) => h.filter(([n]) => n !== 'Vary'), [
      '--format',
      'json',
      '-o',
      json,
    ]);
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toContain(`report written to ${json}`);
    const doc = JSON.parse(await readFile(json, 'utf8'));
    expect(doc).toMatchObject({ tool: { name: 'corsguard' }, format: 1, command: 'check' });
    expect(doc.policy.environment).toBe('production');
    expect(doc.results[1].path).toBe('/public/');
    expect(doc.summary.byCode['vary-missing']).toBeGreaterThan(0);
    expect(doc.results[0].violations[0]).toMatchObject({ code: 'vary-missing', expected: expect.any(Array) });

    const junit = join(tmp, 'check.xml');
    await check(undefined, (h) => h.filter(([n]) => n !== 'Vary'), ['--format', 'junit', '-o', junit]);
    const xml = await readFile(junit, 'utf8');
    expect(xml).toMatch(
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="corsguard check" tests="\d+" failures="\d+" errors="0">/,
    );
    expect(xml).toContain(
      '<testcase name="hostile null GET" classname="corsguard.check.production" time="0.000"/>',
    );
    expect(xml).toMatch(/<failure message="[^"]*" type="vary-missing"/);
  });

  it('colours the diff with --color', async () => {
    const r = await check(undefined, (h) => h.filter(([n]) => n !== 'Vary'), ['--color']);
    expect(r.out).toContain('\u001b[31m- Vary: Origin\u001b[39m');
  });

  it('exits 3 when probes cannot be sent, and never counts them as passing', async () => {
    const file = join(tmp, 'closed.yaml');
    await writeFile(
      file,
      "version: 1\nenvironments:\n  production:\n    urls: ['http://127.0.0.1:1/']\n    origins: [https://app.example.com]\n",
    );
    const t = fakeIo();
    const code = await run(['check', '--policy', file, '--timeout', '2000'], t.io);
    expect(code).toBe(3);
    expect(t.stdout.text).toMatch(/probes could not be sent .*CONNECTION_REFUSED/);
    expect(t.stdout.text).toContain('probes failed to send');
  });

  it('exits 2 on an invalid policy file, an unknown environment, or bad options', async () => {
    const bad = join(tmp, 'bad.yaml');
    await writeFile(
      bad,
      "version: 1\nenvironments:\n  production:\n    origins: ['null']\n  dev:\n    origins: '*'\n",
    );
    let t = fakeIo();
    expect(await run(['check', '--policy', bad, '--env', 'production'], t.io)).toBe(2);
    expect(t.stderr.text).toContain(`${bad}:4:15  origin-null  "null" is refused`);

    const good = join(tmp, 'good.yaml');
    await writeFile(good, policyText(1));
    t = fakeIo();
    expect(await run(['check', '--policy', good, '--env', 'prod'], t.io)).toBe(2);
    expect(t.stderr.text).toContain('no environment "prod" in');
    expect(t.stderr.text).toContain('it has: production, development');
    t = fakeIo();
    expect(await run(['check', '--policy', good, '--queue', 'redis://127.0.0.1:6379'], t.io)).toBe(2);
    expect(t.stderr.text).toMatch(/--queue .*postgres:\/\//);
    t = fakeIo();
    expect(await run(['check', '--policy', good], t.io)).toBe(2);
    expect(t.stderr.text).toContain('--env is required');
    t = fakeIo();
    expect(
      await run(['check', '--policy', good, '--env', 'production', '-c', '0', '--resolve', 'x'], t.io),
    ).toBe(2);
    expect(t.stderr.text).toContain('-c/--concurrency must be a whole number');
    expect(t.stderr.text).toContain('--resolve');
    t = fakeIo();
    expect(await run(['check', '--policy', good, '--env', 'production', 'ftp://x/'], t.io)).toBe(2);
    expect(t.stderr.text).toContain('"ftp://x/" is not an http(s) URL');
  });
});

describe('corsguard policy validate', () => {
  it('prints a summary and exits 0 for a valid file', async () => {
    const file = join(tmp, 'valid.yaml');
    await writeFile(file, policyText(8080));
    const t = fakeIo();
    expect(await run(['policy', 'validate', file], t.io)).toBe(0);
    expect(t.stdout.text).toBe(
      `${file}: valid, 2 environments\n  production: 2 origins, credentials, 2 URLs, path overrides: /public/\n  development: 1 origin, credentials, 1 URL\n`,
    );
  });

  it('prints every problem as FILE:LINE:COL  code  message. Fix: … and exits 2', async () => {
    const file = join(tmp, 'invalid.yaml');
    await writeFile(
      file,
      "version: 1\nenvironments:\n  production:\n    origins: ['null', 'http://localhost:3000']\n    credentials: true\n    orgins: []\n",
    );
    const t = fakeIo();
    expect(await run(['policy', 'validate', file], t.io)).toBe(2);
    expect(t.stdout.text.split('\n')).toEqual([
      `${file}:4:15  origin-null  "null" is refused: sandboxed iframes, data: URLs and local files all send Origin: null, so any attacker can. Fix: remove "null" and list the real origins of your front ends`,
      expect.stringMatching(
        new RegExp(
          `^${file}:4:23  production-localhost  "http://localhost:3000" is a local development origin`,
        ),
      ),
      expect.stringMatching(
        new RegExp(
          `^${file}:6:5  unknown-key  unknown key "orgins" in environments.production. Fix: did you mean "origins"\\?`,
        ),
      ),
      '',
    ]);
    expect(t.stderr.text).toBe(`3 problems in ${file}\n`);
  });

  it('reports a missing file', async () => {
    const t = fakeIo();
    expect(await run(['policy', 'validate', join(tmp, 'nope.yaml')], t.io)).toBe(2);
    expect(t.stdout.text).toContain('nope.yaml:1:1  file-unreadable');
  });
});
