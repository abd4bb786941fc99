import { describe, expect, it } from 'vitest';
import { CorsguardError, type ErrorCode } from '../errors/index.js';
import {
  effectivePort,
  isCanonicalOrigin,
  isSameOrigin,
  OPAQUE_ORIGIN,
  originOfUrl,
  parseOrigin,
  serializeOrigin,
  tryParseOrigin,
} from './origin.js';

const canon = (input: string): string => serializeOrigin(parseOrigin(input));

function parseError(input: string): CorsguardError {
  try {
    parseOrigin(input);
  } catch (err) {
    expect(err).toBeInstanceOf(CorsguardError);
    return err as CorsguardError;
  }
  throw new Error(`parseOrigin(${JSON.stringify(input)}) did not throw`);
}

describe('parseOrigin: canonical serialization (WHATWG URL / HTML origin)', () => {
  it.each([
    ['elides the default https port', 'https://a.example:443', 'https://a.example'],
    ['elides the default http port', 'http://a:80', 'http://a'],
    ['elides the default wss port', 'wss://a.example:443', 'wss://a.example'],
    ['elides the default ws port', 'ws://a.example:80', 'ws://a.example'],
    ['keeps a non-default port', 'https://a.example:8443', 'https://a.example:8443'],
    ['keeps 443 on http (not its default)', 'http://a.example:443', 'http://a.example:443'],
    ['keeps 80 on https (not its default)', 'https://a.example:80', 'https://a.example:80'],
    ['lower-cases the host', 'https://APP.Example.COM', 'https://app.example.com'],
    ['lower-cases the scheme', 'HTTPS://a.example', 'https://a.example'],
    ['converts an IDN host to punycode', 'https://bücher.example', 'https://xn--bcher-kva.example'],
    [
      'converts an upper-case IDN host with a default port',
      'https://Bücher.example:443',
      'https://xn--bcher-kva.example',
    ],
    ['expands hexadecimal IPv4 shorthand', 'http://0x7f.1', 'http://127.0.0.1'],
    ['expands two-part IPv4 shorthand', 'http://127.1', 'http://127.0.0.1'],
    ['expands a single-number IPv4 host', 'http://2130706433', 'http://127.0.0.1'],
    ['keeps an IPv6 host in brackets with its port', 'http://[::1]:8080', 'http://[::1]:8080'],
    ['compresses a long-form IPv6 loopback', 'http://[0:0:0:0:0:0:0:1]', 'http://[::1]'],
    [
      'compresses the longest zero run of an IPv6 address',
      'https://[2001:DB8:0:0:0:0:0:1]',
      'https://[2001:db8::1]',
    ],
    ['serializes an IPv4-mapped IPv6 address in hex', 'http://[::ffff:10.0.0.1]', 'http://[::ffff:a00:1]'],
    ['elides the default port of an IPv4 host', 'http://1.2.3.4:80', 'http://1.2.3.4'],
  ])('%s (%s → %s)', (_name, input, expected) => {
    expect(canon(input)).toBe(expected);
  });

  it('returns the tuple parts: host ASCII-serialized, port null when default', () => {
    expect(parseOrigin('https://Bücher.example:443')).toEqual({
      kind: 'tuple',
      scheme: 'https',
      host: 'xn--bcher-kva.example',
      port: null,
    });
    expect(parseOrigin('http://[::1]:8080')).toEqual({
      kind: 'tuple',
      scheme: 'http',
      host: '[::1]',
      port: 8080,
    });
  });

  it('parses the literal null as the opaque origin and serializes it back to null', () => {
    expect(parseOrigin('null')).toEqual({ kind: 'opaque' });
    expect(parseOrigin('null')).toBe(OPAQUE_ORIGIN);
    expect(serializeOrigin(OPAQUE_ORIGIN)).toBe('null');
  });

  it('round-trips: serializing a parsed canonical origin gives the same text', () => {
    for (const o of [
      'https://a.example',
      'http://[::1]:8080',
      'wss://x.example:9000',
      'http://127.0.0.1',
      'null',
    ]) {
      expect(canon(o)).toBe(o);
    }
  });
});

describe('parseOrigin: rejects what is not an origin, with a code and a message that says the fix', () => {
  it.each<[string, string, ErrorCode, RegExp]>([
    ['an empty string', '', 'ORIGIN_EMPTY', /write it like https:\/\//],
    ['whitespace only', '   ', 'ORIGIN_EMPTY', /write it like https:\/\//],
    ['a bare word', 'foo', 'ORIGIN_SYNTAX', /scheme:\/\/host\[:port\]/],
    ['a scheme without //', 'https:a.example', 'ORIGIN_SYNTAX', /scheme:\/\/host\[:port\]/],
    ['a scheme-relative URL', '//a.example', 'ORIGIN_SYNTAX', /scheme:\/\/host\[:port\]/],
    ['an origin with a trailing slash', 'https://a.example/', 'ORIGIN_HAS_PATH', /remove "\/"/],
    ['an origin with a path', 'https://a.example/path', 'ORIGIN_HAS_PATH', /remove "\/path"/],
    ['an origin with a query', 'https://a.example?q', 'ORIGIN_HAS_PATH', /remove "\?q"/],
    ['an origin with a fragment', 'https://a.example#f', 'ORIGIN_HAS_PATH', /remove "#f"/],
    ['an origin with a backslash path', 'https://a.example\\x', 'ORIGIN_HAS_PATH', /remove/],
    ['an origin with a user name', 'https://user@a.example', 'ORIGIN_HAS_CREDENTIALS', /remove it/],
    ['an origin with user and password', 'https://user:pw@a.example', 'ORIGIN_HAS_CREDENTIALS', /remove it/],
    ['an ftp origin', 'ftp://a.example', 'ORIGIN_UNSUPPORTED_SCHEME', /must be http, https, ws or wss/],
    [
      'a javascript: pseudo-origin',
      'javascript://a.example',
      'ORIGIN_UNSUPPORTED_SCHEME',
      /http, https, ws or wss/,
    ],
    [
      'a port above 65535',
      'https://a.example:99999',
      'ORIGIN_INVALID_HOST',
      /port is a number from 0 to 65535/,
    ],
    ['a non-numeric port', 'https://a.example:abc', 'ORIGIN_INVALID_HOST', /port/],
    ['a scheme with no host', 'https://', 'ORIGIN_INVALID_HOST', /host/],
    ['a host with a space', 'https://a b.example', 'ORIGIN_INVALID_HOST', /host/],
    ['an unterminated IPv6 literal', 'https://[::1', 'ORIGIN_INVALID_HOST', /host/],
  ])('rejects %s (%j) as %s', (_name, input, code, fix) => {
    const err = parseError(input);
    expect(err.code).toBe(code);
    expect(err.name).toBe('CorsguardError');
    expect(err.message).toMatch(fix);
    if (input.trim() !== '') expect(err.message).toContain(JSON.stringify(input));
  });

  it('rejects a trailing slash even though new URL() would accept it (browsers never send one)', () => {
    expect(() => new URL('https://a.example/')).not.toThrow();
    expect(parseError('https://a.example/').code).toBe('ORIGIN_HAS_PATH');
  });

  it('cuts very long input in the message so a hostile value cannot flood a log', () => {
    const err = parseError(`https://a.example/${'x'.repeat(10_000)}`);
    expect(err.code).toBe('ORIGIN_HAS_PATH');
    expect(err.message.length).toBeLessThan(1000);
  });

  it('tryParseOrigin returns undefined instead of throwing', () => {
    expect(tryParseOrigin('https://a.example/')).toBeUndefined();
    expect(tryParseOrigin('')).toBeUndefined();
    expect(tryParseOrigin('https://a.example:443')).toEqual({
      kind: 'tuple',
      scheme: 'https',
      host: 'a.example',
      port: null,
    });
  });
});

describe('isCanonicalOrigin', () => {
  it.each([
    ['https://a.example', true],
    ['http://[::1]:8080', true],
    ['null', true],
    ['https://a.example:443', false],
    ['https://A.example', false],
    ['https://a.example/', false],
    ['https://bücher.example', false],
    ['https://xn--bcher-kva.example', true],
    ['http://0x7f.1', false],
    ['http://[0:0:0:0:0:0:0:1]', false],
    [' https://a.example', false],
    ['', false],
    ['foo', false],
  ])('%j → %s', (input, expected) => {
    expect(isCanonicalOrigin(input)).toBe(expected);
  });
});

describe('isSameOrigin', () => {
  const same = (a: string, b: string): boolean => isSameOrigin(parseOrigin(a), parseOrigin(b));

  it('treats an explicit default port as the same origin', () => {
    expect(same('https://a.example', 'https://a.example:443')).toBe(true);
    expect(same('http://A.example:80', 'http://a.example')).toBe(true);
  });

  it('distinguishes scheme, host and port', () => {
    expect(same('http://a.example', 'https://a.example')).toBe(false);
    expect(same('https://a.example', 'https://b.example')).toBe(false);
    expect(same('https://a.example', 'https://a.example:8443')).toBe(false);
    expect(same('https://app.a.example', 'https://a.example')).toBe(false);
  });

  it('compares IPv4 shorthand and its dotted form as the same host', () => {
    expect(same('http://0x7f.1', 'http://127.0.0.1:80')).toBe(true);
  });

  it('never treats null as same-origin, not even with another null', () => {
    expect(isSameOrigin(OPAQUE_ORIGIN, OPAQUE_ORIGIN)).toBe(false);
    expect(same('null', 'null')).toBe(false);
    expect(same('null', 'https://a.example')).toBe(false);
    expect(same('https://a.example', 'null')).toBe(false);
  });
});

describe('originOfUrl and effectivePort', () => {
  it('takes the origin of an http(s)/ws(s) URL and drops its path', () => {
    expect(serializeOrigin(originOfUrl('https://API.example.com:443/v1/me?x=1'))).toBe(
      'https://api.example.com',
    );
    expect(serializeOrigin(originOfUrl(new URL('ws://a.example:8080/socket')))).toBe('ws://a.example:8080');
  });

  it('gives other schemes the opaque origin', () => {
    expect(originOfUrl('file:///etc/passwd')).toBe(OPAQUE_ORIGIN);
    expect(originOfUrl('data:text/html,hi')).toBe(OPAQUE_ORIGIN);
    expect(originOfUrl('ftp://a.example/')).toBe(OPAQUE_ORIGIN);
  });

  it('uses the scheme default port when none is given', () => {
    const port = (o: string): number => {
      const parsed = parseOrigin(o);
      if (parsed.kind !== 'tuple') throw new Error('expected a tuple origin');
      return effectivePort(parsed);
    };
    expect(port('https://a.example')).toBe(443);
    expect(port('wss://a.example')).toBe(443);
    expect(port('http://a.example')).toBe(80);
    expect(port('ws://a.example')).toBe(80);
    expect(port('https://a.example:8443')).toBe(8443);
  });
});
