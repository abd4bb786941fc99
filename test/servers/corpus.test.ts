// The scanner against the real-server corpus: exactly the expected finding ids per endpoint.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanTarget } from '../../src/scan/index.js';
import type { Finding } from '../../src/scan/types.js';
import { CORPUS } from './corpus.js';
import { type RunningServer, resolveEntry, TRUSTED_ORIGINS, targetUrl } from './harness.js';
import { missingServer, serverGroups, startServer } from './launchers.js';

const LOW_OR_ABOVE = new Set(['critical', 'high', 'medium', 'low']);

for (const group of serverGroups(CORPUS)) {
  const missing = missingServer(group.kind);
  describe.skipIf(missing !== null)(
    `scan ${group.kind} over ${group.scheme}${missing ? ` (skipped: ${missing})` : ''}`,
    () => {
      let server: RunningServer | undefined;
      beforeAll(async () => {
        server = await startServer(group.kind, group.scheme, group.cases);
      });
      afterAll(async () => {
        await server?.stop();
      });

      for (const c of group.cases) {
        it(`${c.name} → ${c.expect.length === 0 ? 'no findings' : c.expect.join(', ')}`, async () => {
          if (server === undefined) throw new Error('server did not start');
          const port = server.portOf(c.path);
          const result = await scanTarget(targetUrl(c.scheme, port, c.path), {
            resolve: [resolveEntry(port)],
            insecure: true,
            timeoutMs: 5_000,
            trustedOrigins: [...TRUSTED_ORIGINS],
          });
          expect(result.error).toBeUndefined();
          expect(new Set(result.findings.map((f: Finding) => f.id))).toEqual(new Set(c.expect));
          if (c.expect.length === 0) {
            expect(result.findings.filter((f: Finding) => LOW_OR_ABOVE.has(f.severity))).toEqual([]);
          }
        });
      }
    },
  );
}
