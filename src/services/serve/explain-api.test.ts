import type { IncomingMessage } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Lookup } from '../../capabilities/ssrf/index.js';
import { explainRequest } from '../explain/index.js';
import { type Client, openApiErrors, type Target, target, testServer } from './test-support/server.js';

// A loopback API (127.0.0.7, allowed by the server's allowCidrs) with one misconfiguration per path, under
// a name of its own (the server's lookup), as a public API would be: an http page asks for an http API.
let api: Target;
let server: Awaited<ReturnType<typeof testServer>>;
const HOST = 'api.explain.test';
const APP = 'http://app.example.test';
const lookup: Lookup = async (host) => (host === HOST ? [{ address: '127.0.0.7' }] : []);
/** The API's URL under its name. */
const at = (path: string) => `http://${HOST}:${api.port}${path}`;
const CHROME_PUT = (url: string) =>
  `Access to fetch at '${url}' from origin '${APP}' has been blocked by CORS policy: Method PUT is not allowed by Access-Control-Allow-Methods in preflight response.`;

function handler(req: IncomingMessage, res: import('node:http').ServerResponse): void {
  const origin = req.headers.origin ?? '';
  if (req.url?.startsWith('/methods')) {
    res.setHeader('Server', 'nginx/1.25.3');
    res.setHeader('Access-Control-Allow-Origin', origin);
    if (req.method === 'OPTIONS') res.setHeader('Access-Control-Allow-Methods', 'GET, POST');
    res.writeHead(req.method === 'OPTIONS' ? 204 : 200).end();
  } else if (req.url?.startsWith('/open')) {
    res.setHeader('Access-Control-Allow-Origin', origin);
    res.setHeader('Access-Control-Allow-Credentials', 'true');
    res.setHeader('Access-Control-Allow-Methods', 'PUT');
    res.setHeader('Access-Control-Allow-Headers', 'x-request-id');
    res.writeHead(req.method === 'OPTIONS' ? 204 : 200).end();
  } else if (req.url?.startsWith('/slow')) setTimeout(() => res.writeHead(200).end(), 800);
  else res.writeHead(200).end('no CORS here');
}

beforeAll(async () => {
  api = await target('127.0.0.7', handler);
  server = await testServer({
    lookup,
    allowCidrs: ['127.0.0.7/32'],
    targetPorts: [api.port, 80, 443],
    explainsPerClient: 1000,
  });
});
afterAll(async () => {
  await server?.close();
  await api?.close();
});

const sent = (from: number) => api.requests.slice(from).map((r) => r.method);

describe('POST /api/explain', () => {
  it('replays the request as a browser would and answers the explanation of corsguard explain --format json', async () => {
    const before = api.requests.length;
    const body = { url: at('/methods'), origin: APP, method: 'PUT', headers: ['X-Request-Id'] };
    const res = await server.post('/api/explain', body);
    expect(res.status).toBe(200);
    expect(openApiErrors('ExplainResult', res.json)).toEqual([]);
    const e = res.json.explanation;
    expect([e.cause, e.stage, e.verdict, e.source]).toEqual([
      'preflight-method',
      'preflight',
      'fix-server',
      'live',
    ]);
    expect(e.fix.snippet.stack).toBe('nginx'); // detected from Server
    // Only the preflight: a browser stops at a failed one.
    expect(sent(before)).toEqual(['OPTIONS']);
    expect(api.requests[before]?.headers['access-control-request-headers']).toBe('x-request-id');
    // The same object the library (and so `corsguard explain --format json`) gives for that request.
    const direct = await explainRequest(
      { kind: 'request', request: body },
      { network: { timeoutMs: 5000, resolve: [`${HOST}:${api.port}:127.0.0.7`] } },
    );
    expect(e).toEqual(JSON.parse(JSON.stringify(direct)));
  });

  it('never sends a method that may change data: a GET stands in for the PUT, and no cookie', async () => {
    const before = api.requests.length;
    const res = await server.post('/api/explain', {
      url: at('/open'),
      origin: APP,
      method: 'PUT',
      headers: ['X-Request-Id'],
      credentials: 'include',
    });
    expect(res.json.explanation).toMatchObject({ cause: 'no-error', verdict: 'not-blocked' });
    expect(sent(before)).toEqual(['OPTIONS', 'GET']);
    expect(api.requests.slice(before).every((r) => r.headers.cookie === undefined)).toBe(true);
    expect(res.json.explanation.notes.join(' ')).toMatch(/The PUT itself was not sent/);
  });

  it('explains a pasted console message: the URL and origin from it, replayed live', async () => {
    const before = api.requests.length;
    const res = await server.post('/api/explain', { message: CHROME_PUT(at('/methods')) });
    expect(res.status).toBe(200);
    expect(res.json.explanation).toMatchObject({
      source: 'live',
      message: { browser: 'chrome', cause: 'preflight-method' },
      cause: 'preflight-method',
      request: { url: at('/methods'), origin: APP, method: 'PUT' },
    });
    expect(sent(before)).toEqual(['OPTIONS']);
  });

  it('offline: a message alone sends nothing and needs no admission, even naming an internal address', async () => {
    const before = api.requests.length;
    const res = await server.post('/api/explain', {
      message: CHROME_PUT('https://169.254.169.254/latest/meta-data/'),
      offline: true,
      stack: 'express',
    });
    expect(res.status).toBe(200);
    expect(res.json.explanation).toMatchObject({
      source: 'message',
      cause: 'preflight-method',
      verdict: 'fix-server',
    });
    expect(res.json.explanation.fix.snippet.stack).toBe('express');
    expect(api.requests.length).toBe(before);
  });

  it('the fields fill in what a message does not say (Firefox names no origin)', async () => {
    const firefox = `Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at ${at('/plain')}. (Reason: CORS header ‘Access-Control-Allow-Origin’ missing). Status code: 200.`;
    const without = await server.post('/api/explain', { message: firefox });
    expect(without.status).toBe(400);
    expect(without.json.error).toMatchObject({ code: 'INVALID_REQUEST' });
    expect(without.json.error.message).toMatch(/origin/);
    const res = await server.post('/api/explain', { message: firefox, origin: APP });
    expect(res.status).toBe(200);
    expect(res.json.explanation).toMatchObject({ cause: 'acao-missing', message: { browser: 'firefox' } });
  });

  it.each([
    [{ origin: APP }, 400, 'INVALID_URL', /give the URL/],
    [{ url: 'nope', origin: APP }, 400, 'INVALID_URL', /not an http\(s\) or ws\(s\) URL/],
    [{ url: 'ftp://example.com/', origin: APP }, 400, 'INVALID_URL', /not an http/],
    [{ url: 'https://example.com/' }, 400, 'INVALID_REQUEST', /give the page's origin/],
    [
      { url: 'https://example.com/', origin: 'https://app.example.com/path' },
      400,
      'INVALID_REQUEST',
      /is not an origin/,
    ],
    [
      { url: 'https://example.com/', origin: 'file:///x\r\nX-Injected: 1' },
      400,
      'INVALID_REQUEST',
      /is not an origin/,
    ],
    [{ url: 'https://example.com/', origin: APP, method: 'TRACE' }, 400, 'INVALID_REQUEST', /not a method/],
    [
      { url: 'https://example.com/', origin: APP, headers: 'X-Id' },
      400,
      'INVALID_REQUEST',
      /list of request header names/,
    ],
    [
      { url: 'https://example.com/', origin: APP, headers: ['Cookie'] },
      400,
      'INVALID_REQUEST',
      /set by the browser/,
    ],
    [
      { url: 'https://example.com/', origin: APP, credentials: 'yes' },
      400,
      'INVALID_REQUEST',
      /credentials must be/,
    ],
    [
      { url: 'https://example.com/', origin: APP, contentType: 'a\r\nX: y' },
      400,
      'INVALID_REQUEST',
      /one header value/,
    ],
    [
      { url: 'https://example.com/', origin: APP, stack: 'rails' },
      400,
      'INVALID_REQUEST',
      /stack must be one of/,
    ],
    [
      { url: 'https://example.com/', origin: APP, offline: true },
      400,
      'INVALID_REQUEST',
      /offline goes with a message/,
    ],
    [
      { url: 'https://example.com/', origin: APP, send: true },
      400,
      'INVALID_REQUEST',
      /never sends a method/,
    ],
    [
      { url: 'https://example.com/', origin: APP, policy: '/etc/passwd' },
      400,
      'INVALID_REQUEST',
      /policy file/,
    ],
    [{ url: 'https://example.com/', origin: APP, cookie: 'a=1' }, 400, 'INVALID_REQUEST', /sends no cookies/],
    [{ url: 'https://example.com/', origin: APP, nope: 1 }, 400, 'INVALID_REQUEST', /unknown field "nope"/],
    [{ message: 'Something went wrong' }, 400, 'INVALID_REQUEST', /not one corsguard recognises/],
    [{ url: 'http://169.254.169.254/', origin: APP }, 403, 'TARGET_FORBIDDEN', /link-local/],
    [{ message: CHROME_PUT('http://10.1.2.3/x') }, 403, 'TARGET_FORBIDDEN', /private/],
    ['{"url": ', 400, 'INVALID_REQUEST', /JSON/i],
    ['[1]', 400, 'INVALID_REQUEST', /JSON object/],
  ])('refuses %j with %i %s and says why', async (body, status, code, message) => {
    const before = api.requests.length;
    const res = await server.post('/api/explain', body);
    expect(res.status).toBe(status);
    expect(openApiErrors('Error', res.json)).toEqual([]);
    expect(res.json.error.code).toBe(code);
    expect(res.json.error.message).toMatch(message);
    expect(res.text).not.toMatch(/at .*\.(ts|js):\d+/);
    expect(api.requests.length).toBe(before);
  });

  it('a server that does not answer is an explanation (not-cors), not an error', async () => {
    const closed = await target('127.0.0.7', (_req, res) => res.end());
    await closed.close();
    const other = await testServer({ lookup, allowCidrs: ['127.0.0.7/32'], targetPorts: [closed.port] });
    try {
      const res = await other.post('/api/explain', { url: `http://${HOST}:${closed.port}/`, origin: APP });
      expect(res.status).toBe(200);
      expect(res.json.explanation).toMatchObject({ cause: 'network-error', verdict: 'not-cors' });
    } finally {
      await other.close();
    }
  });

  it("is in the OpenAPI document, whose Explanation is the explain schema's explanation", async () => {
    const { json } = await server.get('/api/openapi.json');
    expect(json.paths['/api/explain'].post.operationId).toBe('explainRequest');
    expect(json.components.schemas.Explanation).toEqual({ $ref: '#/components/schemas/explanation' });
    for (const name of ['Explanation', 'ExplainRequest', 'ExplainResult', 'cause', 'verdict'])
      expect(() => openApiErrors(name, {}), name).not.toThrow();
    expect(
      openApiErrors('ExplainRequest', { url: 'https://a.example/', origin: APP, send: true }),
    ).not.toEqual([]);
  });
});

describe('limits of live explanations', () => {
  let limited: Client & Awaited<ReturnType<typeof testServer>>;
  beforeAll(async () => {
    limited = await testServer({
      lookup,
      allowCidrs: ['127.0.0.7/32'],
      targetPorts: [api.port],
      explainsPerClient: 2,
      explainsPerTargetHost: 1000,
    });
  });
  afterAll(() => limited?.close());

  it('counts live explanations per client (API and form together) with RATE_LIMITED and Retry-After; offline ones are free', async () => {
    const live = { url: at('/methods'), origin: APP };
    expect((await limited.post('/api/explain', live)).status).toBe(200);
    const form = await fetch(`${limited.url}/explain`, { method: 'POST', body: new URLSearchParams(live) });
    expect(form.status).toBe(200);
    const third = await limited.post('/api/explain', live);
    expect(third.status).toBe(429);
    expect(third.json.error.code).toBe('RATE_LIMITED');
    expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(0);
    const page = await fetch(`${limited.url}/explain`, { method: 'POST', body: new URLSearchParams(live) });
    expect(page.status).toBe(429);
    expect(await page.text()).toMatch(/data-code="RATE_LIMITED"/);
    for (let i = 0; i < 3; i++) {
      const offline = await limited.post('/api/explain', {
        message: CHROME_PUT(at('/methods')),
        offline: true,
      });
      expect(offline.status).toBe(200);
    }
    // Scans have their own window.
    expect((await limited.post('/api/scans', { url: at('/methods') })).status).toBe(202);
  });

  it('runs at most maxConcurrentExplains replays at once: QUEUE_FULL with Retry-After beyond', async () => {
    const one = await testServer({
      lookup,
      allowCidrs: ['127.0.0.7/32'],
      targetPorts: [api.port],
      maxConcurrentExplains: 1,
    });
    try {
      const first = one.post('/api/explain', { url: at('/slow'), origin: APP });
      await new Promise((r) => setTimeout(r, 200));
      expect(one.explainer.running).toBe(1);
      const second = await one.post('/api/explain', { url: at('/slow'), origin: APP });
      expect(second.status).toBe(503);
      expect(second.json.error.code).toBe('QUEUE_FULL');
      expect(second.headers.get('retry-after')).toBe('5');
      expect((await first).status).toBe(200);
      expect(one.explainer.running).toBe(0);
    } finally {
      await one.close();
    }
  });

  it('counts live explanations of one target host from every client together', async () => {
    const hosts = await testServer({
      lookup,
      allowCidrs: ['127.0.0.7/32'],
      targetPorts: [api.port],
      explainsPerTargetHost: 1,
      trustProxy: true,
    });
    try {
      const live = { url: at('/methods'), origin: APP };
      expect((await hosts.post('/api/explain', live, { 'x-forwarded-for': '198.51.100.1' })).status).toBe(
        200,
      );
      const second = await hosts.post('/api/explain', live, { 'x-forwarded-for': '198.51.100.2' });
      expect(second.status).toBe(429);
      expect(second.json.error.message).toMatch(
        /api\.explain\.test was asked 1 times .* from every client together/,
      );
    } finally {
      await hosts.close();
    }
  });
});
