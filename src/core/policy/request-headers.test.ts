import { describe, expect, it } from 'vitest';
import {
  MAX_REQUEST_HEADER_NAMES,
  MAX_REQUEST_HEADERS_LENGTH,
  parseRequestHeaderNames,
} from './request-headers.js';

describe('parseRequestHeaderNames', () => {
  it.each([
    ['authorization,x-api-key', ['authorization', 'x-api-key']],
    ['X-Api-Key , Authorization', ['x-api-key', 'authorization']],
    [' ,a,, b ,', ['a', 'b']],
    ['\tcontent-type\t', ['content-type']],
    ['', []],
  ])('parses %j case- and order-insensitively', (value, expected) => {
    expect(parseRequestHeaderNames(value)).toEqual(expected);
  });

  it.each(['a b', 'x-a;b', 'x-ä', 'a,"b"', 'a\r\nb'])('refuses the malformed list %j', (value) => {
    expect(parseRequestHeaderNames(value)).toBeNull();
  });

  it('refuses more names than the cap', () => {
    const names = Array.from({ length: MAX_REQUEST_HEADER_NAMES + 1 }, (_, i) => `x-h${i}`);
    expect(parseRequestHeaderNames(names.slice(0, -1).join(','))).toHaveLength(MAX_REQUEST_HEADER_NAMES);
    expect(parseRequestHeaderNames(names.join(','))).toBeNull();
  });

  it('refuses a 100 KB value (the quadratic-split advisory shape) without parsing it', () => {
    expect(parseRequestHeaderNames('a,'.repeat(50_000))).toBeNull();
    expect(parseRequestHeaderNames(' '.repeat(MAX_REQUEST_HEADERS_LENGTH + 1))).toBeNull();
  });
});
