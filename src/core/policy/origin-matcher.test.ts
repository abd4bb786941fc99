import { describe, expect, it } from 'vitest';
import { parseTupleOrigin } from '../origin/index.js';
import { bypassProbes, generalHostileProbes } from '../probes/index.js';
import { createPolicy } from './create-policy.js';

const ctx = { label: 'kq3v9x2m', attacker: 'kq3v9x2m.invalid' };
const TRUSTED = [
  'https://app.example.com',
  'https://www.example.co.uk',
  'http://localhost:3000',
  'https://api.example.com:8443',
];

describe('origin matching', () => {
  const policy = createPolicy({ origins: TRUSTED, credentials: true });

  it('allows exactly the listed origins', () => {
    for (const origin of TRUSTED) expect(policy.matchOrigin(origin)).toBe('exact');
  });

  it.each(TRUSTED)('refuses every bypass the scanner knows for %s', (trusted) => {
    const probes = bypassProbes(parseTupleOrigin(trusted), ctx);
    expect(probes.length).toBeGreaterThan(10);
    for (const probe of probes) expect(policy.matchOrigin(probe.origin), probe.origin).toBeNull();
  });

  it('refuses null, arbitrary, local-development and shared-hosting origins', () => {
    for (const probe of generalHostileProbes(ctx)) {
      if (probe.origin === 'http://localhost:3000') continue; // listed on purpose
      expect(policy.matchOrigin(probe.origin), probe.origin).toBeNull();
    }
  });

  it.each([
    ['two Origin headers joined by a comma', 'https://app.example.com, https://evil.invalid'],
    ['a trailing slash', 'https://app.example.com/'],
    ['upper case', 'https://APP.example.com'],
    ['the default port spelled out', 'https://app.example.com:443'],
    ['surrounding whitespace', ' https://app.example.com'],
    ['user info', 'https://app.example.com@evil.invalid'],
  ])('never allows an Origin with %s', (_, origin) => {
    expect(policy.matchOrigin(origin)).toBeNull();
  });
});

describe('subdomain patterns', () => {
  const policy = createPolicy({
    origins: ['https://*.example.com', 'https://*.corp.example.net:8443'],
    credentials: true,
  });

  it.each([
    'https://a.example.com',
    'https://a.b.example.com',
    'https://xn--bcher-kva.example.com',
    'https://corp.example.com',
  ])('allows the subdomain %s', (origin) => {
    expect(policy.matchOrigin(origin)).toBe('pattern');
  });

  it.each([
    ['the apex itself', 'https://example.com'],
    ['a suffix look-alike', 'https://evilexample.com'],
    ['the pattern as a prefix', 'https://a.example.com.evil.invalid'],
    ['the http twin', 'http://a.example.com'],
    ['another port', 'https://a.example.com:8443'],
    ['a missing port', 'https://a.corp.example.net'],
    ['an empty label', 'https://.example.com'],
    ['a double dot', 'https://a..example.com'],
    ['a special character', 'https://a_.example.com`.evil.invalid'],
    ['a backslash', 'https://a\\.example.com'],
    ['upper case', 'https://A.example.com'],
    ['a trailing dot', 'https://a.example.com.'],
    ['the null origin', 'null'],
    ['a comma-joined pair', 'https://a.example.com,https://evil.invalid'],
  ])('refuses %s (%s)', (_, origin) => {
    expect(policy.matchOrigin(origin)).toBeNull();
  });

  it('allows the right port on a port-specific pattern', () => {
    expect(policy.matchOrigin('https://x.corp.example.net:8443')).toBe('pattern');
  });
});

describe('subdomain patterns on any port (https://*.example.com:*)', () => {
  const policy = createPolicy({ origins: ['https://*.example.com:*'], credentials: true });

  it.each(['https://a.example.com', 'https://a.example.com:8443', 'https://a.b.example.com:1'])(
    'allows the subdomain %s on any port',
    (origin) => {
      expect(policy.matchOrigin(origin)).toBe('pattern');
    },
  );

  it.each([
    ['the apex on a port', 'https://example.com:8443'],
    ['the http twin', 'http://a.example.com:8443'],
    ['a suffix look-alike', 'https://aexample.com:8443'],
    ['the pattern as a prefix', 'https://a.example.com.evil.invalid:8443'],
    ['port 0', 'https://a.example.com:0'],
    ['a leading zero', 'https://a.example.com:08443'],
    ['a port above 65535', 'https://a.example.com:65536'],
    ['the default port spelled out', 'https://a.example.com:443'],
    ['a bare colon', 'https://a.example.com:'],
  ])('refuses %s (%s)', (_, origin) => {
    expect(policy.matchOrigin(origin)).toBeNull();
  });

  it('keeps a fixed-port pattern to its port when an any-port pattern is also listed', () => {
    const mixed = createPolicy({ origins: ['https://*.example.com:*', 'https://*.example.net:8443'] });
    expect(mixed.matchOrigin('https://a.example.net:8443')).toBe('pattern');
    expect(mixed.matchOrigin('https://a.example.net:9443')).toBeNull();
    expect(mixed.matchOrigin('https://a.example.com:9443')).toBe('pattern');
  });
});

describe('loopback development pattern', () => {
  const policy = createPolicy({
    origins: ['http://localhost:*', 'http://127.0.0.1:*', 'http://[::1]:*'],
    credentials: true,
  });

  it.each(['http://localhost:3000', 'http://127.0.0.1:5173', 'http://[::1]:8080', 'http://localhost'])(
    'allows %s',
    (origin) => {
      expect(policy.matchOrigin(origin)).toBe('pattern');
    },
  );

  it.each([
    ['http://localhost:*', 'http://127.0.0.1:5173'],
    ['http://localhost:*', 'http://[::1]:8080'],
    ['http://127.0.0.1:*', 'http://localhost:3000'],
    ['http://[::1]:*', 'http://127.0.0.1:3000'],
  ])('%s does not allow %s, a loopback host that was not written', (pattern, origin) => {
    expect(createPolicy({ origins: [pattern] }).matchOrigin(origin)).toBeNull();
  });

  it.each([
    'https://localhost:3000',
    'http://localhost.evil.invalid:3000',
    'http://127.0.0.2:3000',
    'http://192.168.1.10:3000',
    'http://localhost:03000',
    'http://localhost:',
  ])('refuses %s', (origin) => {
    expect(policy.matchOrigin(origin)).toBeNull();
  });
});

describe('large allowlists', () => {
  it('answers correctly with 10,000 exact origins and 10,000 patterns', () => {
    const origins = Array.from({ length: 10_000 }, (_, i) => `https://t${i}.tenant.example`);
    const patterns = Array.from({ length: 10_000 }, (_, i) => `https://*.c${i}.example.org`);
    const policy = createPolicy({ origins: [...origins, ...patterns], credentials: true });
    expect(policy.matchOrigin('https://t1234.tenant.example')).toBe('exact');
    expect(policy.matchOrigin('https://t10000.tenant.example')).toBeNull();
    expect(policy.matchOrigin('https://x.y.c9999.example.org')).toBe('pattern');
    expect(policy.matchOrigin('https://c9999.example.org')).toBeNull();
  });

  it('rejects a 200 KB Origin without scanning the allowlist', () => {
    const policy = createPolicy({ origins: ['https://*.example.com'] });
    expect(policy.matchOrigin(`https://${'a.'.repeat(100_000)}example.com`)).toBeNull();
  });
});
