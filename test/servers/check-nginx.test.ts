// corsguard check against a real nginx: a configuration that implements the policy passes, and the
// classic unanchored-regex allowlist is caught as a violation.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.js';
import { fakeIo } from '../../src/cli/test-support/fake-io.js';
import { type RunningServer, resolveEntry, targetUrl } from './harness.js';
import { missingServer } from './launchers.js';
import { type NginxConfig, nginx } from './nginx.js';

function site(variable: string, entry: string): NginxConfig {
  return {
    http: `  map $http_origin $${variable} {\n    default "";\n    ${entry} $http_origin;\n  }`,
    location: `        if ($request_method = OPTIONS) {
            add_header Access-Control-Allow-Origin $${variable};
            add_header Access-Control-Allow-Credentials true;
            add_header Access-Control-Allow-Methods 'PUT, DELETE';
            add_header Access-Control-Allow-Headers 'Authorization, Content-Type';
            add_header Access-Control-Max-Age 600;
            add_header Vary 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers';
            return 204;
        }
        add_header Access-Control-Allow-Origin $${variable} always;
        add_header Access-Control-Allow-Credentials true always;
        add_header Access-Control-Expose-Headers X-Request-Id always;
        add_header Vary Origin always;`,
  };
}

const missing = missingServer('nginx');

describe.skipIf(missing !== null)(
  `corsguard check against nginx${missing ? ` (skipped: ${missing})` : ''}`,
  () => {
    let server: RunningServer | undefined;
    let dir: string;
    let file: string;
    beforeAll(async () => {
      server = await nginx.start(
        [
          { path: '/exact', config: site('cors_exact', '"https://app.victim.test"') },
          // The slip: a regex without `$` also matches https://app.victim.test.attacker.example.
          { path: '/unanchored', config: site('cors_unanchored', '"~^https://app\\.victim\\.test"') },
        ],
        'http',
      );
      const port = server.portOf('/exact');
      dir = await mkdtemp(join(tmpdir(), 'corsguard-check-nginx-'));
      file = join(dir, 'cors.policy.yaml');
      await writeFile(
        file,
        `version: 1
environments:
  production:
    urls: ['${targetUrl('http', port, '/exact')}']
    origins: [https://app.victim.test]
    credentials: true
    methods: [PUT, DELETE]
    requestHeaders: [Authorization, Content-Type]
    exposeHeaders: [X-Request-Id]
    maxAge: 600
`,
      );
    });
    afterAll(async () => {
      await server?.stop();
      if (dir) await rm(dir, { recursive: true, force: true });
    });

    const check = async (path: string) => {
      if (!server) throw new Error('nginx did not start');
      const port = server.portOf(path);
      const t = fakeIo();
      const code = await run(
        ['check', '--policy', file, '--resolve', resolveEntry(port), targetUrl('http', port, path)],
        t.io,
      );
      return { code, out: t.stdout.text, err: t.stderr.text };
    };

    it('passes for a configuration that implements the policy', async () => {
      const r = await check('/exact');
      expect(r.err).toBe('');
      expect(r.out).toContain('no violations');
      expect(r.code).toBe(0);
    });

    it('catches the unanchored regex allowlist', async () => {
      const r = await check('/unanchored');
      expect(r.code).toBe(1);
      expect(r.out).toContain('origin-allowed  hostile https://app.victim.test.corsguard-check.invalid GET');
      expect(r.out).toContain(
        '+ Access-Control-Allow-Origin: https://app.victim.test.corsguard-check.invalid',
      );
    });
  },
);
