// Generated nginx and Apache configurations load and behave in the real servers whatever the size of
// the allowlist: 1, 500 and 10,000 origins. nginx refuses a configuration line over its 4 KB token
// buffer ("too long parameter"), so the generated header must not list every origin on one line.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPolicy, engineSender } from '../../src/capabilities/check/index.js';
import { generateConfig } from '../../src/capabilities/generate/index.js';
import { Engine } from '../../src/capabilities/scan/index.js';
import { createPolicy, type Policy } from '../../src/core/policy/index.js';
import { missingBinaryOf, startGenerated } from './generated.js';
import { type RunningServer, resolveEntry, targetUrl } from './harness.js';

const SIZES = [1, 500, 10_000] as const;

function allowlist(size: number): Policy {
  const origins = ['https://app.victim.test'];
  for (let i = 1; i < size; i++) origins.push(`https://tenant-${i}.customers.example`);
  return createPolicy({ origins, credentials: true, methods: ['PUT'], requestHeaders: ['Content-Type'] });
}

for (const target of ['nginx', 'apache'] as const) {
  const why = missingBinaryOf(target);
  if (why !== null && process.env.CORSGUARD_REQUIRE_SERVERS === '1') {
    throw new Error(
      `${target} is required by CORSGUARD_REQUIRE_SERVERS=1 but ${why}; run .ci/install-servers.sh`,
    );
  }
  describe.skipIf(why !== null)(`generated ${target} with large allowlists`, () => {
    const policies = new Map(SIZES.map((n) => [n, allowlist(n)]));
    let server: RunningServer | undefined;
    beforeAll(async () => {
      const sites = SIZES.map((n) => ({
        key: `origins-${n}`,
        code: generateConfig(target, { policy: policies.get(n) as Policy, env: 'production' }).code,
      }));
      for (const s of sites) expect(Math.max(...s.code.split('\n').map((l) => l.length))).toBeLessThan(4096);
      server = await startGenerated(target, sites);
    }, 120_000);
    afterAll(async () => {
      await server?.stop();
    });

    for (const size of SIZES) {
      it(`${size} origin(s): the server starts and check finds no violation`, async () => {
        if (server === undefined) throw new Error('server did not start');
        const port = server.portOf(`origins-${size}`);
        const engine = new Engine({
          resolve: [resolveEntry(port)],
          insecure: true,
          concurrency: 32,
          perHost: 32,
        });
        try {
          const result = await checkPolicy(
            'https://api.victim.test/api/me',
            policies.get(size) as Policy,
            engineSender(engine, targetUrl('https', port, '/api/me')),
          );
          expect(result.errors).toEqual([]);
          expect(result.violations).toEqual([]);
          expect(result.probes).toBeGreaterThan(size);
        } finally {
          await engine.close();
        }
      }, 240_000);
    }
  });
}
