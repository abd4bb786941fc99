// The scanner against the real-server corpus: exactly the expected finding ids per endpoint, in the
// default mode and with --thorough (every variant of every family), which must report the same findings.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanTarget } from '../../src/capabilities/scan/index.js';
import type { Finding } from '../../src/capabilities/scan/types.js';
import { CORPUS } from './corpus.js';
import { type RunningServer, resolveEntry, TRUSTED_ORIGINS, targetUrl } from './harness.js';
import { missingServer, serverGroups, startServer } from './launchers.js';

const LOW_OR_ABOVE = new Set(['critical', 'high', 'medium', 'low']);

/** An origin with the scan's random label and attacker domain (8+ lower-case letters and digits) blanked. */
const anonymous = (origin: string | undefined) => (origin ?? '').replace(/[a-z0-9]{8,}/g, 'R');

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
          const options = {
            resolve: [resolveEntry(port)],
            insecure: true,
            timeoutMs: 5_000,
            trustedOrigins: [...TRUSTED_ORIGINS],
          };
          // Endpoints that also accept WebSocket upgrades are scanned as http(s) and as ws(s) URLs.
          const urls = [targetUrl(c.scheme, port, c.path)];
          if (c.websocket) urls.push(targetUrl(c.scheme, port, c.path).replace(/^http/, 'ws'));
          const scanAll = (thorough: boolean) =>
            Promise.all(urls.map((url) => scanTarget(url, { ...options, thorough })));
          const [quick, thorough] = await Promise.all([scanAll(false), scanAll(true)]);
          for (const results of [quick, thorough]) {
            const findings = results.flatMap((r) => r.findings);
            for (const r of results) expect(r.error).toBeUndefined();
            expect(new Set(findings.map((f: Finding) => f.id))).toEqual(new Set(c.expect));
            if (c.expect.length === 0) {
              expect(findings.filter((f: Finding) => LOW_OR_ABOVE.has(f.severity))).toEqual([]);
            }
          }
          // The same findings: ids, severities and the origin each is shown with (random labels aside).
          const shape = (results: typeof quick) =>
            results
              .flatMap((r) => r.findings.map((f: Finding) => `${f.id} ${f.severity} ${anonymous(f.origin)}`))
              .sort();
          expect(shape(quick)).toEqual(shape(thorough));
        });
      }
    },
  );
}
