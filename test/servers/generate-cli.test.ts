// `corsguard generate` end to end: the CLI writes the nginx and Apache configurations of a policy file's
// environment, they run in the real servers, and `corsguard check` (the CLI, over the network) finds the
// deployment conforming; a drifted copy (a development origin left in) fails the check with exit 1.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.js';
import { fakeIo } from '../../src/cli/test-support/fake-io.js';
import { missingBinaryOf, startGenerated } from './generated.js';
import { resolveEntry, targetUrl } from './harness.js';

const POLICY = `version: 1
defaults:
  methods: [PUT, DELETE]
  requestHeaders: [Authorization, Content-Type]
  maxAge: 600
environments:
  production:
    urls: [https://api.victim.test/api/me]
    origins: [https://app.victim.test, 'https://*.admin.victim.test']
    credentials: true
    paths:
      - path: /public/
        origins: '*'
        credentials: false
`;

let dir: string;
let policyFile: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'corsguard-generate-'));
  policyFile = join(dir, 'cors.policy.yaml');
  await writeFile(policyFile, POLICY);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function cli(args: string[]) {
  const t = fakeIo();
  const code = await run(args, t.io);
  return { code, stdout: t.stdout.text, stderr: t.stderr.text };
}

describe('corsguard generate (CLI)', () => {
  it('writes the configuration to stdout, or to a file with -o', async () => {
    const out = await cli(['generate', '--policy', policyFile, '--env', 'production', '--target', 'nginx']);
    expect(out.code).toBe(0);
    expect(out.stdout).toContain('map $http_origin');
    expect(out.stdout).toContain('environment "production"');
    const file = join(dir, 'cors.conf');
    const written = await cli(['generate', '--policy', policyFile, '--target', 'nginx', '-o', file]);
    expect(written.code).toBe(0);
    expect(await readFile(file, 'utf8')).toBe(out.stdout);
    expect(written.stderr).toContain(`wrote ${file}`);
  });

  it('says what a target cannot express instead of writing a wrong configuration', async () => {
    const out = await cli(['generate', '--policy', policyFile, '--target', 'django']);
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/django-cors-headers/);
  });

  it('refuses an unknown target or environment with the valid choices', async () => {
    const target = await cli(['generate', '--policy', policyFile, '--target', 'iis']);
    expect(target.code).toBe(2);
    expect(target.stderr).toContain('nginx');
    const env = await cli(['generate', '--policy', policyFile, '--env', 'prod', '--target', 'nginx']);
    expect(env.code).toBe(2);
    expect(env.stderr).toContain('it has: production');
  });

  it('points at the line of a policy problem instead of generating', async () => {
    const bad = join(dir, 'bad.yaml');
    await writeFile(bad, POLICY.replace("origins: '*'", "origins: ['null']"));
    const out = await cli(['generate', '--policy', bad, '--target', 'nginx']);
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/bad\.yaml:\d+:\d+ +origin-null/);
  });
});

for (const target of ['nginx', 'apache'] as const) {
  const why = missingBinaryOf(target);
  if (why !== null && process.env.CORSGUARD_REQUIRE_SERVERS === '1') {
    throw new Error(
      `${target} is required by CORSGUARD_REQUIRE_SERVERS=1 but ${why}; run .ci/install-servers.sh`,
    );
  }
  describe.skipIf(why !== null)(`generate → real ${target} → check`, () => {
    it('the generated configuration passes corsguard check; a dev origin left in fails it', async () => {
      const generated = await cli(['generate', '--policy', policyFile, '--target', target]);
      expect(generated.code).toBe(0);
      const code = generated.stdout;
      const drifted = code.replace(
        target === 'nginx' ? '"https://app.victim.test"' : 'https://app\\.victim\\.test',
        target === 'nginx'
          ? '"http://localhost:3000" $http_origin;\n  "https://app.victim.test"'
          : '(https://app\\.victim\\.test|http://localhost:3000)',
      );
      expect(drifted).not.toBe(code);
      const server = await startGenerated(target, [
        { key: 'generated', code },
        { key: 'drifted', code: drifted },
      ]);
      try {
        const checkArgs = (key: string, path: string) => {
          const port = server.portOf(key);
          return [
            'check',
            targetUrl('https', port, path),
            '--policy',
            policyFile,
            '--resolve',
            resolveEntry(port),
            '-k',
          ];
        };
        for (const path of ['/api/me', '/public/data']) {
          const ok = await cli(checkArgs('generated', path));
          expect(ok.code, ok.stdout).toBe(0);
        }
        const bad = await cli(checkArgs('drifted', '/api/me'));
        expect(bad.code).toBe(1);
        expect(bad.stdout).toContain('origin-allowed');
        expect(bad.stdout).toContain('http://localhost:3000');
      } finally {
        await server.stop();
      }
    }, 60_000);
  });
}
