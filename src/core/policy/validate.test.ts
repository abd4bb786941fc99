import { describe, expect, it } from 'vitest';
import { CorsguardError } from '../errors/index.js';
import { createPolicy, PolicyError } from './create-policy.js';
import { validatePolicy } from './validate.js';

function codes(input: unknown): string[] {
  const v = validatePolicy(input);
  return v.ok ? [] : v.issues.map((i) => `${i.code}@${i.path.join('.')}`);
}

describe('validatePolicy', () => {
  it('accepts a typical credentialed policy and normalises it once', () => {
    const policy = createPolicy({
      origins: [
        'https://app.example.com',
        'https://*.example.com',
        'http://localhost:*',
        'https://app.example.com',
      ],
      credentials: true,
      methods: ['put', 'PATCH', 'DELETE', 'PUT'],
      requestHeaders: ['Authorization', 'X-Api-Key', 'authorization'],
      exposeHeaders: ['X-Request-Id', 'x-request-id'],
      maxAge: 600,
    });
    expect(policy.rules).toEqual([
      { kind: 'exact', origin: 'https://app.example.com' },
      { kind: 'subdomains', scheme: 'https', domain: 'example.com', port: null },
      { kind: 'loopback-any-port', scheme: 'http', host: 'localhost' },
    ]);
    expect(policy.methods).toEqual(['PUT', 'PATCH', 'DELETE']);
    expect(policy.requestHeaders).toEqual(['authorization', 'x-api-key']);
    expect(policy.exposeHeaders).toEqual(['X-Request-Id']);
    expect(policy.maxAge).toBe(600);
    expect(Object.isFrozen(policy)).toBe(true);
  });

  it('reports every problem at once, each with where it is and the fix', () => {
    const v = validatePolicy({
      origins: [
        'null',
        '*',
        'http://app.example.com',
        'https://*.github.io',
        'https://app.example.com/',
        'https://APP.example.com:443',
      ],
      credentials: true,
      methods: ['TRACE', 'GET POST'],
      requestHeaders: ['Cookie', 'Sec-Fetch-Mode', 'Proxy-Authorization', '*'],
      exposeHeaders: ['Set-Cookie', '*'],
      maxAge: 90_000,
      privateNetwork: 'yes',
    });
    expect(v.ok).toBe(false);
    expect(v.ok ? [] : v.issues.map((i) => `${i.code}@${i.path.join('.')}`)).toEqual([
      'type@privateNetwork',
      'origin-null@origins.0',
      'origin-wildcard-in-list@origins.1',
      'origin-insecure-credentials@origins.2',
      'origin-pattern-public-suffix@origins.3',
      'origin-invalid@origins.4',
      'origin-not-canonical@origins.5',
      'method-forbidden@methods.0',
      'method-invalid@methods.1',
      'request-header-wildcard-credentials@requestHeaders.3',
      'request-header-forbidden@requestHeaders.0',
      'request-header-forbidden@requestHeaders.1',
      'request-header-forbidden@requestHeaders.2',
      'expose-header-wildcard-credentials@exposeHeaders.1',
      'expose-header-forbidden@exposeHeaders.0',
      'max-age-range@maxAge',
    ]);
    for (const i of v.ok ? [] : v.issues) {
      expect(i.message.length).toBeGreaterThan(10);
      expect(i.fix.length).toBeGreaterThan(5);
    }
  });

  it('refuses "*" with credentials (the reflect-everything workaround) for JavaScript callers too', () => {
    expect(codes({ origins: '*', credentials: true })).toEqual(['origin-wildcard-credentials@origins']);
    // @ts-expect-error — credentials: true with origins: '*' does not compile.
    expect(() => createPolicy({ origins: '*', credentials: true })).toThrow(PolicyError);
  });

  it('refuses null, the origin every sandboxed iframe shares with attackers, in any spelling', () => {
    expect(codes({ origins: ['null'] })).toEqual(['origin-null@origins.0']);
    expect(codes({ origins: [' NULL '] })).toEqual(['origin-null@origins.0']);
  });

  it.each([
    'https://*.com',
    'https://*.co.uk',
    'https://*.github.io',
    'https://*.vercel.app',
    'https://*.s3.amazonaws.com',
  ])('refuses the public-suffix wildcard %s, which anyone can register under', (pattern) => {
    expect(codes({ origins: [pattern] })).toEqual(['origin-pattern-public-suffix@origins.0']);
  });

  it.each([
    'https://*.example.co.uk',
    'https://*.me.github.io',
    'https://*.example.com:8443',
    'http://localhost:*',
    'https://127.0.0.1:*',
    'http://[::1]:*',
    'https://*.example.com:*',
  ])('accepts the safe pattern %s', (pattern) => {
    expect(codes({ origins: [pattern], credentials: true })).toEqual([]);
  });

  it.each([
    'https://a*.example.com',
    'https://*example.com',
    '*.example.com',
    'https://*.*.example.com',
    'https://app.example.com:*',
    'https://*.127.0.0.1',
    'https://*.[::1]',
    'https://*.example.com/path',
  ])('refuses the malformed pattern %s instead of guessing', (pattern) => {
    expect(codes({ origins: [pattern] })).toEqual(['origin-pattern-invalid@origins.0']);
  });

  it('refuses origins a browser would never send (path, default port, upper case, IDN not in punycode)', () => {
    expect(codes({ origins: ['https://app.example.com/'] })).toEqual(['origin-invalid@origins.0']);
    const v = validatePolicy({
      origins: ['https://app.example.com:443', 'https://App.Example.com', 'https://bücher.example'],
    });
    expect(v.ok ? [] : v.issues.map((i) => i.fix)).toEqual([
      'write "https://app.example.com" (lower case, punycode, no default port, no trailing slash)',
      'write "https://app.example.com" (lower case, punycode, no default port, no trailing slash)',
      'write "https://xn--bcher-kva.example" (lower case, punycode, no default port, no trailing slash)',
    ]);
  });

  it('accepts http: origins with credentials only on loopback', () => {
    expect(
      codes({
        origins: ['http://localhost:3000', 'http://127.0.0.1:8080', 'http://[::1]:5173'],
        credentials: true,
      }),
    ).toEqual([]);
    expect(codes({ origins: ['http://app.example.com'], credentials: false })).toEqual([]);
    expect(codes({ origins: ['http://*.example.com'], credentials: true })).toEqual([
      'origin-insecure-credentials@origins.0',
    ]);
  });

  it('refuses ws: origins, which browsers never send in Origin', () => {
    expect(codes({ origins: ['wss://app.example.com'] })).toEqual(['origin-invalid@origins.0']);
  });

  it('names an unknown option (a typo would otherwise silently fall back to defaults)', () => {
    const v = validatePolicy({ origins: [], orgins: ['https://a.example'] });
    expect(v.ok ? '' : v.issues[0]?.message).toBe('unknown option "orgins"');
  });

  it('refuses Private Network Access for any origin', () => {
    expect(codes({ origins: '*', privateNetwork: true })).toEqual([
      'private-network-any-origin@privateNetwork',
    ]);
  });

  it.each([-1, 1.5, 86_401, '600', Number.NaN])('refuses maxAge %s', (maxAge) => {
    expect(codes({ origins: ['https://a.example'], maxAge })).toEqual(['max-age-range@maxAge']);
  });

  it('rejects input that is not an object with one clear issue', () => {
    expect(codes(null)).toEqual(['type@']);
    expect(codes({})).toEqual(['type@origins']);
    expect(codes({ origins: 'https://a.example' })).toEqual(['type@origins']);
  });

  it('throws one PolicyError whose message lists every problem with its fix', () => {
    let error: unknown;
    try {
      createPolicy({ origins: ['null', 'https://*.com'] });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CorsguardError);
    expect((error as PolicyError).code).toBe('POLICY_INVALID');
    expect((error as PolicyError).message).toMatch(
      /^2 problems in CORS policy:\n {2}- origins\[0\]: .*Fix: .*\n {2}- origins\[1\]: /,
    );
  });

  it('refuses an origin with port 0, which no front end is served from (a typo for a real port)', () => {
    expect(codes({ origins: ['https://a.example:0'] })).toEqual(['origin-invalid@origins.0']);
    expect(codes({ origins: ['https://*.example.com:0'] })).toEqual(['origin-invalid@origins.0']);
    const v = validatePolicy({ origins: ['https://a.example:0'] });
    expect(v.ok ? '' : v.issues[0]?.message).toMatch(/port 0/);
  });

  it('refuses origins: [] (a forgotten placeholder that silently refuses every origin)', () => {
    expect(codes({ origins: [] })).toEqual(['origins-empty@origins']);
    expect(codes({ origins: [], unsafeDynamicOrigin: (o: string) => o })).toEqual([]);
  });

  it.each([
    'Access-Control-Allow-Origin',
    'access-control-allow-credentials',
    'Access-Control-Allow-Headers',
    'Access-Control-Expose-Headers',
    'Access-Control-Max-Age',
  ])('refuses the CORS response header %s listed as a request header (a misunderstood policy)', (name) => {
    expect(codes({ origins: ['https://a.example'], requestHeaders: ['X-Api-Key', name] })).toEqual([
      'request-header-response-header@requestHeaders.1',
    ]);
  });

  it('collects the new construction refusals with every other issue, each with a fix', () => {
    const v = validatePolicy({
      origins: ['https://a.example:0', 'null'],
      requestHeaders: ['Access-Control-Allow-Origin'],
      maxAge: -1,
    });
    expect(v.ok ? [] : v.issues.map((i) => `${i.code}@${i.path.join('.')}`)).toEqual([
      'origin-invalid@origins.0',
      'origin-null@origins.1',
      'request-header-response-header@requestHeaders.0',
      'max-age-range@maxAge',
    ]);
    for (const i of v.ok ? [] : v.issues) expect(i.fix.length).toBeGreaterThan(5);
    expect(codes({ origins: [], maxAge: -1 })).toEqual(['origins-empty@origins', 'max-age-range@maxAge']);
  });

  it('validates 10,000 origins (a large tenant list) without trouble', () => {
    const origins = Array.from({ length: 10_000 }, (_, i) => `https://t${i}.example.com`);
    const policy = createPolicy({ origins, credentials: true });
    expect(policy.rules).toHaveLength(10_000);
    expect(policy.matchOrigin('https://t9999.example.com')).toBe('exact');
  });
});
