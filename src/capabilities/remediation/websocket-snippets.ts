import type { Snippet, Stack } from './stacks.js';

// Browsers apply no CORS to WebSocket: the handshake carries `Origin`, and only the server's check of it
// keeps another site from opening a socket with the user's cookies (RFC 6455 §10.2, "Origin
// Considerations"). A CORS middleware never sees the upgrade, so the fix is an Origin check in the
// handshake handler of the stack, answering 403 before the upgrade.

/** Lines of the origins as a JavaScript array literal (origins are canonical: no quote or backslash). */
const jsList = (origins: readonly string[]): string => origins.map((o) => `  '${o}',`).join('\n');

const header = (source: string, marker: string): string =>
  [
    `${marker} WebSocket handshake Origin check, suggested by corsguard from ${source}.`,
    `${marker} Browsers send Origin on the handshake but apply no CORS: only this check keeps other`,
    `${marker} sites from opening the socket with your users' cookies (RFC 6455 section 10.2).`,
  ].join('\n');

const REFUSE_RAW = `socket.end('HTTP/1.1 403 Forbidden\\r\\nConnection: close\\r\\nContent-Length: 0\\r\\n\\r\\n');`;

function ws(origins: readonly string[], source: string, nextNote = false): Snippet {
  const code = `${header(source, '//')}
${nextNote ? '// Next.js route handlers cannot upgrade: WebSockets need a custom server (server.ts).\n' : ''}import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';

const ALLOWED_ORIGINS = new Set([
${jsList(origins)}
]);

export function attachWebSockets(server: Server): WebSocketServer {
  const wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (!ALLOWED_ORIGINS.has(req.headers.origin ?? '')) {
      ${REFUSE_RAW}
      return;
    }
    wss.handleUpgrade(req, socket, head, (client) => wss.emit('connection', client, req));
  });
  return wss;
}
`;
  return {
    stack: nextNote ? 'next' : 'express',
    language: 'typescript',
    filename: 'websocket-origin.ts',
    code,
  };
}

function socketIo(origins: readonly string[], source: string): Snippet {
  const code = `${header(source, '//')}
// Socket.IO's \`cors\` option only covers the HTTP long-polling transport; allowRequest also sees the
// WebSocket upgrade, so it is the check that holds for both.
import type { Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';

const ALLOWED_ORIGINS = [
${jsList(origins)}
];

export function attachSocketIo(httpServer: HttpServer): Server {
  return new Server(httpServer, {
    cors: { origin: ALLOWED_ORIGINS, credentials: true },
    allowRequest: (req, callback) => callback(null, ALLOWED_ORIGINS.includes(req.headers.origin ?? '')),
  });
}
`;
  return { stack: 'express', language: 'typescript', filename: 'socket-io-origin.ts', code };
}

function fastify(origins: readonly string[], source: string): Snippet {
  const code = `${header(source, '//')}
import websocket from '@fastify/websocket';
import type { FastifyInstance } from 'fastify';

const ALLOWED_ORIGINS = new Set([
${jsList(origins)}
]);

export async function socketRoutes(app: FastifyInstance): Promise<void> {
  await app.register(websocket);
  app.get('/ws', {
    websocket: true,
    // Runs before the upgrade: a refused Origin gets 403 and no socket.
    preValidation: async (request, reply) => {
      if (!ALLOWED_ORIGINS.has(request.headers.origin ?? '')) await reply.code(403).send();
    },
    handler: (socket) => {
      socket.on('message', (message) => socket.send(message));
    },
  });
}
`;
  return { stack: 'fastify', language: 'typescript', filename: 'websocket-origin.ts', code };
}

function hono(origins: readonly string[], source: string): Snippet {
  const code = `${header(source, '//')}
// upgradeWebSocket comes from your runtime's adapter (hono/bun, hono/deno, @hono/node-ws, hono/cloudflare-workers).
import type { Hono, MiddlewareHandler } from 'hono';
import type { UpgradeWebSocket } from 'hono/ws';

const ALLOWED_ORIGINS = new Set([
${jsList(origins)}
]);

/** Put it before upgradeWebSocket on every socket route: a refused Origin gets 403 and no socket. */
export const websocketOrigin: MiddlewareHandler = async (c, next) => {
  if (!ALLOWED_ORIGINS.has(c.req.header('origin') ?? '')) return c.text('Forbidden', 403);
  await next();
};

export function socketRoutes(app: Hono, upgradeWebSocket: UpgradeWebSocket): void {
  app.get('/ws', websocketOrigin, upgradeWebSocket(() => ({ onMessage: (e, ws) => ws.send(String(e.data)) })));
}
`;
  return { stack: 'hono', language: 'typescript', filename: 'websocket-origin.ts', code };
}

function django(origins: readonly string[], source: string): Snippet {
  const list = origins.map((o) => `    "${o}",`).join('\n');
  const code = `${header(source, '#')}
# asgi.py with Django Channels: OriginValidator refuses the handshake of any other Origin (403).
from channels.auth import AuthMiddlewareStack
from channels.routing import ProtocolTypeRouter, URLRouter
from channels.security.websocket import OriginValidator
from django.core.asgi import get_asgi_application

from myapp.routing import websocket_urlpatterns

ALLOWED_ORIGINS = [
${list}
]

application = ProtocolTypeRouter(
    {
        "http": get_asgi_application(),
        "websocket": OriginValidator(AuthMiddlewareStack(URLRouter(websocket_urlpatterns)), ALLOWED_ORIGINS),
    }
)
`;
  return { stack: 'django', language: 'python', filename: 'asgi.py', code };
}

function nginx(origins: readonly string[], source: string): Snippet {
  const entries = origins.map((o) => `    "${o}" 1;`).join('\n');
  const code = `${header(source, '#')}
# The map goes in the http block; the location replaces the one that proxies your WebSocket path.
map $http_origin $websocket_origin_allowed {
    default 0;
${entries}
}

location /ws/ {
    if ($websocket_origin_allowed = 0) {
        return 403;
    }
    proxy_pass http://127.0.0.1:3000;
    proxy_http_version 1.1;
    proxy_set_header Upgrade $http_upgrade;
    proxy_set_header Connection "upgrade";
    proxy_set_header Host $host;
}
`;
  return { stack: 'nginx', language: 'nginx', filename: 'websocket-origin.conf', code };
}

function apache(origins: readonly string[], source: string): Snippet {
  const list = origins.map((o) => `'${o}'`).join(', ');
  const code = `${header(source, '#')}
# Inside the VirtualHost that proxies your WebSocket path (mod_proxy_wstunnel or mod_proxy_http upgrade=websocket).
<Location "/ws/">
    <If "! %{HTTP:Origin} in { ${list} }">
        Require all denied
    </If>
    ProxyPass "ws://127.0.0.1:3000/ws/" upgrade=websocket
</Location>
`;
  return { stack: 'apache', language: 'apache', filename: 'websocket-origin.conf', code };
}

/**
 * The handshake Origin check that fixes `websocket-origin-unchecked` on `stack`: `ws` on the Node
 * server's `upgrade` event (Express, the corsguard middleware, and a Next.js custom server) plus the
 * Socket.IO variant for Express, `@fastify/websocket` with `preValidation`, a Hono middleware before
 * `upgradeWebSocket`, Django Channels' `OriginValidator`, and nginx / Apache proxies refusing other
 * origins with 403. Never a CORS-header snippet: CORS does not apply to WebSocket.
 *
 * @example
 * ```ts
 * websocketSnippets('nginx', ['https://app.example.com'], 'a scan of wss://api.example.com/ws');
 * // [{ stack: 'nginx', filename: 'websocket-origin.conf', code: 'map $http_origin $websocket_origin_allowed …' }]
 * ```
 */
export function websocketSnippets(stack: Stack, origins: readonly string[], source: string): Snippet[] {
  switch (stack) {
    case 'express':
      return [ws(origins, source), socketIo(origins, source)];
    case 'corsguard':
      return [{ ...ws(origins, source), stack: 'corsguard' }];
    case 'next':
      return [ws(origins, source, true)];
    case 'fastify':
      return [fastify(origins, source)];
    case 'hono':
      return [hono(origins, source)];
    case 'django':
      return [django(origins, source)];
    case 'nginx':
      return [nginx(origins, source)];
    case 'apache':
      return [apache(origins, source)];
  }
}
