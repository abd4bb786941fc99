import { describe, expect, it } from 'vitest';
import { countHeader, extractHeaderListValues, getHeader, isToken, normalizeHeaderValue } from './headers.js';

describe('normalizeHeaderValue', () => {
  it('strips leading and trailing tab, LF, CR and space but keeps inner whitespace', () => {
    expect(normalizeHeaderValue(' \t\r\na b\n ')).toBe('a b');
    expect(normalizeHeaderValue('\u000b x')).toBe('\u000b x'); // vertical tab is not HTTP whitespace
  });
});

describe('getHeader', () => {
  it('combines duplicates in order with ", " and matches names case-insensitively', () => {
    expect(
      getHeader(
        [
          ['Vary', ' Origin '],
          ['x', '1'],
          ['VARY', 'Accept'],
        ],
        'vary',
      ),
    ).toBe('Origin, Accept');
  });
  it('returns null when absent and "" for an empty value', () => {
    expect(getHeader([['a', '1']], 'b')).toBeNull();
    expect(getHeader([['a', '']], 'A')).toBe('');
  });
  it('counts headers by case-insensitive name', () => {
    expect(
      countHeader(
        [
          ['A', '1'],
          ['a', '2'],
          ['b', '3'],
        ],
        'a',
      ),
    ).toBe(2);
  });
});

describe('isToken', () => {
  it('accepts RFC 9110 tchars only', () => {
    expect(isToken("!#$%&'*+-.^_`|~09azAZ")).toBe(true);
    for (const bad of ['', 'a b', 'a,b', 'a"', 'é', 'a/b', 'a:b']) expect(isToken(bad)).toBe(false);
  });
});

describe('extractHeaderListValues', () => {
  const name = 'access-control-allow-headers';
  it('returns null when the header is absent', () => {
    expect(extractHeaderListValues([['other', 'x']], name)).toBeNull();
  });
  it('concatenates the items of every header, skipping empty elements and OWS', () => {
    expect(
      extractHeaderListValues(
        [
          ['Access-Control-Allow-Headers', ' a ,\tB,, '],
          [name, 'c'],
        ],
        name,
      ),
    ).toEqual(['a', 'B', 'c']);
  });
  it('returns an empty list for an empty value', () => {
    expect(extractHeaderListValues([[name, '']], name)).toEqual([]);
  });
  it('fails when any item is not a token', () => {
    expect(
      extractHeaderListValues(
        [
          [name, 'ok'],
          [name, 'header name with space'],
        ],
        name,
      ),
    ).toBe('failure');
    expect(extractHeaderListValues([[name, 'a;b']], name)).toBe('failure');
  });
});
