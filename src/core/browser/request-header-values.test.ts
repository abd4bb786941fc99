import { describe, expect, it } from 'vitest';
import { byteLength, mimeEssence, parseSingleRange } from './request-header-values.js';

describe('byteLength', () => {
  it('counts one byte per isomorphic-decoded code unit, UTF-8 beyond U+00FF', () => {
    expect(byteLength('\u00e9')).toBe(1);
    expect(byteLength('\u20ac')).toBe(3);
  });
});

describe('mimeEssence', () => {
  it('lower-cases type/subtype and ignores parameters', () => {
    expect(mimeEssence('Multipart/Form-Data; boundary=x')).toBe('multipart/form-data');
    expect(mimeEssence('text/plain \t;')).toBe('text/plain');
  });
  it('fails on a missing or non-token type or subtype', () => {
    for (const bad of ['text', 'text/', '/plain', 'te xt/plain', 'text/pl ain', ''])
      expect(mimeEssence(bad)).toBeNull();
  });
});

describe('parseSingleRange', () => {
  it('parses start-end, start- and -suffix', () => {
    expect(parseSingleRange('bytes=0-499')).toEqual(['0', '499']);
    expect(parseSingleRange('bytes=10-')).toEqual(['10', null]);
    expect(parseSingleRange('bytes=-5')).toEqual([null, '5']);
  });
  it('fails on whitespace, other units, several ranges, empty bounds and start > end', () => {
    for (const bad of [
      'bytes = 0-1',
      'Bytes=0-1',
      'items=0-1',
      'bytes=0-1,2-3',
      'bytes=-',
      'bytes=5-4',
      'bytes=10-9',
    ]) {
      expect(parseSingleRange(bad)).toBeNull();
    }
  });
  it('compares large bounds exactly', () => {
    expect(parseSingleRange('bytes=0018446744073709551616-18446744073709551617')).not.toBeNull();
    expect(parseSingleRange('bytes=18446744073709551617-18446744073709551616')).toBeNull();
  });
});
