import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { WebSocketEndpointDef } from './definition.js';
import { SECRET_BODY } from './policy.js';

/** Handles HTTP upgrade requests for the lab's WebSocket endpoints. */
export interface UpgradeHandler {
  /** Listener for the `upgrade` event of an http/https server. */
  readonly handle: (req: IncomingMessage, socket: Duplex, head: Buffer) => void;
  /** Terminates every WebSocket and every socket still in its handshake. */
  close(): void;
}

/**
 * Creates the upgrade handler: accepted handshakes get a WebSocket that sends the secret JSON once;
 * refused ones (origin check failed) get `403 Forbidden`; unknown paths get `404 Not Found`.
 *
 * @example
 * ```ts
 * const upgrades = createUpgradeHandler(defs);
 * server.on('upgrade', upgrades.handle);
 * ```
 */
export function createUpgradeHandler(defs: readonly WebSocketEndpointDef[]): UpgradeHandler {
  const wss = new WebSocketServer({ noServer: true });
  const sockets = new Set<Duplex>();
  const byPath = new Map(defs.map((d) => [d.path, d]));

  wss.on('connection', (ws) => {
    ws.on('error', () => {});
    ws.send(SECRET_BODY);
  });

  const handle = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    const def = byPath.get(pathOf(req));
    if (!def) refuse(socket, 404, 'Not Found');
    else if (!def.allow(req.headers.origin)) refuse(socket, 403, 'Forbidden');
    else wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  };

  return {
    handle,
    close() {
      for (const ws of wss.clients) ws.terminate();
      for (const socket of sockets) socket.destroy();
      wss.close();
    },
  };
}

/**
 * The path of a request URL, without query string.
 *
 * @example
 * ```ts
 * pathOf({ url: '/ws?x=1' } as IncomingMessage); // '/ws'
 * ```
 */
export function pathOf(req: IncomingMessage): string {
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  return q === -1 ? url : url.slice(0, q);
}

function refuse(socket: Duplex, status: number, reason: string): void {
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}
