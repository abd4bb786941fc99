// Raw behaviour of the real-server corpus, independent of the scanner: every server starts, answers the
// legitimate front-end as configured, and shows the behaviour each case's expectations rely on.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CORPUS } from './corpus.js';
import { type RunningServer, TRUSTED_ORIGINS, targetUrl } from './harness.js';
import { missingServer, serverGroups, startServer } from './launchers.js';
import { closeRawClient, rawRequest, webSocketAccepted } from './raw-client.js';

const [APP] = TRUSTED_ORIGINS;

afterAll(closeRawClient);

for (const group of serverGroups(CORPUS)) {
  const missing = missingServer(group.kind);
  describe.skipIf(missing !== null)(
    `${group.kind} over ${group.scheme}${missing ? ` (skipped: ${missing})` : ''}`,
    () => {
      let server: RunningServer | undefined;
      beforeAll(async () => {
        server = await startServer(group.kind, group.scheme, group.cases);
      });
      afterAll(async () => {
        await server?.stop();
      });
      const url = (path: string) => {
        if (server === undefined) throw new Error('server did not start');
        return targetUrl(group.scheme, server.portOf(path), path);
      };

      for (const c of group.cases) {
        it(`${c.name}: the legitimate origin gets ${c.legit ?? 'no ACAO'}`, async () => {
          const res = await rawRequest(url(c.path), APP);
          expect(res.header('access-control-allow-origin')).toBe(c.legit);
        });
        for (const probe of c.probes ?? []) {
          const what = `${probe.preflight ? `preflight ${probe.preflight.method}` : 'GET'} from ${probe.origin}`;
          it(`${c.name}: ${what}`, async () => {
            const res = await rawRequest(url(c.path), probe.origin, probe.preflight);
            if (probe.status !== undefined) expect(res.status).toBe(probe.status);
            const seen = Object.fromEntries(
              Object.keys(probe.headers).map((name) => [name, res.header(name)]),
            );
            expect(seen).toEqual(probe.headers);
          });
        }
        for (const ws of c.websocket ?? []) {
          it(`${c.name}: WebSocket from ${ws.origin} is ${ws.accepted ? 'accepted' : 'refused'}`, async () => {
            expect(await webSocketAccepted(url(c.path), ws.origin)).toBe(ws.accepted);
          });
        }
      }
    },
  );
}
