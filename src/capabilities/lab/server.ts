import {
  createServer as createHttpServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { createSecureServer } from 'node:http2';
import { createServer as createHttpsServer } from 'node:https';
import { isIPv6, type Socket } from 'node:net';
import { CorsguardError } from '../../core/errors/index.js';
import type { WebSocketEndpointDef } from './definition.js';
import { LAB_ENDPOINT_DEFS } from './endpoints.js';
import { LAB_HOST } from './policy.js';
import { respondCors, respondPlain } from './respond.js';
import { labTlsCredentials } from './tls.js';
import type { Lab, StartLabOptions } from './types.js';
import { createUpgradeHandler, pathOf } from './websocket.js';

/**
 * Starts the lab on loopback: an HTTPS listener (self-signed certificate for `*.victim.test`) and an HTTP
 * listener with the same endpoints, ephemeral ports unless given. Reach it as `api.victim.test` with the
 * returned `resolve` entries.
 *
 * @example
 * ```ts
 * const lab = await startLab();
 * // lab.resolve: ['api.victim.test:40001:127.0.0.1', 'api.victim.test:40002:127.0.0.1']
 * // lab.targets[0].url: 'https://api.victim.test:40002/reflect'
 * await lab.close();
 * ```
 */
export async function startLab(options: StartLabOptions = {}): Promise<Lab> {
  const bind = options.host ?? '127.0.0.1';
  const upgrades = createUpgradeHandler(
    LAB_ENDPOINT_DEFS.filter((d): d is WebSocketEndpointDef => d.kind === 'websocket'),
  );
  const httpServer = createHttpServer(handleRequest);
  // With `http2`, the HTTPS port offers h2 by ALPN and keeps HTTP/1.1 (and its WebSocket upgrades).
  const httpsServer = (
    options.http2
      ? createSecureServer({ ...labTlsCredentials(), allowHTTP1: true }, handleRequest as never)
      : createHttpsServer(labTlsCredentials(), handleRequest)
  ) as Server;
  const servers = [httpServer, httpsServer];
  for (const server of servers) server.on('upgrade', upgrades.handle);
  const { onRequest } = options;
  if (onRequest) {
    for (const [server, listener] of [
      [httpServer, 'http'],
      [httpsServer, 'https'],
    ] as const) {
      const seen = (req: IncomingMessage): void => {
        const origin = req.headers.origin;
        onRequest({ listener, method: req.method ?? '', path: req.url ?? '', ...(origin ? { origin } : {}) });
      };
      server.prependListener('request', seen);
      server.prependListener('upgrade', seen);
    }
  }
  // An HTTP/2 server has no closeAllConnections: its sockets are tracked to be destroyed on close.
  const sockets = new Set<Socket>();
  if (options.http2) {
    httpsServer.on('secureConnection', (socket: Socket) => {
      sockets.add(socket);
      socket.once('close', () => sockets.delete(socket));
    });
  }

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      upgrades.close();
      const closed = Promise.all(servers.map(closeServer));
      for (const socket of sockets) socket.destroy();
      await closed;
    })();
    return closing;
  };

  let httpPort: number;
  let httpsPort: number;
  try {
    httpPort = await listen(httpServer, bind, options.httpPort ?? 0);
    httpsPort = await listen(httpsServer, bind, options.httpsPort ?? 0);
  } catch (error) {
    await close();
    throw error;
  }

  const address = connectAddress(bind);
  const portOf = (scheme: string): number => (scheme === 'https' || scheme === 'wss' ? httpsPort : httpPort);
  return {
    host: LAB_HOST,
    httpPort,
    httpsPort,
    resolve: [`${LAB_HOST}:${httpPort}:${address}`, `${LAB_HOST}:${httpsPort}:${address}`],
    targets: LAB_ENDPOINT_DEFS.map(({ path, description, expect, scheme }) => ({
      url: `${scheme}://${LAB_HOST}:${portOf(scheme)}${path}`,
      endpoint: { path, description, expect, scheme },
    })),
    close,
  };
}

const ROUTES = new Map(LAB_ENDPOINT_DEFS.map((d) => [d.path, d]));

function handleRequest(req: IncomingMessage, res: ServerResponse): void {
  const def = ROUTES.get(pathOf(req));
  if (!def) respondPlain(res, 404, 'not found');
  else if (def.kind === 'websocket') respondPlain(res, 426, 'WebSocket endpoint', [['Upgrade', 'websocket']]);
  else respondCors(def, req, res);
}

function listen(server: Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException): void => {
      reject(
        new CorsguardError(
          'USAGE',
          `The lab cannot listen on ${host}:${port} (${error.code ?? error.message}); pick another port or omit it for an ephemeral one`,
          { cause: error },
        ),
      );
    };
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      const address = server.address();
      resolve(typeof address === 'object' && address !== null ? address.port : port);
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) return resolve();
    server.close(() => resolve());
    if (typeof server.closeAllConnections === 'function') server.closeAllConnections();
  });
}

/** The address a client on this machine uses to reach the bind address (curl --resolve syntax). */
function connectAddress(bind: string): string {
  if (bind === '' || bind === '0.0.0.0') return '127.0.0.1';
  if (bind === '::') return '[::1]';
  return isIPv6(bind) ? `[${bind}]` : bind;
}
