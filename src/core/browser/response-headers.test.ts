import { describe, expect, it } from 'vitest';
import { readableResponseHeaders, SAFELISTED_RESPONSE_HEADERS } from './response-headers.js';

describe('SAFELISTED_RESPONSE_HEADERS', () => {
  it('holds exactly the seven Fetch safelisted response-header names', () => {
    expect([...SAFELISTED_RESPONSE_HEADERS].sort()).toEqual([
      'cache-control',
      'content-language',
      'content-length',
      'content-type',
      'expires',
      'last-modified',
      'pragma',
    ]);
  });
});

describe('readableResponseHeaders', () => {
  it('never exposes Set-Cookie or Set-Cookie2, even when listed', () => {
    const headers: [string, string][] = [
      ['Access-Control-Expose-Headers', 'Set-Cookie, set-cookie2, X-A'],
      ['Set-Cookie', 'a=1'],
      ['Set-Cookie2', 'b=2'],
      ['x-a', '1'],
    ];
    expect(readableResponseHeaders(headers, 'omit')).toEqual(['x-a']);
  });
  it('exposes only safelisted headers when ACEH does not parse', () => {
    const headers: [string, string][] = [
      ['Access-Control-Expose-Headers', 'x a'],
      ['x', '1'],
      ['Expires', '0'],
    ];
    expect(readableResponseHeaders(headers, 'omit')).toEqual(['expires']);
  });
  it('reports only headers actually present', () => {
    expect(readableResponseHeaders([['Access-Control-Expose-Headers', 'x-missing']], 'include')).toEqual([]);
  });
});
