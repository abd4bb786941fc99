import Fastify from 'fastify';
import { Hono } from 'hono';
import { NextRequest } from 'next/server.js';
import { describe, expect, it } from 'vitest';
import { corsguard as fastifyCors } from './fastify/index.js';
import { withCors } from './fetch/index.js';
import { cors as honoCors } from './hono/index.js';
import { withCors as nextWithCors } from './next/index.js';

// A CORS middleware on the same request twice: the generated per-path layout (the prefix's policy, then
// the default for every path) or a handler wrapped twice. The first decision stands; nothing is doubled.
// (corsguard/node and Express: src/capabilities/middleware/node/node.test.ts; Fastify here, over loopback.)
const APP = 'https://app.example.com';
const PARTNER = 'https://partner.example';

type Seen = [number, string | null, string | null, string | null];
const seen = (r: Response): Seen => [
  r.status,
  r.headers.get('access-control-allow-origin'),
  r.headers.get('access-control-allow-credentials'),
  r.headers.get('vary'),
];

describe('mounted twice on one request', () => {
  it('hono: a prefix middleware then the default one, the most specific decides', async () => {
    const app = new Hono();
    app.use('/public/*', honoCors({ origins: [PARTNER] }));
    app.use('*', honoCors({ origins: [APP], credentials: true }));
    app.get('*', (c) => c.json({ ok: true }));
    const get = async (path: string, origin: string) =>
      seen(await app.request(path, { headers: { origin } }));
    expect(await get('/public/x', PARTNER)).toEqual([200, PARTNER, null, 'Origin']);
    expect(await get('/public/x', APP)).toEqual([200, null, null, 'Origin']);
    expect(await get('/api/me', APP)).toEqual([200, APP, 'true', 'Origin']);
    expect(await get('/api/me', PARTNER)).toEqual([200, null, null, 'Origin']);
  });

  it('fetch: a handler wrapped twice answers once, Vary not repeated', async () => {
    const policy = { origins: [APP], credentials: true } as const;
    const handler = withCors(
      withCors(() => Response.json({ ok: 1 }), policy),
      policy,
    );
    const r = await handler(new Request('https://api.example.com/x', { headers: { origin: APP } }));
    expect(seen(r)).toEqual([200, APP, 'true', 'Origin']);
  });

  it('next: a route handler wrapped twice answers once, Vary not repeated', async () => {
    const policy = { origins: [APP], credentials: true } as const;
    const GET = nextWithCors(
      nextWithCors(() => Response.json({ ok: 1 }), policy),
      policy,
    );
    const r = await GET(new NextRequest('https://api.example.com/x', { headers: { origin: APP } }), {});
    expect(seen(r)).toEqual([200, APP, 'true', 'Origin']);
  });

  it('fastify: the plugin registered twice answers once; the first registration decides', async () => {
    const app = Fastify();
    await app.register(fastifyCors, { origins: [APP], credentials: true, methods: ['PUT'] });
    await app.register(fastifyCors, { origins: [PARTNER], methods: ['DELETE'] });
    app.get('/x', async () => ({ ok: 1 }));
    app.put('/x', async () => ({ ok: 1 }));
    await app.listen({ port: 0, host: '127.0.0.1' });
    try {
      const url = `http://127.0.0.1:${(app.server.address() as { port: number }).port}/x`;
      expect(seen(await fetch(url, { headers: { origin: APP } }))).toEqual([200, APP, 'true', 'Origin']);
      // The second registration's origin is not let in behind the first's back.
      expect(seen(await fetch(url, { headers: { origin: PARTNER } }))).toEqual([200, null, null, 'Origin']);
      const preflight = await fetch(url, {
        method: 'OPTIONS',
        headers: { origin: APP, 'access-control-request-method': 'PUT' },
      });
      expect(seen(preflight)).toEqual([
        204,
        APP,
        'true',
        'Origin, Access-Control-Request-Method, Access-Control-Request-Headers',
      ]);
      expect(preflight.headers.get('access-control-allow-methods')).toBe('PUT');
    } finally {
      await app.close();
    }
  });
});
