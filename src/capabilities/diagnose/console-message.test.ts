import { describe, expect, it } from 'vitest';
import { parseConsoleMessage } from './index.js';
import { CORPUS } from './test-support/console-corpus.js';

describe('a pasted console message names the cause', () => {
  it('has a corpus of at least 30 messages covering every browser', () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(30);
    expect(new Set(CORPUS.map((c) => c.browser))).toEqual(new Set(['chrome', 'firefox', 'safari']));
  });

  it.each(CORPUS.map((c) => [c.text.slice(0, 150), c] as const))('%s', (_, c) => {
    const r = parseConsoleMessage(c.text);
    expect(r.recognised, JSON.stringify(r)).toBe(true);
    if (!r.recognised) return;
    expect(r.browser).toBe(c.browser);
    expect(r.cause).toBe(c.cause);
    for (const key of ['url', 'origin', 'method', 'header', 'status', 'stage'] as const) {
      if (c[key] !== undefined) expect(r[key], key).toBe(c[key]);
    }
  });
});

describe('what the parser cannot name it says so', () => {
  it.each([
    ['', 'empty'],
    ['GET https://api.example.com/v1 net::ERR_FAILED', 'net::ERR_FAILED'],
    ['TypeError: Failed to fetch', 'JavaScript'],
    ['Fetch API cannot load https://api.example.com/v1 due to access control checks.', 'line before'],
    [
      'Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at file:///x. (Reason: CORS request not http).',
      'CORSRequestNotHttp',
    ],
    [
      'Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at https://a.example/. (Reason: CORS disabled).',
      'CORSDisabled',
    ],
    [
      "Access to fetch at 'file:///x' from origin 'null' has been blocked by CORS policy: Cross origin requests are only supported for protocol schemes: http, https.",
      'file:',
    ],
    ['Uncaught ReferenceError: x is not defined', 'no CORS'],
  ])('%j is not recognised (%s)', (text, why) => {
    const r = parseConsoleMessage(text);
    expect(r.recognised).toBe(false);
    if (!r.recognised) expect(r.why).toContain(why);
  });

  it('marks wordings shared by several causes', () => {
    const r = parseConsoleMessage(
      'Origin https://app.example is not allowed by Access-Control-Allow-Origin. Status code: 200',
    );
    expect(r.recognised && r.alsoPossible).toContain('acao-missing');
  });

  it('gives the Firefox Reason code', () => {
    const r = parseConsoleMessage(
      'Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at https://a.example/. (Reason: CORS header ‘Access-Control-Allow-Origin’ missing). Status code: 404.',
    );
    expect(r.recognised && r.reasonCode).toBe('CORSMissingAllowOrigin');
  });
});

describe('hostile input cannot stall the parser', () => {
  // A catastrophic (backtracking) pattern would not finish these within vitest's test timeout.
  const big = (unit: string) => unit.repeat(Math.ceil(100_000 / unit.length));
  it.each([
    ['quotes', big("'")],
    ['repeated prefixes', big("Access to fetch at '")],
    [
      'blocked without end',
      `${big("from origin '")} has been blocked by CORS policy: ${big("The 'Access-Control-Allow-Origin' header has a value '")}`,
    ],
    [
      'firefox reasons',
      `Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at ${big('(Reason: ')}`,
    ],
    ['spaces and words', big('Method  \n\t x ')],
    ['curly quotes', big('‘’“”')],
  ])('100 KB of %s parses', (_, text) => {
    expect(text.length).toBeGreaterThanOrEqual(100_000);
    expect(typeof parseConsoleMessage(text).recognised).toBe('boolean');
  });
});
