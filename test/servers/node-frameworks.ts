import { readFileSync } from 'node:fs';
import {
  createServer as createHttpServer,
  type IncomingMessage,
  type RequestListener,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import fastifyCors, { type FastifyCorsOptions } from '@fastify/cors';
import { getRequestListener } from '@hono/node-server';
import cors, { type CorsOptions } from 'cors';
import express from 'express';
import Fastify from 'fastify';
import { Hono } from 'hono';
import { cors as honoCors } from 'hono/cors';
import { WebSocketServer } from 'ws';
import {
  type RunningServer,
  type Scheme,
  type ServerLauncher,
  type Site,
  sharedServer,
  TLS_CERT,
  TLS_KEY,
} from './harness.js';

export type HonoCorsOptions = NonNullable<Parameters<typeof honoCors>[0]>;

/** A hand-written Node handler: sets CORS headers and may end the response (preflight); else the API answers. */
export interface NodeConfig {
  readonly handle: (req: IncomingMessage, res: ServerResponse) => void;
  /** When set, the path also accepts WebSocket upgrades whose Origin passes this check. */
  readonly acceptWebSocket?: (origin: string | undefined) => boolean;
}

function answerJson(res: ServerResponse): void {
  if (res.writableEnded) return;
  res.setHeader('Content-Type', 'application/json');
  res.end('{"ok":true}\n');
}

/** `app.use(cors(options))` in front of a JSON route, as in the cors README. */
function expressApp(options: CorsOptions | undefined): RequestListener {
  const app = express();
  app.use(options === undefined ? cors() : cors(options));
  app.use((_req, res) => {
    res.json({ ok: true });
  });
  return app;
}

/** `fastify.register(cors, options)`; @fastify/cors is fastify-plugin wrapped (not encapsulated), so one instance per site. */
async function fastifyApp(options: FastifyCorsOptions | undefined): Promise<RequestListener> {
  let listener: RequestListener | undefined;
  const app = Fastify({
    serverFactory: (handler) => {
      listener = handler;
      return createHttpServer(handler);
    },
  });
  await app.register(fastifyCors, options ?? {});
  app.route({
    method: ['GET', 'POST', 'PUT', 'DELETE', 'PATCH'],
    url: '/*',
    handler: async () => ({ ok: true }),
  });
  await app.ready();
  if (listener === undefined) throw new Error('fastify did not create its server');
  return listener;
}

/** `app.use('*', cors(options))` in front of a JSON route, as in the Hono docs. */
function honoApp(options: HonoCorsOptions | undefined): RequestListener {
  const app = new Hono();
  app.use('*', honoCors(options));
  app.all('*', (c) => c.json({ ok: true }));
  return getRequestListener(app.fetch);
}

function nodeApp(config: NodeConfig): RequestListener {
  return (req, res) => {
    config.handle(req, res);
    answerJson(res);
  };
}

type Built = { listener: RequestListener; acceptWebSocket?: NodeConfig['acceptWebSocket'] };

/**
 * One loopback listener per framework kind, dispatching `/name...` to each site's own app instance:
 * the framework code under test is the real package, configured exactly as in the corpus.
 */
function frameworkLauncher<C>(build: (config: C) => Built | Promise<Built>): ServerLauncher<C> {
  return {
    missing: () => null,
    async start(sites: readonly Site<C>[], scheme: Scheme): Promise<RunningServer> {
      const apps = new Map<string, Built>();
      for (const site of sites) apps.set(site.path, await build(site.config));
      const route = (url: string | undefined): Built | undefined =>
        apps.get(`/${(url ?? '/').split(/[/?]/)[1] ?? ''}`);
      const dispatch: RequestListener = (req, res) => {
        const app = route(req.url);
        if (app === undefined) {
          res.statusCode = 404;
          res.end();
          return;
        }
        app.listener(req, res);
      };
      const server =
        scheme === 'https'
          ? createHttpsServer({ cert: readFileSync(TLS_CERT), key: readFileSync(TLS_KEY) }, dispatch)
          : createHttpServer(dispatch);
      const wss = new WebSocketServer({ noServer: true });
      server.on('upgrade', (req, socket, head) => {
        const accept = route(req.url)?.acceptWebSocket;
        if (accept === undefined || !accept(req.headers.origin)) {
          socket.end('HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n');
          return;
        }
        wss.handleUpgrade(req, socket, head, (ws) => ws.send('{"hello":"victim"}'));
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const { port } = server.address() as AddressInfo;
      return sharedServer(scheme, port, async () => {
        for (const client of wss.clients) client.terminate();
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      });
    },
  };
}

export const expressServer = frameworkLauncher<CorsOptions | undefined>((o) => ({ listener: expressApp(o) }));
export const fastifyServer = frameworkLauncher<FastifyCorsOptions | undefined>(async (o) => ({
  listener: await fastifyApp(o),
}));
export const honoServer = frameworkLauncher<HonoCorsOptions | undefined>((o) => ({ listener: honoApp(o) }));
export const nodeServer = frameworkLauncher<NodeConfig>((c) =>
  c.acceptWebSocket === undefined
    ? { listener: nodeApp(c) }
    : { listener: nodeApp(c), acceptWebSocket: c.acceptWebSocket },
);
