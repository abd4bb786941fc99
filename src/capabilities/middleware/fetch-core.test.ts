import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { withCors } from './fetch/index.js';
import { cors as honoCors } from './hono/index.js';
import { corsMiddleware } from './next/index.js';

const APP = 'https://app.example.com';
const options = { origins: [APP], credentials: true } as const;
const from = (origin: string, init: RequestInit = {}) =>
  new Request('https://api.example.com/', { ...init, headers: { origin, ...(init.headers as object) } });

describe('Fetch-based adapters', () => {
  it('copies a response whose headers are immutable (Response.redirect) instead of failing', async () => {
    const handler = withCors(() => Response.redirect('https://api.example.com/elsewhere', 302), options);
    const res = await handler(from(APP));
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('https://api.example.com/elsewhere');
    expect(res.headers.get('access-control-allow-origin')).toBe(APP);
    expect(res.headers.get('vary')).toBe('Origin');
  });

  it('passes Workers-style extra arguments through to the handler', async () => {
    const handler = withCors(
      (_req: Request, env: { greeting: string }, _ctx: unknown) => new Response(env.greeting),
      options,
    );
    expect(await (await handler(from(APP), { greeting: 'hi' }, {})).text()).toBe('hi');
  });

  it('does not copy the request Vary into the response (Hono advisory)', async () => {
    const app = new Hono();
    app.use('*', honoCors(options));
    app.get('*', (c) => c.text('ok'));
    const res = await app.request('/', { headers: { origin: APP, vary: 'Cookie, X-Evil' } });
    expect(res.headers.get('vary')).toBe('Origin');
  });

  it('replaces an immutable c.res in Hono', async () => {
    const app = new Hono();
    app.use('*', honoCors(options));
    app.get('*', () => Response.redirect('https://api.example.com/x', 307));
    const res = await app.request('/', { headers: { origin: APP } });
    expect(res.status).toBe(307);
    expect(res.headers.get('access-control-allow-origin')).toBe(APP);
  });

  it('Next middleware continues with NextResponse.next() carrying the decided headers', async () => {
    const res = await corsMiddleware(options)(from(APP));
    expect(res.headers.get('x-middleware-next')).toBe('1');
    expect(res.headers.get('access-control-allow-origin')).toBe(APP);
    expect(res.headers.get('access-control-allow-credentials')).toBe('true');
    expect(res.headers.get('vary')).toBe('Origin');
  });

  it('Next middleware answers a preflight itself', async () => {
    const res = await corsMiddleware(options)(
      from(APP, { method: 'OPTIONS', headers: { 'access-control-request-method': 'GET' } }),
    );
    expect(res.status).toBe(204);
    expect(res.headers.get('x-middleware-next')).toBeNull();
  });
});
