import { describe, expect, it } from 'vitest';
import {
  classifyOrigin,
  hostSite,
  isCookieSameSite,
  type OriginRelation,
  type SameSiteKind,
} from './classify.js';
import { parseOrigin } from './origin.js';

const classify = (origin: string, target: string) => classifyOrigin(parseOrigin(origin), parseOrigin(target));

const VICTIM = 'https://api.example.com';

describe('classifyOrigin: relation table', () => {
  it.each<[string, string, string, OriginRelation, SameSiteKind | undefined]>([
    ['the target itself', VICTIM, VICTIM, 'same-origin', undefined],
    [
      'the target with its default port written out',
      'https://api.example.com:443',
      VICTIM,
      'same-origin',
      undefined,
    ],
    ['a subdomain of the target host', 'https://v2.api.example.com', VICTIM, 'same-site', 'subdomain'],
    ['the apex above the target host', 'https://example.com', VICTIM, 'same-site', 'parent'],
    ['a sibling subdomain', 'https://app.example.com', VICTIM, 'same-site', 'sibling'],
    ['the same host on another port', 'https://api.example.com:8443', VICTIM, 'same-site', 'same-host'],
    ['the same host over plain http', 'http://api.example.com', VICTIM, 'same-site', 'same-host'],
    ['an unrelated registrable domain', 'https://evil.example.net', VICTIM, 'cross-site', undefined],
    ['a look-alike ending in the victim name', 'https://evilexample.com', VICTIM, 'cross-site', undefined],
    [
      'the victim host under an attacker domain',
      'https://api.example.com.evil.net',
      VICTIM,
      'cross-site',
      undefined,
    ],
    [
      'a github.io site against a victim on example.com',
      'https://x.github.io',
      VICTIM,
      'shared-hosting',
      undefined,
    ],
    [
      'a vercel.app site against a victim on example.com',
      'https://y.vercel.app',
      VICTIM,
      'shared-hosting',
      undefined,
    ],
    [
      'one github.io site against another github.io site',
      'https://x.github.io',
      'https://y.github.io',
      'shared-hosting',
      undefined,
    ],
    [
      'a deeper page of the same github.io site',
      'https://a.x.github.io',
      'https://x.github.io',
      'same-site',
      'subdomain',
    ],
    [
      'two hosts of one .co.uk registrable domain',
      'https://a.example.co.uk',
      'https://b.example.co.uk',
      'same-site',
      'sibling',
    ],
    [
      'another .co.uk registrable domain',
      'https://example2.co.uk',
      'https://b.example.co.uk',
      'cross-site',
      undefined,
    ],
    ['a bare public suffix', 'https://co.uk', 'https://b.example.co.uk', 'cross-site', undefined],
    ['the null origin', 'null', VICTIM, 'opaque', undefined],
  ])('%s: %s vs %s → %s', (_name, origin, target, relation, sameSite) => {
    const c = classify(origin, target);
    expect(c.relation).toBe(relation);
    expect(c.sameSite).toBe(sameSite);
  });

  it('reports the registrable domain of the origin (null for IPs, opaque and bare suffixes)', () => {
    expect(classify('https://a.b.example.co.uk', VICTIM).registrableDomain).toBe('example.co.uk');
    expect(classify('https://x.github.io', VICTIM).registrableDomain).toBe('x.github.io');
    expect(classify('https://1.2.3.4', VICTIM).registrableDomain).toBeNull();
    expect(classify('null', VICTIM).registrableDomain).toBeNull();
    expect(classify('https://co.uk', VICTIM).registrableDomain).toBeNull();
  });
});

describe('classifyOrigin: local origins', () => {
  it.each([
    'http://localhost',
    'http://localhost:3000',
    'https://localhost:3000',
    'http://dev.localhost:5173',
    'http://127.0.0.1:8080',
    'http://127.8.9.10',
    'http://[::1]:3000',
    'http://10.0.0.1',
    'http://10.255.255.254',
    'http://172.16.0.1',
    'http://172.31.255.1',
    'http://192.168.0.1',
    'http://169.254.169.254',
    'http://[fc00::1]',
    'http://[fd12:3456::1]',
    'http://[fe80::1]',
    'http://[::ffff:10.0.0.1]',
    'http://[::ffff:127.0.0.1]',
    'http://printer.local',
  ])('%s against a public https target is local', (origin) => {
    expect(classify(origin, VICTIM).relation).toBe('local');
  });

  it.each([
    'http://172.15.0.1',
    'http://172.32.0.1',
    'http://192.169.0.1',
    'http://8.8.8.8',
    'http://[2001:db8::1]',
    'http://[::ffff:8.8.8.8]',
    'http://localhost.evil.example',
  ])('%s is a public address or name, not local', (origin) => {
    expect(classify(origin, VICTIM).relation).not.toBe('local');
  });

  it('a local origin against the same local host on another port is same-host, not local', () => {
    expect(classify('http://localhost:3000', 'http://localhost:8080')).toMatchObject({
      relation: 'same-site',
      sameSite: 'same-host',
    });
    expect(classify('http://127.0.0.1:3000', 'http://127.0.0.1:8080')).toMatchObject({
      relation: 'same-site',
      sameSite: 'same-host',
    });
    expect(classify('http://[::1]:3000', 'http://[::1]:8080')).toMatchObject({
      relation: 'same-site',
      sameSite: 'same-host',
    });
  });

  it('a local origin against the same local origin is same-origin', () => {
    expect(classify('http://localhost:8080', 'http://localhost:8080').relation).toBe('same-origin');
    expect(classify('http://10.0.0.1', 'http://10.0.0.1:80').relation).toBe('same-origin');
  });

  it('a subdomain of a local target inside one registrable domain is same-site', () => {
    expect(classify('http://a.dev.local', 'http://b.dev.local')).toMatchObject({
      relation: 'same-site',
      sameSite: 'sibling',
    });
  });
});

describe('classifyOrigin: insecureScheme', () => {
  it.each([
    ['http://app.example.com', 'https://api.example.com', true],
    ['ws://app.example.com', 'wss://api.example.com', true],
    ['http://app.example.com', 'wss://api.example.com', true],
    ['ws://app.example.com', 'https://api.example.com', true],
    ['http://api.example.com', 'https://api.example.com', true],
    ['http://localhost:3000', 'https://api.example.com', true],
    ['https://app.example.com', 'https://api.example.com', false],
    ['wss://app.example.com', 'https://api.example.com', false],
    ['http://app.example.com', 'http://api.example.com', false],
    ['https://app.example.com', 'http://api.example.com', false],
    ['http://evil.example.net', 'ws://api.example.com', false],
    ['null', 'https://api.example.com', false],
  ])('%s vs %s → %s', (origin, target, expected) => {
    expect(classify(origin, target).insecureScheme).toBe(expected);
  });
});

describe('classifyOrigin: IP-host targets', () => {
  it('another IP address is cross-site (no registrable domain to share)', () => {
    expect(classify('https://1.2.3.5', 'https://1.2.3.4').relation).toBe('cross-site');
  });

  it('the same IP address on another port is same-host', () => {
    expect(classify('https://1.2.3.4:8443', 'https://1.2.3.4')).toMatchObject({
      relation: 'same-site',
      sameSite: 'same-host',
    });
  });

  it('a domain origin against an IP target is cross-site', () => {
    expect(classify('https://evil.example', 'https://1.2.3.4').relation).toBe('cross-site');
  });

  it('a private address against a public IP target is local', () => {
    expect(classify('http://192.168.1.1', 'https://1.2.3.4').relation).toBe('local');
  });

  it('IPv4 shorthand is the same host as its dotted form', () => {
    expect(classify('http://0x7f.1:3000', 'http://127.0.0.1:8080')).toMatchObject({
      relation: 'same-site',
      sameSite: 'same-host',
    });
  });
});

describe('classifyOrigin: opaque target', () => {
  it('any tuple origin is cross-site to an opaque target', () => {
    expect(classify('https://a.example', 'null').relation).toBe('cross-site');
  });
});

describe('hostSite', () => {
  it('finds multi-level ICANN suffixes', () => {
    expect(hostSite('app.example.co.uk')).toEqual({
      registrableDomain: 'example.co.uk',
      publicSuffix: 'co.uk',
      sharedHosting: false,
      icann: true,
    });
  });

  it('marks PSL private-section suffixes as shared hosting', () => {
    expect(hostSite('me.github.io')).toEqual({
      registrableDomain: 'me.github.io',
      publicSuffix: 'github.io',
      sharedHosting: true,
      icann: false,
    });
    expect(hostSite('preview-123.vercel.app').sharedHosting).toBe(true);
  });

  it('has no registrable domain for IP literals', () => {
    for (const host of ['127.0.0.1', '[::1]', '::1']) {
      expect(hostSite(host)).toEqual({
        registrableDomain: null,
        publicSuffix: null,
        sharedHosting: false,
        icann: false,
      });
    }
  });

  it('has no registrable domain for a bare public suffix', () => {
    expect(hostSite('co.uk').registrableDomain).toBeNull();
    expect(hostSite('github.io').registrableDomain).toBeNull();
  });

  it('same-site for cookies is schemeful: an http page is cross-site to an https API', () => {
    const api = parseOrigin('https://api.example.com');
    expect(isCookieSameSite(parseOrigin('https://app.example.com'), api)).toBe(true);
    expect(isCookieSameSite(parseOrigin('https://api.example.com'), api)).toBe(true);
    expect(isCookieSameSite(parseOrigin('http://app.example.com'), api)).toBe(false);
    expect(isCookieSameSite(parseOrigin('https://example.net'), api)).toBe(false);
    expect(isCookieSameSite(parseOrigin('null'), api)).toBe(false);
  });
});
