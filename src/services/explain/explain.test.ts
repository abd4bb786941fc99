import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { explainRequest } from './explain.js';

interface Seen {
  readonly method: string;
  readonly headers: IncomingHttpHeaders;
}

// A loopback API with one misconfiguration per path; it records every request it gets.
const seen: Seen[] = [];
let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push({ method: req.method ?? '', headers: req.headers });
    const origin = req.headers.origin ?? '';
    const path = req.url ?? '/';
    if (path.startsWith('/methods')) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Access-Control-Allow-Credentials', 'true');
      if (req.method === 'OPTIONS') res.setHeader('Access-Control-Allow-Methods', 'GET, POST');
      res.setHeader('Access-Control-Allow-Headers', 'content-type, x-request-id');
      res.writeHead(req.method === 'OPTIONS' ? 204 : 200).end();
      return;
    }
    if (path.startsWith('/wildcard')) {
      res.setHeader('Server', 'nginx/1.25');
      res.setHeader('Access-Control-Allow-Origin', '*');
      res.writeHead(200).end('{}');
      return;
    }
    if (path.startsWith('/open')) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Access-Control-Allow-Methods', 'PUT');
      res.setHeader('Access-Control-Allow-Headers', 'content-type, x-request-id');
      res.writeHead(req.method === 'OPTIONS' ? 204 : 200).end();
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((r) => server.close(() => r())));

const APP = 'http://localhost:5173';

describe('explain --url: the requests a browser would send, then the browser model', () => {
  it('sends exactly the preflight a browser sends (lower-case sorted names, no cookie), and stops there', async () => {
    seen.length = 0;
    const e = await explainRequest(
      {
        kind: 'request',
        request: {
          url: `${base}/methods`,
          origin: APP,
          method: 'put',
          headers: ['X-Request-Id', 'Accept'],
          credentials: 'include',
          contentType: 'application/json',
        },
      },
      { cookie: 'session=s3cret' },
    );
    expect(seen).toHaveLength(1);
    const preflight = seen[0] as Seen;
    expect(preflight.method).toBe('OPTIONS');
    expect(preflight.headers.origin).toBe(APP);
    expect(preflight.headers['access-control-request-method']).toBe('PUT');
    // Fetch §4.7 step 4: only the CORS-unsafe names (Accept with an empty value is safelisted), sorted, lower-case.
    expect(preflight.headers['access-control-request-headers']).toBe('content-type,x-request-id');
    expect(preflight.headers.cookie).toBeUndefined();
    expect([e.cause, e.verdict, e.source]).toEqual(['preflight-method', 'fix-server', 'live']);
    expect(e.fix?.changes.map((c) => [c.kind, c.value])).toEqual([['allow-method', 'PUT']]);
    expect(e.notes.join(' ')).toContain('not sent');
  });

  it('a PUT that passes its preflight is stood in for by a GET unless --send', async () => {
    seen.length = 0;
    const request = { url: `${base}/open`, origin: APP, method: 'PUT', headers: ['X-Request-Id'] };
    const e = await explainRequest({ kind: 'request', request });
    expect(seen.map((s) => s.method)).toEqual(['OPTIONS', 'GET']);
    expect(seen[1]?.headers['x-request-id']).toBe('corsguard');
    expect(e.cause).toBe('no-error');
    expect(e.notes.join(' ')).toContain('--send');
    seen.length = 0;
    await explainRequest({ kind: 'request', request }, { send: true });
    expect(seen.map((s) => s.method)).toEqual(['OPTIONS', 'PUT']);
  });

  it('sends the cookie only on the actual request, and only with credentials include', async () => {
    seen.length = 0;
    await explainRequest(
      { kind: 'request', request: { url: `${base}/open`, origin: APP, credentials: 'include' } },
      { cookie: 'session=s3cret' },
    );
    await explainRequest(
      { kind: 'request', request: { url: `${base}/open`, origin: APP, credentials: 'omit' } },
      { cookie: 'session=s3cret' },
    );
    expect(seen.map((s) => [s.method, s.headers.cookie])).toEqual([
      ['GET', 'session=s3cret'],
      ['GET', undefined],
    ]);
  });

  it('explains a wildcard with credentials and renders the fix for the stack the Server header names', async () => {
    const e = await explainRequest({
      kind: 'request',
      request: { url: `${base}/wildcard`, origin: APP, credentials: 'include' },
    });
    expect(e.cause).toBe('acao-wildcard-with-credentials');
    expect(e.fix?.snippet.stack).toBe('nginx');
    expect(e.fix?.snippet.code).toContain(`"${APP}"`);
  });

  it('a port nothing listens on is a network error, explained, not thrown', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const e = await explainRequest(
      { kind: 'request', request: { url: `http://127.0.0.1:${port}/x`, origin: APP } },
      { network: { timeoutMs: 2_000 } },
    );
    expect([e.cause, e.verdict, e.evidence.networkError]).toEqual([
      'network-error',
      'not-cors',
      'CONNECTION_REFUSED',
    ]);
  });
});

describe('explain --message', () => {
  const chrome = (url: string) =>
    `Access to fetch at '${url}' from origin '${APP}' has been blocked by CORS policy: Method PUT is not allowed by Access-Control-Allow-Methods in preflight response.`;

  it('offline: the cause and the fix from the message alone, nothing sent', async () => {
    seen.length = 0;
    const e = await explainRequest({ kind: 'message', message: chrome(`${base}/methods`), offline: true });
    expect(seen).toHaveLength(0);
    expect([e.source, e.cause, e.verdict, e.message?.browser]).toEqual([
      'message',
      'preflight-method',
      'fix-server',
      'chrome',
    ]);
    expect(e.request).toMatchObject({ url: `${base}/methods`, origin: APP, method: 'PUT' });
    expect(e.fix?.changes.map((c) => c.kind)).toEqual(['allow-method']);
    expect(e.fix?.delta).toEqual([]);
  });

  it('replayed: the live answer decides, and a disagreement with the message is noted', async () => {
    const agrees = await explainRequest({ kind: 'message', message: chrome(`${base}/methods`) });
    expect([agrees.source, agrees.cause]).toEqual(['live', 'preflight-method']);
    const fixed = await explainRequest({ kind: 'message', message: chrome(`${base}/open`) });
    expect(fixed.cause).toBe('no-error');
    expect(fixed.notes.join(' ')).toContain('The message says preflight-method');
  });

  it('an unknown message or a missing part is a usage error saying what to paste or give', async () => {
    await expect(explainRequest({ kind: 'message', message: 'TypeError: Failed to fetch' })).rejects.toThrow(
      /paste the console line that gives the reason/,
    );
    await expect(
      explainRequest({
        kind: 'message',
        message: `Origin ${APP} is not allowed by Access-Control-Allow-Origin. Status code: 200`,
        offline: true,
      }),
    ).rejects.toThrow(/give --url/);
  });
});

describe('bad input', () => {
  it('reports every problem of a request at once', async () => {
    await expect(
      explainRequest({
        kind: 'request',
        request: { url: 'ftp://x', origin: 'app.example.com', method: 'P UT' },
      }),
    ).rejects.toThrow(/not an http\(s\) or ws\(s\) URL[\s\S]*not an origin[\s\S]*not an HTTP method/);
  });

  it('a policy file that does not exist is named', async () => {
    await expect(
      explainRequest(
        { kind: 'request', request: { url: `${base}/open`, origin: APP } },
        { policyFile: '/nonexistent/cors.policy.yaml' },
      ),
    ).rejects.toThrow(/cannot read \/nonexistent\/cors.policy.yaml: no such file/);
  });
});
