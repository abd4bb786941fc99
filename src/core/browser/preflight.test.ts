import { describe, expect, it } from 'vitest';
import { preflightCheck } from './preflight.js';
import type { HeaderList } from './types.js';

const O = 'https://app.example';

describe('preflightCheck', () => {
  it('reports parsed lists and the UA-capped max-age', () => {
    const outcome = preflightCheck(
      { origin: O, method: 'PATCH', headers: [['X-Token', '1']], credentials: 'omit' },
      {
        status: 204,
        headers: [
          ['Access-Control-Allow-Origin', O],
          ['Access-Control-Allow-Methods', 'GET, PATCH'],
          ['Access-Control-Allow-Headers', 'X-Token, Content-Type'],
          ['Access-Control-Max-Age', '86400'],
        ],
      },
      'chromium',
    );
    expect(outcome).toEqual({
      result: { ok: true },
      maxAge: 7200,
      allowedMethods: ['GET', 'PATCH'],
      allowedHeaders: ['x-token', 'content-type'],
    });
  });
  it('still reports lists and max-age when the preflight fails', () => {
    const outcome = preflightCheck(
      { origin: O, method: 'PUT', headers: [], credentials: 'omit' },
      { status: 403, headers: [['Access-Control-Allow-Methods', 'PUT']] },
    );
    expect(outcome.result.ok).toBe(false);
    expect(outcome.allowedMethods).toEqual(['PUT']);
    expect(outcome.maxAge).toBe(5);
  });
  it('ignores ACAPN when no private-network request was made', () => {
    const outcome = preflightCheck(
      { origin: O, method: 'PUT', headers: [], credentials: 'omit', privateNetwork: false },
      {
        status: 200,
        headers: [
          ['Access-Control-Allow-Origin', '*'],
          ['Access-Control-Allow-Methods', 'PUT'],
        ],
      },
    );
    expect(outcome.result).toEqual({ ok: true });
  });
  it('explains that * does not cover credentialed requests', () => {
    const outcome = preflightCheck(
      { origin: O, method: 'PUT', headers: [], credentials: 'include' },
      {
        status: 200,
        headers: [
          ['Access-Control-Allow-Origin', O],
          ['Access-Control-Allow-Credentials', 'true'],
          ['Access-Control-Allow-Methods', '*'],
        ],
      },
    );
    expect(outcome.result.ok ? '' : outcome.result.detail).toMatch(/\* does not count/);
  });
});

describe('pathological input (must stay linear)', () => {
  it('handles a 200 KB ACAH and ACAM value', () => {
    const names = Array.from({ length: 25_000 }, (_, i) => `x-h${i}`).join(', ');
    const methods = Array.from({ length: 25_000 }, (_, i) => `M${i}`).join(',');
    expect(names.length).toBeGreaterThan(200_000);
    const outcome = preflightCheck(
      { origin: O, method: 'M24999', headers: [['X-H24999', '1']], credentials: 'omit' },
      {
        status: 200,
        headers: [
          ['Access-Control-Allow-Origin', '*'],
          ['Access-Control-Allow-Methods', methods],
          ['Access-Control-Allow-Headers', names],
        ],
      },
    );
    expect(outcome.result).toEqual({ ok: true });
    expect(outcome.allowedHeaders).toHaveLength(25_000);
  });
  it('rejects a 200 KB ACAH of whitespace ending in an invalid item', () => {
    const value = `${' '.repeat(100_000)}a${'\t'.repeat(100_000)}b c`;
    const outcome = preflightCheck(
      { origin: O, method: 'GET', headers: [['X-A', '1']], credentials: 'omit' },
      {
        status: 200,
        headers: [
          ['Access-Control-Allow-Origin', '*'],
          ['Access-Control-Allow-Headers', value],
        ],
      },
    );
    expect(outcome.result.ok ? null : outcome.result.failure).toBe('invalid-allow-headers');
  });
  it('handles 10,000 request and response headers', () => {
    const request: HeaderList = Array.from({ length: 10_000 }, (_, i) => [`X-R${i}`, 'v'] as const);
    const response: HeaderList = [
      ...Array.from({ length: 10_000 }, (_, i) => [`Access-Control-Allow-Headers`, `x-r${i}`] as const),
      ['Access-Control-Allow-Origin', O],
      ['Access-Control-Max-Age', ' '.repeat(100_000)],
    ];
    const outcome = preflightCheck(
      { origin: O, method: 'POST', headers: request, credentials: 'omit' },
      {
        status: 200,
        headers: response,
      },
    );
    expect(outcome.result).toEqual({ ok: true });
    expect(outcome.maxAge).toBe(5);
    const missing = preflightCheck(
      { origin: O, method: 'POST', headers: [...request, ['X-Extra', '1']], credentials: 'omit' },
      { status: 200, headers: response },
    );
    expect(missing.result.ok ? null : missing.result.failure).toBe('header-not-allowed');
  });
});
