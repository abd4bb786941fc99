import { once } from 'node:events';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { WebSocketEndpointDef } from '../definition.js';
import { LAB_ENDPOINT_DEFS } from '../endpoints.js';
import { respondCors, respondPlain } from '../respond.js';
import { createUpgradeHandler, pathOf } from '../websocket.js';

/** One request the lab answered: its Host, its path and query, when it arrived and when it was answered. */
export interface ObservedRequest {
  readonly host: string;
  readonly target: string;
  readonly start: number;
  end: number;
}

/** The lab's endpoints over plain HTTP (and ws:) on loopback, with every request recorded. */
export interface ObservedLab {
  readonly port: number;
  /** Every request (WebSocket handshakes too), in arrival order; `end` is set when the answer is written. */
  readonly requests: ObservedRequest[];
  close(): Promise<void>;
}

const ROUTES = new Map(LAB_ENDPOINT_DEFS.map((d) => [d.path, d]));

/**
 * The lab's HTTP listener (same endpoints, same answers as `startLab`'s) that records each request's
 * Host and timing, so a test can count what reached the server at once, per host. Any host name
 * answers: pin several names to it with `--resolve` to play several target hosts.
 */
export async function startObservedLab(): Promise<ObservedLab> {
  const requests: ObservedRequest[] = [];
  const seen = (req: IncomingMessage): ObservedRequest => {
    const now = performance.now();
    const entry = {
      host: (req.headers.host ?? '').replace(/:\d+$/, ''),
      target: req.url ?? '',
      start: now,
      end: now,
    };
    requests.push(entry);
    return entry;
  };
  const upgrades = createUpgradeHandler(
    LAB_ENDPOINT_DEFS.filter((d): d is WebSocketEndpointDef => d.kind === 'websocket'),
  );
  const server = createServer((req, res) => {
    const entry = seen(req);
    res.once('finish', () => {
      entry.end = performance.now();
    });
    const def = ROUTES.get(pathOf(req));
    if (!def) respondPlain(res, 404, 'not found');
    else if (def.kind === 'websocket')
      respondPlain(res, 426, 'WebSocket endpoint', [['Upgrade', 'websocket']]);
    else respondCors(def, req, res);
  });
  server.on('upgrade', (req, socket, head) => {
    seen(req);
    upgrades.handle(req, socket, head);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    port: (server.address() as AddressInfo).port,
    requests,
    async close() {
      upgrades.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
