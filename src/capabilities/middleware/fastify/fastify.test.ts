import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { corsguard } from './index.js';

const APP = 'https://app.example.com';

async function appWithAuth() {
  const app = Fastify();
  await app.register(corsguard, { origins: [APP], credentials: true, methods: ['PUT'] });
  // An auth hook registered after corsguard, in an encapsulated child context, as apps do.
  await app.register(async (child) => {
    child.addHook('onRequest', async (request, reply) => {
      if (request.headers.authorization !== 'Bearer ok') return reply.code(401).send({ error: 'login' });
    });
    child.get('/me', async () => ({ name: 'Ada' }));
  });
  await app.ready();
  return app;
}

describe('corsguard/fastify', () => {
  it('answers a preflight before auth hooks run, even for a route without an OPTIONS handler', async () => {
    const app = await appWithAuth();
    const res = await app.inject({
      method: 'OPTIONS',
      url: '/me',
      headers: { origin: APP, 'access-control-request-method': 'PUT' },
    });
    expect(res.statusCode).toBe(204);
    expect(res.headers['access-control-allow-origin']).toBe(APP);
    expect(res.headers['access-control-allow-methods']).toBe('PUT');
    await app.close();
  });

  it('applies to the whole app (skip-override) and to the auth hook responses', async () => {
    const app = await appWithAuth();
    const res = await app.inject({ method: 'GET', url: '/me', headers: { origin: APP } });
    expect(res.statusCode).toBe(401);
    expect(res.headers['access-control-allow-origin']).toBe(APP);
    expect(res.headers.vary).toBe('Origin');
    await app.close();
  });

  it('answers preflights for unknown paths too, and refuses them for unknown origins', async () => {
    const app = await appWithAuth();
    const res = await app.inject({
      method: 'OPTIONS',
      url: '/nowhere',
      headers: { origin: 'https://evil.invalid', 'access-control-request-method': 'PUT' },
    });
    expect(res.statusCode).toBe(403);
    expect(Object.keys(res.headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);
    await app.close();
  });
});
