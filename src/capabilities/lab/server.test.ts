import { createServer } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import type { Agent } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { LAB_ENDPOINTS } from './endpoints.js';
import { startLab } from './server.js';
import { labAgent, loopbackLookup, preflight, send } from './test-support/lab-client.js';
import { labTlsCredentials } from './tls.js';
import type { Lab, LabRequest } from './types.js';

const APP = 'https://app.victim.test';
const EVIL = 'https://evil.example';

let lab: Lab;
let agent: Agent;
const https = (path: string): string => `https://api.victim.test:${lab.httpsPort}${path}`;
const http = (path: string): string => `http://api.victim.test:${lab.httpPort}${path}`;

beforeAll(async () => {
  lab = await startLab();
  agent = labAgent();
});

afterAll(async () => {
  await agent.close();
  await lab.close();
});

describe('startLab', () => {
  it('describes itself: host, ports, resolve entries and one target per endpoint', () => {
    expect(lab.host).toBe('api.victim.test');
    expect(lab.httpPort).toBeGreaterThan(0);
    expect(lab.httpsPort).toBeGreaterThan(0);
    expect(lab.resolve).toEqual([
      `api.victim.test:${lab.httpPort}:127.0.0.1`,
      `api.victim.test:${lab.httpsPort}:127.0.0.1`,
    ]);
    expect(lab.targets.map((t) => t.endpoint)).toEqual(LAB_ENDPOINTS);
    expect(lab.targets.find((t) => t.endpoint.path === '/reflect')?.url).toBe(https('/reflect'));
    expect(lab.targets.find((t) => t.endpoint.path === '/ws')?.url).toBe(
      `ws://api.victim.test:${lab.httpPort}/ws`,
    );
  });

  it('routes every HTTP endpoint on both listeners and answers the secret JSON', async () => {
    for (const { endpoint } of lab.targets) {
      if (endpoint.scheme === 'ws' || endpoint.scheme === 'wss') continue;
      for (const url of [https(endpoint.path), http(endpoint.path)]) {
        const res = await send(agent, url, { origin: APP });
        expect(res.status, url).toBe(200);
        expect(JSON.parse(res.body), url).toMatchObject({ user: 'alice' });
      }
    }
  });

  it('routes the WebSocket endpoints (plain HTTP gets 426)', async () => {
    for (const path of ['/ws', '/ws-safe']) {
      const res = await send(agent, https(path));
      expect(res.status).toBe(426);
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
    }
  });

  it('answers unknown paths 404 without CORS headers', async () => {
    const res = await send(agent, https('/nope'), { origin: APP });
    expect(res.status).toBe(404);
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    expect(res.headers.vary).toBeUndefined();
  });

  it('serves the lab certificate for api.victim.test on the HTTPS listener', async () => {
    const socket = tlsConnect({
      host: '127.0.0.1',
      port: lab.httpsPort,
      servername: 'api.victim.test',
      ca: labTlsCredentials().cert,
    });
    try {
      await new Promise<void>((resolve, reject) => {
        socket.once('secureConnect', resolve);
        socket.once('error', reject);
      });
      expect(socket.authorized).toBe(true);
      expect(socket.getPeerCertificate().subjectaltname).toBe('DNS:victim.test, DNS:*.victim.test');
    } finally {
      socket.destroy();
    }
  });
});

describe('the bugs are really there', () => {
  it('/prefix reflects an attacker domain that starts with the front-end and refuses others', async () => {
    const bad = await send(agent, https('/prefix'), { origin: 'https://app.victim.test.evil.example' });
    expect(bad.headers['access-control-allow-origin']).toBe('https://app.victim.test.evil.example');
    expect(bad.headers['access-control-allow-credentials']).toBe('true');
    expect(bad.headers.vary).toBe('Origin');
    const refused = await send(agent, https('/prefix'), { origin: EVIL });
    expect(refused.headers['access-control-allow-origin']).toBeUndefined();
    const pre = await preflight(agent, https('/prefix'), EVIL);
    expect(pre.status).toBe(403);
    expect(pre.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('/safe grants the front-end with the fixed preflight and refuses look-alikes', async () => {
    const pre = await preflight(agent, https('/safe'), APP);
    expect(pre.status).toBe(204);
    expect(pre.headers).toMatchObject({
      'access-control-allow-origin': APP,
      'access-control-allow-credentials': 'true',
      'access-control-allow-methods': 'GET, POST, PUT, DELETE',
      'access-control-allow-headers': 'Content-Type, Authorization, X-Requested-With',
      'access-control-max-age': '600',
      vary: 'Origin',
    });
    const lookAlike = await send(agent, https('/safe'), { origin: 'https://app.victim.test.evil.example' });
    expect(lookAlike.status).toBe(200);
    expect(lookAlike.headers['access-control-allow-origin']).toBeUndefined();
    expect((await preflight(agent, https('/safe'), 'https://app.victim.test.evil.example')).status).toBe(403);
  });

  it('/wildcard-credentials and /wildcard send * (with and without credentials), no Vary', async () => {
    const both = await send(agent, https('/wildcard-credentials'), { origin: EVIL });
    expect(both.headers['access-control-allow-origin']).toBe('*');
    expect(both.headers['access-control-allow-credentials']).toBe('true');
    const pub = await send(agent, https('/wildcard'), { origin: EVIL });
    expect(pub.headers['access-control-allow-origin']).toBe('*');
    expect(pub.headers['access-control-allow-credentials']).toBeUndefined();
    expect(pub.headers.vary).toBeUndefined();
  });

  it('/vary-missing grants the front-end without Vary', async () => {
    const res = await send(agent, https('/vary-missing'), { origin: APP });
    expect(res.headers['access-control-allow-origin']).toBe(APP);
    expect(res.headers.vary).toBeUndefined();
  });

  it('/preflight-permissive echoes the requested method and headers', async () => {
    const pre = await preflight(agent, https('/preflight-permissive'), APP, {
      'access-control-request-method': 'PATCH',
      'access-control-request-headers': 'x-anything, x-else',
    });
    expect(pre.status).toBe(204);
    expect(pre.headers['access-control-allow-methods']).toBe('PATCH');
    expect(pre.headers['access-control-allow-headers']).toBe('x-anything, x-else');
  });

  it('/max-age and /expose-sensitive send their one bad header', async () => {
    const pre = await preflight(agent, https('/max-age'), APP);
    expect(pre.headers['access-control-max-age']).toBe('31536000');
    const res = await send(agent, https('/expose-sensitive'), { origin: APP });
    expect(res.headers['access-control-expose-headers']).toBe('Authorization, X-Api-Key');
  });

  it('/private-network allows private network access to any origin that asks, but not ACAO', async () => {
    const pre = await preflight(agent, https('/private-network'), EVIL, {
      'access-control-request-private-network': 'true',
    });
    expect(pre.headers['access-control-allow-private-network']).toBe('true');
    expect(pre.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('/invalid-headers sends two ACAO headers and a capitalised ACAC', async () => {
    const res = await send(agent, https('/invalid-headers'), { origin: APP });
    expect(res.headers['access-control-allow-origin']).toEqual([APP, APP]);
    expect(res.headers['access-control-allow-credentials']).toBe('True');
  });

  it('/samesite-none sets a SameSite=None session cookie on actual responses', async () => {
    const res = await send(agent, https('/samesite-none'), { origin: APP });
    expect(res.headers['set-cookie']).toBe('session=abc123; Path=/; Secure; HttpOnly; SameSite=None');
    expect((await preflight(agent, https('/samesite-none'), APP)).headers['set-cookie']).toBeUndefined();
  });

  it('/safe-public-read sends no CORS headers and refuses preflights', async () => {
    const res = await send(agent, https('/safe-public-read'), { origin: APP });
    expect(Object.keys(res.headers).filter((h) => h.startsWith('access-control-') || h === 'vary')).toEqual(
      [],
    );
    expect((await preflight(agent, https('/safe-public-read'), APP)).status).toBe(403);
  });
});

describe('onRequest', () => {
  it('sees every request the lab receives, preflights and WebSocket upgrades included', async () => {
    const seen: LabRequest[] = [];
    const own = await startLab({ onRequest: (r) => seen.push(r) });
    try {
      await send(agent, `https://api.victim.test:${own.httpsPort}/safe`, { origin: APP });
      await preflight(agent, `http://api.victim.test:${own.httpPort}/safe?x=1`, EVIL);
      const ws = new WebSocket(`ws://api.victim.test:${own.httpPort}/ws`, { lookup: loopbackLookup });
      await new Promise((resolve) => ws.once('message', resolve));
      ws.close();
      expect(seen).toEqual([
        { listener: 'https', method: 'GET', path: '/safe', origin: APP },
        { listener: 'http', method: 'OPTIONS', path: '/safe?x=1', origin: EVIL },
        { listener: 'http', method: 'GET', path: '/ws' },
      ]);
    } finally {
      await own.close();
    }
  });
});

describe('close()', () => {
  it('frees both ports, which a new lab can then take', async () => {
    const first = await startLab();
    const ports = [first.httpPort, first.httpsPort];
    await send(agent, `https://api.victim.test:${first.httpsPort}/safe`); // leaves a keep-alive connection
    await first.close();
    for (const port of ports) await expect(canListen(port)).resolves.toBe(true);
    const again = await startLab({ httpPort: first.httpPort, httpsPort: first.httpsPort });
    expect([again.httpPort, again.httpsPort]).toEqual(ports);
    await again.close();
    await again.close(); // idempotent
  });

  it('reports a taken port as a CorsguardError', async () => {
    await expect(startLab({ httpPort: lab.httpPort })).rejects.toMatchObject({ code: 'USAGE' });
  });
});

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}
