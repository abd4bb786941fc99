import { describe, expect, it } from 'vitest';
import { isHttpUrl, normalizeUrl } from './index.js';

describe('isHttpUrl', () => {
  it('accepts absolute http(s) URLs with a host, in any letter case', () => {
    for (const u of ['https://api.example.com/v1/me', 'http://127.0.0.1:8080/', 'HTTPS://A.example'])
      expect(isHttpUrl(u), u).toBe(true);
  });

  it('refuses other schemes, relative and malformed URLs', () => {
    for (const u of [
      'ftp://x/',
      'ws://a.example/',
      'http:a.example',
      '/v1/me',
      'https://',
      'api.example.com',
      '',
    ])
      expect(isHttpUrl(u), u).toBe(false);
  });
});

describe('normalizeUrl', () => {
  it('serializes as WHATWG URL does, and leaves unparsable text alone', () => {
    expect(normalizeUrl('HTTPS://API.Example.com:443')).toBe('https://api.example.com/');
    expect(normalizeUrl('http://a.example:80/x?y')).toBe('http://a.example/x?y');
    expect(normalizeUrl('not a url')).toBe('not a url');
  });
});
