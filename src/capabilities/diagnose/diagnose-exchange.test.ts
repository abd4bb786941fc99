import { describe, expect, it } from 'vitest';
import type { HeaderList } from '../../core/browser/index.js';
import { type Cause, diagnoseExchange, type ExchangeInput } from './index.js';

const APP = 'https://app.example';
const url = 'https://api.example/v1';
const ok = (headers: HeaderList, status = 200) => ({ status, headers });
const allow: HeaderList = [['Access-Control-Allow-Origin', APP]];
const put = { url, origin: APP, method: 'PUT' };
const cookie = { url, origin: APP, credentials: 'include' as const };

const cases: ReadonlyArray<readonly [string, Cause, ExchangeInput]> = [
  ['no Access-Control-Allow-Origin', 'acao-missing', { request: { url, origin: APP }, response: ok([]) }],
  [
    'another origin',
    'acao-mismatch',
    {
      request: { url, origin: APP },
      response: ok([['Access-Control-Allow-Origin', 'https://www.app.example']]),
    },
  ],
  [
    'a trailing slash',
    'acao-mismatch',
    { request: { url, origin: APP }, response: ok([['Access-Control-Allow-Origin', `${APP}/`]]) },
  ],
  ['two headers', 'acao-multiple', { request: { url, origin: APP }, response: ok([...allow, ...allow]) }],
  [
    'a space-separated list',
    'acao-multiple',
    {
      request: { url, origin: APP },
      response: ok([['Access-Control-Allow-Origin', `${APP} https://b.example`]]),
    },
  ],
  [
    'a bare host',
    'acao-invalid',
    { request: { url, origin: APP }, response: ok([['Access-Control-Allow-Origin', 'app.example']]) },
  ],
  [
    '* with cookies',
    'acao-wildcard-with-credentials',
    {
      request: cookie,
      response: ok([
        ['Access-Control-Allow-Origin', '*'],
        ['Access-Control-Allow-Credentials', 'true'],
      ]),
    },
  ],
  ['cookies without ACAC', 'acac-missing', { request: cookie, response: ok(allow) }],
  [
    'ACAC: TRUE',
    'acac-not-true',
    { request: cookie, response: ok([...allow, ['Access-Control-Allow-Credentials', 'TRUE']]) },
  ],
  ['a 401 preflight', 'preflight-status', { request: put, preflight: ok(allow, 401) }],
  [
    'a redirected preflight',
    'preflight-redirect',
    { request: put, preflight: { status: 302, headers: [['Location', 'https://login.example/']] } },
  ],
  [
    'PUT not allowed',
    'preflight-method',
    { request: put, preflight: ok([...allow, ['Access-Control-Allow-Methods', 'GET, POST']]) },
  ],
  [
    'x-request-id not allowed',
    'preflight-header',
    {
      request: { url, origin: APP, headers: ['X-Trace', 'X-Request-Id'] },
      preflight: ok([...allow, ['Access-Control-Allow-Headers', 'x-trace']]),
    },
  ],
  ['http: from https:', 'mixed-content', { request: { url: 'http://api.example/v1', origin: APP } }],
  [
    'an http page to a LAN address',
    'local-network',
    { request: { url: 'http://192.168.1.10/api', origin: 'http://app.example' } },
  ],
  [
    'a 403 handshake',
    'websocket-rejected',
    { request: { url: 'wss://api.example/ws', origin: APP }, response: ok([], 403) },
  ],
  [
    'DNS failure',
    'network-error',
    { request: { url, origin: APP }, response: { networkError: 'DNS_FAILURE' } },
  ],
  [
    'a refused preflight connection',
    'network-error',
    { request: put, preflight: { networkError: 'net::ERR_CONNECTION_REFUSED' } },
  ],
  [
    'a correct answer',
    'no-error',
    { request: cookie, response: ok([...allow, ['Access-Control-Allow-Credentials', 'true']]) },
  ],
];

describe('why is my request blocked', () => {
  it.each(cases)('%s → %s', (_, cause, input) => {
    const d = diagnoseExchange(input);
    expect(d.cause).toBe(cause);
    expect(d.steps.at(-1)?.ok).toBe(cause === 'no-error');
  });

  it('covers every cause', async () => {
    const { CAUSES } = await import('./index.js');
    expect(new Set(cases.map(([, c]) => c))).toEqual(new Set(CAUSES));
  });

  it('names the refused method and the headers that decided it', () => {
    const d = diagnoseExchange({
      request: put,
      preflight: ok([...allow, ['Access-Control-Allow-Methods', 'GET, POST'], ['Vary', 'Origin']], 204),
    });
    expect(d).toMatchObject({ stage: 'preflight', preflightNeeded: true });
    expect(d.evidence).toEqual({
      exchange: 'preflight',
      status: 204,
      headers: [['Access-Control-Allow-Methods', 'GET, POST']],
      method: 'PUT',
    });
    expect(d.steps.map((s) => s.name)).toEqual([
      'mixed-content',
      'preflight-needed',
      // Chromium's order: the CORS check before the status.
      'preflight-cors-check',
      'preflight-status',
      'preflight-methods',
    ]);
  });

  it('names the refused request header: Authorization is never covered by *', () => {
    const d = diagnoseExchange({
      request: { url, origin: APP, headers: ['X-Trace', 'Authorization'] },
      preflight: ok(
        [
          ['Access-Control-Allow-Origin', '*'],
          ['Access-Control-Allow-Headers', '*'],
        ],
        204,
      ),
    });
    expect(d.cause).toBe('preflight-header');
    expect(d.evidence.header).toBe('authorization');
  });

  it('works the preflight out from the content type', () => {
    const json = diagnoseExchange({
      request: { url, origin: APP, method: 'POST', contentType: 'application/json' },
      preflight: ok(allow, 204),
    });
    expect(json).toMatchObject({
      cause: 'preflight-header',
      preflightNeeded: true,
      evidence: { header: 'content-type' },
    });
    const form = diagnoseExchange({
      request: { url, origin: APP, method: 'POST', contentType: 'text/plain' },
      response: ok(allow),
    });
    expect(form).toMatchObject({ cause: 'no-error', preflightNeeded: false });
  });

  it('checks the actual response after a passing preflight', () => {
    const d = diagnoseExchange({
      request: put,
      preflight: ok([...allow, ['Access-Control-Allow-Methods', 'PUT']], 204),
      response: ok([]),
    });
    expect(d).toMatchObject({ cause: 'acao-missing', stage: 'response', preflightNeeded: true });
  });

  it('reports a preflight missing its ACAO at the preflight stage', () => {
    expect(diagnoseExchange({ request: put, preflight: ok([], 204) })).toMatchObject({
      cause: 'acao-missing',
      stage: 'preflight',
    });
  });

  it('keeps the redirect Location as evidence', () => {
    const d = diagnoseExchange({
      request: put,
      preflight: { status: 301, headers: [['Location', 'https://api.example/v1/']] },
    });
    expect(d.evidence.location).toBe('https://api.example/v1/');
  });

  it('lets a secure page reach loopback and the LAN without a preflight: Local Network Access is a user permission', () => {
    // Chromium 142+: no private-network preflight; the permission is assumed granted (the console says when not).
    for (const target of ['http://localhost:8080/', 'https://192.168.1.10/api']) {
      const d = diagnoseExchange({ request: { url: target, origin: APP }, response: ok(allow) });
      expect(d).toMatchObject({ cause: 'no-error', preflightNeeded: false });
      expect(d.steps.find((step) => step.name === 'local-network')?.detail).toContain('permission');
    }
  });

  it('asks for the answer it needs instead of guessing', () => {
    expect(() => diagnoseExchange({ request: put, response: ok(allow) })).toThrow(/preflight/);
    expect(() => diagnoseExchange({ request: { url: 'nope', origin: APP } })).toThrow(/not a URL/);
  });
});

describe('the steps follow the order Chromium checks a preflight in', () => {
  const put = { url: 'https://api.example/v1', origin: 'https://app.example', method: 'PUT' } as const;
  const names = (d: ReturnType<typeof diagnoseExchange>) =>
    d.steps
      .filter((s) => s.name.startsWith('preflight-') && s.name !== 'preflight-needed')
      .map((s) => [s.name, s.ok]);

  it('a 403 without CORS headers fails the CORS check, and the status is never called passed', () => {
    expect(names(diagnoseExchange({ request: put, preflight: { status: 403, headers: [] } }))).toEqual([
      ['preflight-cors-check', false],
    ]);
  });

  it('a 404 that allows the origin passes the CORS check and fails the status', () => {
    const allowed = [['Access-Control-Allow-Origin', 'https://app.example']] as const;
    expect(names(diagnoseExchange({ request: put, preflight: { status: 404, headers: allowed } }))).toEqual([
      ['preflight-cors-check', true],
      ['preflight-status', false],
    ]);
  });

  it('a redirect fails before anything is read', () => {
    expect(names(diagnoseExchange({ request: put, preflight: { status: 301, headers: [] } }))).toEqual([
      ['preflight-status', false],
    ]);
  });
});
