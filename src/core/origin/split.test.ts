import { describe, expect, it } from 'vitest';
import { splitCanonicalOrigin, splitOriginLoosely } from './split.js';

describe('splitOriginLoosely', () => {
  it.each([
    ['https://a.example', { scheme: 'https', host: 'a.example', port: '' }],
    ['https://a.example:8443', { scheme: 'https', host: 'a.example', port: '8443' }],
    ['http://[::1]:3000', { scheme: 'http', host: '[::1]', port: '3000' }],
    ['http://[::1]', { scheme: 'http', host: '[::1]', port: '' }],
    [
      'https://app.victim.com_.r.invalid:8443',
      { scheme: 'https', host: 'app.victim.com_.r.invalid', port: '8443' },
    ],
    ['null', { scheme: '', host: 'null', port: '' }],
  ])('%s', (origin, expected) => {
    expect(splitOriginLoosely(origin)).toEqual(expected);
  });
});

describe('splitOriginLoosely on pathological input', () => {
  it('splits a 200 KB authority of digits and colons in linear time', () => {
    const authority = `${':1'.repeat(100_000)}`;
    const started = performance.now();
    expect(splitOriginLoosely(`https://${authority}`).port).toBe('1');
    expect(performance.now() - started).toBeLessThan(200);
  });

  it.each([
    ['a bare trailing colon', 'https://a.example:', { scheme: 'https', host: 'a.example:', port: '' }],
    ['no scheme separator', 'a.example:80', { scheme: '', host: 'a.example:80', port: '' }],
    ['an all-digit authority', 'https://8080', { scheme: 'https', host: '8080', port: '' }],
  ])('keeps %s as written', (_, origin, expected) => {
    expect(splitOriginLoosely(origin)).toEqual(expected);
  });
});

describe('splitCanonicalOrigin', () => {
  it.each([
    ['https://a.example.com', { scheme: 'https', host: 'a.example.com', port: '' }],
    ['http://localhost:3000', { scheme: 'http', host: 'localhost', port: '3000' }],
    ['http://127.0.0.1:5173', { scheme: 'http', host: '127.0.0.1', port: '5173' }],
    ['http://[::1]:8080', { scheme: 'http', host: '[::1]', port: '8080' }],
    ['http://[::1]', { scheme: 'http', host: '[::1]', port: '' }],
  ])('splits the canonical origin %s', (origin, expected) => {
    expect(splitCanonicalOrigin(origin)).toEqual(expected);
  });

  it.each([
    ['upper case, which browsers never send', 'https://A.example.com'],
    ['the default port spelled out', 'https://a.example.com:443'],
    ['port 0', 'https://a.example.com:0'],
    ['a leading zero in the port', 'http://localhost:03000'],
    ['a port above 65535', 'http://localhost:65536'],
    ['a bare colon', 'http://localhost:'],
    ['a path', 'https://a.example.com/'],
    ['a trailing dot', 'https://a.example.com.'],
    ['an empty label', 'https://a..example.com'],
    ['user info smuggling another host', 'https://a.example.com@evil.invalid'],
    ['two origins joined by a comma', 'https://a.example.com,https://evil.invalid'],
    ['another IPv6 literal', 'http://[::2]:80'],
    ['a non-http scheme', 'wss://a.example.com'],
    ['null', 'null'],
  ])('refuses %s', (_, origin) => {
    expect(splitCanonicalOrigin(origin)).toBeNull();
  });

  it('refuses a 200 KB host without scanning it', () => {
    expect(splitCanonicalOrigin(`https://${'a.'.repeat(100_000)}example.com`)).toBeNull();
  });
});
