import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendHttp, type WireAnswer } from '../test-support/adapters.js';
import { cors } from './index.js';

// Node specifics the shared table cannot express: headers given to writeHead directly, the plain-http
// return value, and writeHead wrappers installed by other middleware.

const APP = 'https://app.example.com';
const EVIL = 'https://evil.invalid';
const guard = cors({ origins: [APP], credentials: true, exposeHeaders: ['X-Request-Id'] });

const routes: Record<string, (res: ServerResponse) => void> = {
  '/writehead-object': (res) =>
    res
      .writeHead(200, {
        'Access-Control-Allow-Origin': EVIL,
        'access-control-allow-credentials': 'true',
        Vary: 'Accept-Encoding',
        'X-App': '1',
      })
      .end('ok'),
  '/writehead-reason': (res) =>
    res.writeHead(200, 'Fine', { 'Access-Control-Allow-Origin': '*', 'X-App': '1' }).end('ok'),
  '/writehead-flat-array': (res) =>
    res.writeHead(200, ['Access-Control-Allow-Origin', EVIL, 'Vary', 'Accept', 'X-App', '1']).end('ok'),
  '/set-after': (res) => {
    res.setHeader('Vary', 'Cookie'); // overwrites whatever was there: corsguard merges at writeHead time
    res.setHeader('Access-Control-Allow-Origin', EVIL);
    res.end('ok');
  },
  '/wrapped': (res) => {
    // What on-headers (compression, morgan, express-session) does: wrap writeHead after corsguard.
    const inner = res.writeHead;
    res.writeHead = function (this: ServerResponse, ...args: Parameters<ServerResponse['writeHead']>) {
      this.setHeader('X-Wrapped', '1');
      return inner.apply(this, args);
    } as ServerResponse['writeHead'];
    res.end('ok');
  },
};

let port: number;
const server = createServer((req: IncomingMessage, res: ServerResponse) => {
  if (guard(req, res)) return;
  (routes[req.url ?? ''] ?? ((r: ServerResponse) => r.end('ok')))(res);
});
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const get = (path: string, origin: string): Promise<WireAnswer> =>
  sendHttp(port, { method: 'GET', path, headers: [['Origin', origin]] });

describe('corsguard/node: app-set headers through writeHead', () => {
  it('does not let an ACAO/ACAC given to writeHead survive for a refused origin, and merges its Vary', async () => {
    const a = await get('/writehead-object', EVIL);
    expect(a.headers.get('access-control-allow-origin')).toBeUndefined();
    expect(a.headers.get('access-control-allow-credentials')).toBeUndefined();
    expect(a.headers.get('vary')).toBe('Accept-Encoding, Origin');
    expect(a.headers.get('x-app')).toBe('1');
  });

  it('replaces an ACAO given to writeHead with the decided one for an allowed origin', async () => {
    const a = await get('/writehead-object', APP);
    expect(a.headers.get('access-control-allow-origin')).toBe(APP);
    expect(a.headers.get('access-control-allow-credentials')).toBe('true');
    expect(a.headers.get('access-control-expose-headers')).toBe('X-Request-Id');
    expect(a.repeated).toEqual([]);
  });

  it('handles writeHead(status, reason, headers)', async () => {
    const a = await get('/writehead-reason', EVIL);
    expect(a.status).toBe(200);
    expect(a.headers.get('access-control-allow-origin')).toBeUndefined();
    expect(a.headers.get('x-app')).toBe('1');
  });

  it('handles headers given to writeHead as a flat array', async () => {
    const a = await get('/writehead-flat-array', EVIL);
    expect(a.headers.get('access-control-allow-origin')).toBeUndefined();
    expect(a.headers.get('vary')).toBe('Accept, Origin');
    expect(a.headers.get('x-app')).toBe('1');
  });

  it('merges Vary and replaces ACAO that the app set after the middleware ran', async () => {
    const a = await get('/set-after', APP);
    expect(a.headers.get('vary')).toBe('Cookie, Origin');
    expect(a.headers.get('access-control-allow-origin')).toBe(APP);
  });

  it('composes with writeHead wrappers installed after it', async () => {
    const a = await get('/wrapped', APP);
    expect(a.headers.get('x-wrapped')).toBe('1');
    expect(a.headers.get('access-control-allow-origin')).toBe(APP);
  });
});

describe('corsguard/node as a plain http helper', () => {
  function mock(method: string, headers: Record<string, string>) {
    const set = new Map<string, string>();
    const res = {
      statusCode: 200,
      ended: false,
      setHeader: (n: string, v: string) => set.set(n.toLowerCase(), v),
      getHeader: (n: string) => set.get(n.toLowerCase()),
      removeHeader: (n: string) => set.delete(n.toLowerCase()),
      writeHead: () => res,
      end() {
        res.ended = true;
      },
    };
    return { req: { method, headers }, res, set };
  }

  it('returns true and answers a preflight without calling next', () => {
    const { req, res, set } = mock('OPTIONS', { origin: APP, 'access-control-request-method': 'GET' });
    let called = false;
    expect(guard(req, res, () => (called = true))).toBe(true);
    expect(called).toBe(false);
    expect(res.statusCode).toBe(204);
    expect(res.ended).toBe(true);
    expect(set.get('access-control-allow-origin')).toBe(APP);
  });

  it('returns false and calls next for anything else', () => {
    const { req, res } = mock('GET', { origin: EVIL });
    let called = false;
    expect(guard(req, res, () => (called = true))).toBe(false);
    expect(called).toBe(true);
  });
});

describe('corsguard/node mounted more than once on one request', () => {
  // The `corsguard` generate target's per-path layout: one middleware per path prefix, then the default
  // for every path, so a request under the prefix passes through both.
  const PUBLIC_ORIGIN = 'https://partner.example';
  const inject = async (app: express.Express, path: string, origin: string) => {
    const { default: lmr } = await import('light-my-request');
    const res = await lmr(app as unknown as (req: IncomingMessage, res: ServerResponse) => void, {
      method: 'GET',
      url: path,
      headers: { origin },
    });
    return {
      status: res.statusCode,
      acao: res.headers['access-control-allow-origin'],
      vary: res.headers.vary,
    };
  };
  const layout = () => {
    const app = express();
    app.use('/public', cors({ origins: [PUBLIC_ORIGIN] }));
    app.use(cors({ origins: [APP], credentials: true }));
    app.get(/.*/, (_req, res) => {
      res.json({ ok: true });
    });
    return app;
  };

  it('a prefix middleware then the default one: every path is served, the most specific decides', async () => {
    const app = layout();
    expect(await inject(app, '/public/status', PUBLIC_ORIGIN)).toEqual({
      status: 200,
      acao: PUBLIC_ORIGIN,
      vary: 'Origin',
    });
    // The default policy's origin is not the /public policy's: refused there, as the first decision says.
    expect((await inject(app, '/public/status', APP)).acao).toBeUndefined();
    expect(await inject(app, '/api/me', APP)).toEqual({ status: 200, acao: APP, vary: 'Origin' });
    expect((await inject(app, '/api/me', PUBLIC_ORIGIN)).acao).toBeUndefined();
  });

  it('the same middleware mounted twice does not recurse (the writeHead guard wraps once)', async () => {
    const app = express();
    const once = cors({ origins: [APP], credentials: true });
    app.use(once, once);
    app.get('/x', (_req, res) => {
      res.json({ ok: true });
    });
    expect(await inject(app, '/x', APP)).toEqual({ status: 200, acao: APP, vary: 'Origin' });
  });
});
