import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type RequestListener,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import express from 'express';
import Fastify from 'fastify';
import { Hono } from 'hono';
import { NextRequest } from 'next/server.js';
import type { CorsOptions } from '../core.js';
import { corsguard as fastifyCors } from '../fastify/index.js';
import { withCors as fetchWithCors } from '../fetch/index.js';
import { cors as honoCors } from '../hono/index.js';
import { corsMiddleware, withCors as nextWithCors } from '../next/index.js';
import { cors as nodeCors } from '../node/index.js';
import { configOf, fetchApp, routeHeaders } from './app.js';

/** One request of a test: header pairs may repeat a name (sent as separate header lines). */
export interface WireRequest {
  readonly method: string;
  /** `/<config>/<route>` */
  readonly path: string;
  readonly headers: readonly (readonly [string, string])[];
}

/** What came back, header names lower-cased; `repeated` lists names that came as several lines. */
export interface WireAnswer {
  readonly status: number;
  readonly headers: ReadonlyMap<string, string>;
  readonly repeated: readonly string[];
  readonly appReached: boolean;
}

/** A running adapter: the same app behind one corsguard instance per config. */
export interface Running {
  /** The loopback port of a real HTTP server, null for in-process adapters. */
  readonly port: number | null;
  send(request: WireRequest): Promise<WireAnswer>;
  close(): Promise<void>;
}

export interface Adapter {
  readonly name: string;
  /** False when the adapter never sees the app's response (Next middleware): app-set headers are out of reach. */
  readonly seesAppResponse: boolean;
  start(configs: Readonly<Record<string, CorsOptions>>): Promise<Running>;
}

// Real loopback servers accept large headers, so the middleware (not Node's 16 KB limit) judges a 200 KB Origin.
const MAX_HEADER_SIZE = 1 << 20;

function nodeApp(req: IncomingMessage, res: ServerResponse): void {
  res.setHeader('X-App', '1');
  for (const [n, v] of routeHeaders(req.url ?? '/')) res.setHeader(n, v);
  res.end('ok');
}

async function listen(dispatch: Map<string, RequestListener>): Promise<Running> {
  const server = createServer({ maxHeaderSize: MAX_HEADER_SIZE }, (req, res) => {
    const name = configOf(req.url ?? '/');
    const listener = name === undefined ? undefined : dispatch.get(name);
    if (listener === undefined) {
      res.statusCode = 404;
      res.end();
      return;
    }
    listener(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    send: (r) => sendHttp(port, r),
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Sends over real loopback HTTP/1.1; repeated header names become repeated header lines. */
export function sendHttp(port: number, r: WireRequest): Promise<WireAnswer> {
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of r.headers) {
    const key = name.toLowerCase();
    const prev = headers[key];
    headers[key] = prev === undefined ? value : [...(Array.isArray(prev) ? prev : [prev]), value];
  }
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port, method: r.method, path: r.path, headers, maxHeaderSize: MAX_HEADER_SIZE },
      (res) => {
        res.resume();
        res.on('end', () => {
          const map = new Map<string, string>();
          const count = new Map<string, number>();
          for (let i = 0; i + 1 < res.rawHeaders.length; i += 2) {
            const name = (res.rawHeaders[i] as string).toLowerCase();
            const value = res.rawHeaders[i + 1] as string;
            map.set(name, map.has(name) ? `${map.get(name)}, ${value}` : value);
            count.set(name, (count.get(name) ?? 0) + 1);
          }
          resolve({
            status: res.statusCode ?? 0,
            headers: map,
            repeated: [...count].filter(([, n]) => n > 1).map(([k]) => k),
            appReached: map.get('x-app') === '1',
          });
        });
      },
    );
    req.on('error', reject);
    req.end();
  });
}

function fromResponse(res: Response): WireAnswer {
  const map = new Map<string, string>();
  res.headers.forEach((value, name) => {
    map.set(name, value);
  });
  return { status: res.status, headers: map, repeated: [], appReached: map.get('x-app') === '1' };
}

function inProcess(handle: (name: string, r: WireRequest) => Promise<Response>): Running {
  return {
    port: null,
    async send(r) {
      const name = configOf(r.path);
      if (name === undefined) throw new Error(`no config in ${r.path}`);
      return fromResponse(await handle(name, r));
    },
    close: async () => {},
  };
}

const URL_BASE = 'http://api.example.test';

function fetchRequest(r: WireRequest): Request {
  return new Request(URL_BASE + r.path, { method: r.method, headers: r.headers as [string, string][] });
}

function perConfig<T>(configs: Readonly<Record<string, CorsOptions>>, build: (o: CorsOptions) => T) {
  return new Map(Object.entries(configs).map(([name, o]) => [name, build(o)]));
}

function get<T>(map: Map<string, T>, name: string): T {
  const v = map.get(name);
  if (v === undefined) throw new Error(`no adapter instance for ${name}`);
  return v;
}

export const ADAPTERS: readonly Adapter[] = [
  {
    name: 'node http (loopback)',
    seesAppResponse: true,
    start: (configs) =>
      listen(
        perConfig(configs, (o): RequestListener => {
          const guard = nodeCors(o);
          return (req, res) => {
            if (guard(req, res)) return;
            nodeApp(req, res);
          };
        }),
      ),
  },
  {
    name: 'express (loopback)',
    seesAppResponse: true,
    start: (configs) =>
      listen(
        perConfig(configs, (o): RequestListener => {
          const app = express();
          app.use(nodeCors(o));
          app.use((req, res) => {
            res.setHeader('X-App', '1');
            for (const [n, v] of routeHeaders(req.originalUrl)) res.setHeader(n, v);
            res.send('ok');
          });
          return app;
        }),
      ),
  },
  {
    name: 'fastify (loopback)',
    seesAppResponse: true,
    async start(configs) {
      const dispatch = new Map<string, RequestListener>();
      const apps: { close(): Promise<unknown> }[] = [];
      for (const [name, o] of Object.entries(configs)) {
        let listener: RequestListener | undefined;
        const app = Fastify({
          serverFactory: (handler) => {
            listener = handler;
            return createServer(handler);
          },
        });
        await app.register(fastifyCors, o);
        app.route({
          method: ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'],
          url: '/*',
          handler: async (request, reply) => {
            reply.header('X-App', '1');
            for (const [n, v] of routeHeaders(request.url)) reply.header(n, v);
            return 'ok';
          },
        });
        await app.ready();
        if (listener === undefined) throw new Error('fastify did not create its server');
        dispatch.set(name, listener);
        apps.push(app);
      }
      const running = await listen(dispatch);
      return {
        port: running.port,
        send: running.send,
        close: async () => {
          await running.close();
          await Promise.all(apps.map((a) => a.close()));
        },
      };
    },
  },
  {
    name: 'hono (@hono/node-server, loopback)',
    seesAppResponse: true,
    start: (configs) =>
      listen(
        perConfig(configs, (o) => {
          const app = new Hono();
          app.use('*', honoCors(o));
          app.all('*', (c) => fetchApp(c.req.raw));
          return getRequestListener(app.fetch) as RequestListener;
        }),
      ),
  },
  {
    name: 'hono (app.request)',
    seesAppResponse: true,
    async start(configs) {
      const apps = perConfig(configs, (o) => {
        const app = new Hono();
        app.use('*', honoCors(o));
        app.all('*', (c) => fetchApp(c.req.raw));
        return app;
      });
      return inProcess(async (name, r) =>
        get(apps, name).request(r.path, { method: r.method, headers: r.headers as [string, string][] }),
      );
    },
  },
  {
    name: 'next route handler',
    seesAppResponse: true,
    async start(configs) {
      const handlers = perConfig(configs, (o) => nextWithCors((req: NextRequest) => fetchApp(req), o));
      return inProcess((name, r) =>
        get(handlers, name)(
          new NextRequest(URL_BASE + r.path, { method: r.method, headers: r.headers as [string, string][] }),
          {},
        ),
      );
    },
  },
  {
    name: 'next middleware',
    seesAppResponse: false,
    async start(configs) {
      const middlewares = perConfig(configs, (o) => corsMiddleware(o));
      return inProcess(async (name, r) => {
        const req = new NextRequest(URL_BASE + r.path, {
          method: r.method,
          headers: r.headers as [string, string][],
        });
        const res = await get(middlewares, name)(req);
        if (res.headers.get('x-middleware-next') !== '1') return res;
        // What Next does with NextResponse.next(): the route runs, and the middleware's response headers
        // are added to its response.
        const app = fetchApp(req);
        res.headers.forEach((value, key) => {
          if (!key.startsWith('x-middleware-')) app.headers.set(key, value);
        });
        return app;
      });
    },
  },
  {
    name: 'fetch withCors',
    seesAppResponse: true,
    async start(configs) {
      const handlers = perConfig(configs, (o) => fetchWithCors(fetchApp, o));
      return inProcess((name, r) => get(handlers, name)(fetchRequest(r)));
    },
  },
];
