import { describe, expect, it } from 'vitest';
import {
  corsUnsafeRequestHeaderNames,
  isSafelistedMethod,
  isSafelistedRequestHeader,
  normalizeMethod,
  requiresPreflight,
} from './safelist.js';

describe('normalizeMethod / isSafelistedMethod', () => {
  it('upper-cases only DELETE GET HEAD OPTIONS POST PUT', () => {
    expect(['delete', 'get', 'head', 'options', 'post', 'put'].map(normalizeMethod)).toEqual([
      'DELETE',
      'GET',
      'HEAD',
      'OPTIONS',
      'POST',
      'PUT',
    ]);
    expect(normalizeMethod('patch')).toBe('patch');
    expect(normalizeMethod('Get')).toBe('GET');
  });
  it('safelists exactly GET, HEAD and POST, byte-for-byte', () => {
    expect(['GET', 'HEAD', 'POST'].every(isSafelistedMethod)).toBe(true);
    expect(['get', 'PUT', 'OPTIONS', 'PATCH'].some(isSafelistedMethod)).toBe(false);
  });
});

describe('isSafelistedRequestHeader', () => {
  // wpt: fetch/api/cors/resources/not-cors-safelisted.json
  it.each([
    ['accept', '"'],
    ['accept', '0'.repeat(129)],
    ['accept-language', '\u0001'],
    ['accept-language', '@'],
    ['authorization', 'basics'],
    ['content-language', '\u0001'],
    ['content-language', '@'],
    ['content-type', 'text/html'],
    ['content-type', `text/plain; long=${'0'.repeat(112)}`],
    ['last-event-id', '"'],
    ['range', 'bytes 0-'],
    ['test', 'hi'],
  ])('does not safelist %s: %j', (name, value) => {
    expect(isSafelistedRequestHeader(name, value)).toBe(false);
  });
  it.each([
    ['Accept', '*/*'],
    ['Accept', 'text/html,application/xhtml+xml;q=0.9\t'],
    ['Accept-Language', 'en-US,en;q=0.5'],
    ['Content-Language', 'de-DE, *'],
    ['Content-Type', 'application/x-www-form-urlencoded'],
    ['content-type', ' multipart/form-data; boundary=----x '],
    ['RANGE', 'bytes=100-200'],
  ])('safelists %s: %j', (name, value) => {
    expect(isSafelistedRequestHeader(name, value)).toBe(true);
  });
  it('applies the 128-byte limit after normalizing whitespace', () => {
    expect(isSafelistedRequestHeader('accept', ` ${'a'.repeat(128)} `)).toBe(true);
    expect(isSafelistedRequestHeader('accept', 'a'.repeat(129))).toBe(false);
  });
  it('rejects control bytes in accept but allows a tab', () => {
    expect(isSafelistedRequestHeader('accept', 'a\u0000b')).toBe(false);
    expect(isSafelistedRequestHeader('accept', 'a\tb')).toBe(true);
    expect(isSafelistedRequestHeader('accept', 'a\u007fb')).toBe(false);
  });
});

describe('corsUnsafeRequestHeaderNames', () => {
  it('returns sorted, lower-cased, unique names', () => {
    expect(
      corsUnsafeRequestHeaderNames([
        ['X-B', '1'],
        ['Accept', '*/*'],
        ['x-a', '2'],
        ['X-A', '3'],
      ]),
    ).toEqual(['x-a', 'x-b']);
  });
  it('marks every safelisted name unsafe once values exceed 1024 bytes', () => {
    const big: [string, string][] = Array.from({ length: 8 }, () => ['Accept-Language', 'a'.repeat(128)]);
    expect(corsUnsafeRequestHeaderNames(big)).toEqual([]);
    expect(corsUnsafeRequestHeaderNames([...big, ['Content-Language', 'x'], ['X-Y', '1']])).toEqual([
      'accept-language',
      'content-language',
      'x-y',
    ]);
  });
});

describe('requiresPreflight', () => {
  it('needs none for a safelisted method with safelisted headers', () => {
    expect(requiresPreflight('head', [['Accept', 'application/json']])).toBe(false);
  });
  it('needs one for a non-safelisted method even without headers', () => {
    expect(requiresPreflight('DELETE', [])).toBe(true);
    expect(requiresPreflight('get ', [])).toBe(true);
  });
});
