import { describe, expect, it } from 'vitest';
import { CorsguardError } from '../../core/errors/index.js';
import { diagnoseExchange, HAR_LIMITS, type HarParse, parseHar } from './index.js';

// HARs shaped like Chrome DevTools' export (front_end/models/har/Log.ts: pages[].title is the page URL,
// _resourceType, _initiator, response._error, the status and headers of a CORS-blocked response from
// Network.responseReceivedExtraInfo, preflights as their own entries) and Playwright's recordHar (no
// preflights; a blocked request has only its provisional headers and status -1 with _failureText).

const APP = 'https://app.example';
const API = 'https://api.example';
type H = Record<string, string>;
const hs = (h: H) => Object.entries(h).map(([name, value]) => ({ name, value }));
let clock = Date.parse('2026-01-01T00:00:00.000Z');

function entry(
  method: string,
  url: string,
  reqHeaders: H,
  status: number,
  resHeaders: H = {},
  extra: Record<string, unknown> = {},
  response: Record<string, unknown> = {},
) {
  clock += 10;
  return {
    pageref: 'page_1',
    startedDateTime: new Date(clock).toISOString(),
    time: 5,
    request: { method, url, httpVersion: 'HTTP/1.1', headers: hs(reqHeaders), queryString: [], cookies: [] },
    response: {
      status,
      statusText: '',
      headers: hs(resHeaders),
      content: { size: 0, mimeType: 'x-unknown' },
      ...response,
    },
    cache: {},
    timings: { send: 0, wait: 1, receive: 1 },
    ...extra,
  };
}
const har = (entries: unknown[], creator = { name: 'WebInspector', version: '537.36' }) =>
  JSON.stringify({
    log: { version: '1.2', creator, pages: [{ id: 'page_1', title: `${APP}/dashboard` }], entries },
  });
const wire = (h: H = {}) => ({
  Host: 'api.example',
  Origin: APP,
  'User-Agent': 'Chrome',
  Accept: '*/*',
  ...h,
});
const cors = (h: H = {}) => ({ 'Access-Control-Allow-Origin': APP, ...h });

describe('a HAR that is not usable is refused with what is wrong and how to fix it', () => {
  it.each([
    ['not JSON', '{"log": ', 'not JSON'],
    ['no log', '{"entries": []}', 'no "log" object'],
    [
      'another version',
      '{"log":{"version":"2.0","creator":{"name":"x"},"entries":[]}}',
      'log.version is "2.0"',
    ],
    [
      'entries not an array',
      '{"log":{"version":"1.2","creator":{"name":"x"},"entries":{}}}',
      'log.entries is an object',
    ],
    [
      'an entry without a URL',
      har([{ ...entry('GET', `${API}/a`, {}, 200), request: { method: 'GET', headers: [] } }]),
      'log.entries[0].request.url is missing',
    ],
    [
      'a header without a value',
      har([{ ...entry('GET', `${API}/a`, {}, 200), response: { status: 200, headers: [{ name: 'x' }] } }]),
      'log.entries[0].response.headers[0].value is missing',
    ],
  ])('%s', (_, text, what) => {
    let error: unknown;
    try {
      parseHar(text);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(CorsguardError);
    expect((error as CorsguardError).code).toBe('HAR_INVALID');
    expect((error as CorsguardError).message).toContain(what);
    expect((error as CorsguardError).message).toContain('Export HAR');
  });

  it(`a file over ${HAR_LIMITS.maxChars} characters is refused before it is parsed`, () => {
    expect(() => parseHar(' '.repeat(HAR_LIMITS.maxChars + 1))).toThrow(/over corsguard's limit/);
  });
});

describe('a DevTools HAR: every cross-origin request becomes an exchange citing its entry', () => {
  const entries = [
    entry('GET', `${APP}/dashboard`, { Host: 'app.example' }, 200, {}, { _resourceType: 'document' }),
    entry('GET', `${APP}/app.js`, { Host: 'app.example' }, 200, {}, { _resourceType: 'script' }),
    entry('GET', `${API}/logo.png`, { Host: 'api.example' }, 200, {}, { _resourceType: 'image' }),
    // 3: the actual PUT is logged when script calls fetch(); its preflight starts just after it.
    entry(
      'PUT',
      `${API}/items/1`,
      { 'X-Request-Id': 'r-1', 'Content-Type': 'application/json', 'User-Agent': 'Chrome' },
      0,
      {},
      { _resourceType: 'fetch', _initiator: { type: 'script' } },
      { _error: 'net::ERR_FAILED' },
    ),
    entry(
      'OPTIONS',
      `${API}/items/1`,
      wire({
        'Access-Control-Request-Method': 'PUT',
        'Access-Control-Request-Headers': 'content-type,x-request-id',
      }),
      204,
      cors({ 'Access-Control-Allow-Methods': 'GET, PUT', 'Access-Control-Allow-Headers': 'content-type' }),
      { _resourceType: 'preflight', _initiator: { type: 'preflight', url: `${API}/items/1` } },
    ),
    // 5: blocked, but DevTools has the real status and headers; a cookie went with it.
    entry(
      'GET',
      `${API}/me`,
      wire({ Cookie: 'session=1' }),
      200,
      cors(),
      { _resourceType: 'fetch' },
      { _error: 'net::ERR_FAILED' },
    ),
    // 6: the server is down.
    entry(
      'GET',
      `${API}/down`,
      { Referer: `${APP}/` },
      0,
      {},
      { _resourceType: 'xhr' },
      { _error: 'net::ERR_CONNECTION_REFUSED' },
    ),
    // 7: Access-Control-Allow-Origin twice, exported as one value with a line break.
    entry(
      'GET',
      `${API}/twice`,
      wire(),
      200,
      { 'Access-Control-Allow-Origin': `${APP}\n${APP}` },
      { _resourceType: 'fetch' },
    ),
    // 8: a preflight whose request is not in the HAR.
    entry(
      'OPTIONS',
      `${API}/orphan`,
      wire({ 'Access-Control-Request-Method': 'DELETE' }),
      405,
      {},
      { _resourceType: 'preflight' },
    ),
    // 9: same-origin fetch.
    entry(
      'POST',
      `${APP}/api/log`,
      { Host: 'app.example', Origin: APP },
      204,
      {},
      { _resourceType: 'fetch' },
    ),
    entry('GET', 'data:text/plain,hi', {}, 200, {}, { _resourceType: 'fetch' }),
  ];
  let parsed: HarParse;
  it('counts what it skipped and why, and accounts for every entry', () => {
    parsed = parseHar(har(entries));
    expect(parsed.creator).toBe('WebInspector 537.36');
    expect(parsed.exchanges.map((x) => x.entry)).toEqual([3, 5, 6, 7, 8]);
    expect(parsed.skippedBy).toEqual({ navigation: 1, 'no-cors': 2, 'same-origin': 1, 'not-http': 1 });
    expect(parsed.skipped).toBe(5);
    const pairedPreflights = parsed.exchanges.filter(
      (x) => x.kind === 'request' && x.preflightEntry !== undefined,
    );
    expect(parsed.exchanges.length + pairedPreflights.length + parsed.skipped).toBe(parsed.read);
  });

  it('pairs a preflight that starts after its request, and takes the page-set headers from it', () => {
    const x = parseHar(har(entries)).exchanges[0];
    expect(x?.preflightEntry).toBe(4);
    expect(x?.request).toEqual({
      url: `${API}/items/1`,
      origin: APP,
      method: 'PUT',
      headers: [['X-Request-Id', 'r-1']],
      contentType: 'application/json',
    });
    expect(x?.basis).toEqual({ origin: 'page', headers: 'preflight', credentials: 'no-cookie' });
    expect(x?.missing).toEqual(['response']);
    expect(x?.unsure).toEqual(['origin', 'credentials']);
    expect(x?.browserError).toBe('net::ERR_FAILED');
    // The preflight decides; the missing response is never needed.
    if (x) expect(diagnoseExchange(x).cause).toBe('preflight-header');
  });

  it('diagnoses each exchange from what the HAR recorded', () => {
    const [, me, down, twice, orphan] = parseHar(har(entries)).exchanges;
    expect(me?.request.credentials).toBe('include');
    expect(me?.basis.credentials).toBe('cookie-sent');
    if (me) expect(diagnoseExchange(me).cause).toBe('acac-missing');
    expect(down?.response).toEqual({ networkError: 'net::ERR_CONNECTION_REFUSED' });
    expect(down?.basis.origin).toBe('page');
    if (down) expect(diagnoseExchange(down).cause).toBe('network-error');
    if (twice) expect(diagnoseExchange(twice).cause).toBe('acao-multiple');
    expect(orphan?.kind).toBe('preflight-only');
    expect(orphan?.request).toEqual({ url: `${API}/orphan`, origin: APP, method: 'DELETE' });
    // A 405 without CORS headers: Chromium (and the model) fail its CORS check before its status.
    if (orphan) expect(diagnoseExchange(orphan).cause).toBe('acao-missing');
  });
});

describe('a Playwright HAR: what it did not record is said, not guessed silently', () => {
  const text = har(
    [
      entry(
        'GET',
        `${APP}/`,
        { Host: 'app.example' },
        200,
        {},
        { _resourceType: 'document', _frameref: 'frame@1' },
      ),
      entry(
        'PUT',
        `${API}/items/1`,
        { 'User-Agent': 'Chrome', 'X-Request-Id': 'r-1', Referer: `${APP}/` },
        -1,
        {},
        { _resourceType: 'fetch', _frameref: 'frame@1' },
        { _failureText: 'net::ERR_FAILED' },
      ),
    ],
    { name: 'Playwright', version: '1.65.1' },
  );

  it('a blocked request: origin from its frame, no preflight, no response', () => {
    const [x] = parseHar(text).exchanges;
    expect(x?.request).toEqual({
      url: `${API}/items/1`,
      origin: APP,
      method: 'PUT',
      headers: [['X-Request-Id', 'r-1']],
    });
    expect(x?.preflight).toBeUndefined();
    expect(x?.response).toBeUndefined();
    expect(x?.missing).toEqual(['preflight', 'response']);
    expect(x?.unsure).toEqual(['origin', 'headers', 'credentials']);
    expect(x?.basis).toEqual({ origin: 'frame-document', headers: 'provisional', credentials: 'no-cookie' });
    // diagnoseExchange refuses to guess the answers it was not given.
    expect(() => (x ? diagnoseExchange(x) : undefined)).toThrow(/preflight/);
  });
});

describe('a Playwright WebSocket entry', () => {
  it('takes the refused handshake status from the failure text; the browser set every header', () => {
    const text = har([
      entry(
        'GET',
        'wss://api.example/socket',
        {
          Upgrade: 'websocket',
          Origin: APP,
          Pragma: 'no-cache',
          'Cache-Control': 'no-cache',
          Host: 'api.example',
        },
        -1,
        {},
        { _resourceType: 'websocket' },
        { _failureText: 'Error during WebSocket handshake: Unexpected response code: 403' },
      ),
    ]);
    const [x] = parseHar(text).exchanges;
    expect(x?.request).toEqual({ url: 'wss://api.example/socket', origin: APP, method: 'GET' });
    expect(x?.response).toEqual({ status: 403, headers: [] });
    expect(x?.missing).toEqual([]);
    if (x) expect(diagnoseExchange(x).cause).toBe('websocket-rejected');
  });
});

describe('hostile values are plain data', () => {
  it('odd header names, long values and junk URLs neither throw nor leak into prototypes', () => {
    const long = 'a'.repeat(100_000);
    const odd = entry('GET', `${API}/x`, wire(), 200, {}, { _resourceType: 'fetch' });
    odd.request.headers.push({ name: '__proto__', value: 'polluted' }, { name: 'constructor', value: long });
    odd.response.headers.push({ name: '__proto__', value: long });
    const parsed = parseHar(
      har([odd, entry('GET', 'not a url', wire(), 200), entry('GET', 'javascript:alert(1)', wire(), 200)]),
    );
    expect(parsed.exchanges).toHaveLength(1);
    expect(parsed.skippedBy).toEqual({ 'not-http': 2 });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const x = parsed.exchanges[0];
    // Names and values stay what they were: two unsafe author headers, so a preflight was needed.
    expect(x?.request.headers).toEqual([
      ['__proto__', 'polluted'],
      ['constructor', long],
    ]);
    expect(x?.missing).toEqual(['preflight']);
    if (x)
      expect(diagnoseExchange({ ...x, preflight: { status: 204, headers: [] } }).cause).toBe('acao-missing');
  });

  it(`reads at most ${HAR_LIMITS.maxEntries} entries and counts the rest as unread`, () => {
    const one = entry('GET', `${APP}/`, {}, 200, {}, { _resourceType: 'document' });
    const parsed = parseHar(har(Array.from({ length: HAR_LIMITS.maxEntries + 3 }, () => one)));
    expect(parsed.read).toBe(HAR_LIMITS.maxEntries);
    expect(parsed.unread).toBe(3);
    expect(parsed.entries).toBe(HAR_LIMITS.maxEntries + 3);
  });
});
