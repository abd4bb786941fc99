import { describe, expect, it } from 'vitest';
import { isLocal, isLoopback } from './address.js';
import { parseTupleOrigin } from './origin.js';
import { apexOrigin, type OriginRule, originRegex, patternText, sampleOrigin } from './pattern.js';
import { compileOriginMatcher } from './pattern-matcher.js';
import { namesLoopback, parseOriginPattern } from './pattern-parse.js';

const parse = (entry: string, credentials = false) => parseOriginPattern(entry, { credentials, path: ['o'] });
const ENTRIES = [
  'https://app.example.com',
  'http://localhost:3000',
  'https://*.example.com',
  'https://*.example.com:8443',
  'https://*.example.com:*',
  'http://localhost:*',
  'http://127.0.0.1:*',
  'http://[::1]:*',
  'https://localhost:*',
];

describe('origin patterns', () => {
  it.each(ENTRIES)('%s: parses, serializes back to the same text, and its sample matches', (entry) => {
    const rule = parse(entry) as OriginRule;
    expect(Array.isArray(rule)).toBe(false);
    expect(patternText(rule)).toBe(entry);
    expect(compileOriginMatcher([rule])(sampleOrigin(rule))).not.toBeNull();
    expect(new RegExp(originRegex(rule)).test(sampleOrigin(rule))).toBe(true);
  });

  it('never lets the apex of a subdomain pattern match, on any port', () => {
    for (const entry of ['https://*.example.com', 'https://*.example.com:8443', 'https://*.example.com:*']) {
      const rule = parse(entry) as OriginRule;
      const apex = apexOrigin(rule) as string;
      expect(compileOriginMatcher([rule])(apex)).toBeNull();
      expect(new RegExp(originRegex(rule)).test(apex)).toBe(false);
    }
  });

  it('the regex and the matcher agree on look-alikes of every pattern (a regex that drifts is a bypass)', () => {
    const candidates = [
      'https://a.example.com',
      'https://a.example.com:8443',
      'https://a.example.com:0',
      'https://example.com',
      'https://aexample.com',
      'https://a.example.com.evil.invalid',
      'https://a.example.com\n',
      'http://a.example.com:8443',
      'http://localhost',
      'http://localhost:5173',
      'http://localhost:05173',
      'http://127.0.0.1:5173',
      'http://127.0.0.2:5173',
      'http://[::1]:5173',
      'http://localhost.evil.invalid',
      'https://localhost:5173',
      'null',
    ];
    for (const entry of ENTRIES) {
      const rule = parse(entry) as OriginRule;
      const match = compileOriginMatcher([rule]);
      const regex = new RegExp(originRegex(rule));
      for (const origin of candidates) {
        // Not among the candidates: an explicit default port (:443) or one above 65535, which the
        // any-port regex accepts and the matcher refuses; no browser writes either in an Origin.
        expect(regex.test(origin), `${entry} vs ${JSON.stringify(origin)}`).toBe(match(origin) !== null);
      }
    }
  });

  it.each([
    ['https://a.example:0', 'origin-invalid'],
    ['https://*.example.com:0', 'origin-invalid'],
    ['http://127.0.0.2:*', 'origin-pattern-invalid'],
    ['https://app.example.com:*', 'origin-pattern-invalid'],
    ['https://*.com', 'origin-pattern-public-suffix'],
    ['null', 'origin-null'],
  ])('refuses %s as data (%s), never by throwing', (entry, code) => {
    const issues = parse(entry);
    expect(Array.isArray(issues) ? issues.map((i) => i.code) : []).toEqual([code]);
  });

  it('refuses an http: subdomain pattern with credentials unless it is under localhost', () => {
    expect(parse('http://*.example.com', true)).toEqual([
      expect.objectContaining({ code: 'origin-insecure-credentials' }),
    ]);
  });

  it('refuses a 100 KB pattern (longer than any domain name) quickly, as an issue', () => {
    const started = performance.now();
    const issues = parse(`https://*.${'a'.repeat(100_000)}.com:*`);
    expect(Array.isArray(issues) ? issues.map((i) => i.code) : []).toEqual(['origin-pattern-invalid']);
    expect(performance.now() - started).toBeLessThan(500);
  });
});

describe('isLoopback and isLocal', () => {
  it.each(['localhost', 'a.localhost', '127.0.0.1', '127.255.0.9', '[::1]'])('%s is this machine', (host) => {
    expect(isLoopback(host)).toBe(true);
    expect(isLocal(host)).toBe(true);
  });

  it.each(['192.168.1.10', '10.0.0.1', '[fd00::1]', 'printer.local'])(
    '%s is private, but not this machine',
    (host) => {
      expect(isLoopback(host)).toBe(false);
      expect(isLocal(host)).toBe(true);
    },
  );

  it.each(['localhost.evil.invalid', '127.0.0.1.evil.invalid', 'example.com', '128.0.0.1'])(
    '%s is neither (a look-alike of a local name)',
    (host) => {
      expect(isLoopback(host)).toBe(false);
    },
  );
});

describe('namesLoopback', () => {
  it.each([
    'http://localhost:*',
    'http://127.0.0.1:3000',
    'http://[::1]:*',
    'https://*.localhost',
    'HTTP://LOCALHOST:3000',
    'http://127.1',
  ])('recognises %s, even when misspelt', (entry) => {
    expect(namesLoopback(entry)).toBe(true);
  });

  it.each(['https://app.example.com', 'http://localhost.evil.invalid', 'null', '*', 'not an origin'])(
    'does not flag %s',
    (entry) => {
      expect(namesLoopback(entry)).toBe(false);
    },
  );
});

describe('parseTupleOrigin', () => {
  it('returns the tuple of a serialized origin', () => {
    expect(parseTupleOrigin('https://App.example.com:443')).toEqual({
      kind: 'tuple',
      scheme: 'https',
      host: 'app.example.com',
      port: null,
    });
  });

  it('refuses null with ORIGIN_OPAQUE, where a cast would have let the opaque origin through', () => {
    expect(() => parseTupleOrigin('null')).toThrow(expect.objectContaining({ code: 'ORIGIN_OPAQUE' }));
  });
});
