import { describe, expect, it } from 'vitest';
import { parseOrigin, type TupleOrigin } from '../origin/index.js';
import { attackerDomain, randomLabel } from './attacker.js';
import {
  arbitraryProbe,
  COMMON_SUBDOMAINS,
  discoveryProbes,
  insecureSchemeProbe,
  LOCAL_ORIGINS,
  localhostProbes,
  nullProbe,
  type ProbeContext,
  portProbe,
  prefixProbe,
  SHARED_HOSTING_SUFFIXES,
  SPECIAL_HOST_CHARS,
  specialCharProbes,
  subdomainProbe,
  substringProbe,
  suffixProbe,
  thirdPartyProbes,
  unescapedDotProbes,
} from './families.js';

function tuple(origin: string): TupleOrigin {
  const o = parseOrigin(origin);
  if (o.kind !== 'tuple') throw new Error(`${origin} is not a tuple origin`);
  return o;
}

const ctx: ProbeContext = { label: 'r4nd0m', attacker: 'r4nd0m.invalid' };
const APP = tuple('https://app.victim.com');
const UK = tuple('https://api.victim.co.uk:8443');
const IP4 = tuple('http://10.0.0.1:8080');
const IP6 = tuple('https://[::1]');

const hostOf = (origin: string): string => new URL(origin).host;

describe('attacker domain', () => {
  it('is a random label under .invalid, never a real TLD', () => {
    const label = randomLabel();
    expect(label).toMatch(/^[a-z][a-z0-9]{7}$/);
    expect(attackerDomain(label)).toBe(`${label}.invalid`);
  });

  it('differs between calls (two scans never share an attacker origin)', () => {
    const labels = new Set(Array.from({ length: 20 }, () => randomLabel()));
    expect(labels.size).toBe(20);
  });

  it('honours the requested length', () => {
    expect(randomLabel(16)).toMatch(/^[a-z][a-z0-9]{15}$/);
  });

  it('every probe that names an attacker host names it under .invalid', () => {
    const probes = [
      arbitraryProbe(ctx),
      prefixProbe(APP, ctx),
      substringProbe(APP, ctx),
      ...specialCharProbes(APP, ctx),
      prefixProbe(UK, ctx),
      substringProbe(UK, ctx),
      ...specialCharProbes(UK, ctx),
    ];
    for (const p of probes) {
      expect(p, JSON.stringify(p)).toBeDefined();
      expect(new URL(p?.origin ?? '').hostname, p?.origin).toMatch(/(^|\.)r4nd0m\.invalid$/);
    }
  });
});

describe('arbitrary and null', () => {
  it('arbitrary is https://<attacker>', () => {
    expect(arbitraryProbe(ctx)).toEqual({ family: 'arbitrary', origin: 'https://r4nd0m.invalid' });
  });

  it('null is the literal null', () => {
    expect(nullProbe()).toEqual({ family: 'null', origin: 'null' });
  });
});

describe('prefixProbe', () => {
  it('appends the attacker domain to the trusted host', () => {
    expect(prefixProbe(APP, ctx)).toEqual({
      family: 'prefix',
      origin: 'https://app.victim.com.r4nd0m.invalid',
      basedOn: 'https://app.victim.com',
    });
  });

  it('keeps the port after the attacker domain, so the origin starts with the trusted origin minus its port', () => {
    const p = prefixProbe(UK, ctx);
    expect(p?.origin).toBe('https://api.victim.co.uk.r4nd0m.invalid:8443');
    expect(p?.basedOn).toBe('https://api.victim.co.uk:8443');
    expect(hostOf(p?.origin ?? '')).toBe('api.victim.co.uk.r4nd0m.invalid:8443');
  });

  it('works for an IPv4 host (the attacker domain makes it a name)', () => {
    expect(prefixProbe(IP4, ctx)?.origin).toBe('http://10.0.0.1.r4nd0m.invalid:8080');
  });

  it('yields nothing for an IPv6 host (no browser can send such an origin)', () => {
    expect(prefixProbe(IP6, ctx)).toBeUndefined();
  });
});

describe('substringProbe', () => {
  it('puts the trusted host in the middle of an attacker host', () => {
    const p = substringProbe(APP, ctx);
    expect(p?.origin).toBe('https://r4nd0mapp.victim.com.r4nd0m.invalid');
    const host = new URL(p?.origin ?? '').hostname;
    expect(host).toContain('app.victim.com');
    expect(host.startsWith('app.victim.com')).toBe(false);
    expect(host.endsWith('victim.com')).toBe(false);
    expect(p?.basedOn).toBe('https://app.victim.com');
  });

  it('contains the multi-level registrable domain for a .co.uk host', () => {
    expect(substringProbe(UK, ctx)?.origin).toBe('https://r4nd0mapi.victim.co.uk.r4nd0m.invalid');
  });

  it('yields nothing for an IPv6 host', () => {
    expect(substringProbe(IP6, ctx)).toBeUndefined();
  });
});

describe('suffixProbe and subdomainProbe', () => {
  it('suffix glues the label onto the registrable domain, with no dot', () => {
    expect(suffixProbe(APP, ctx)).toEqual({
      family: 'suffix',
      origin: 'https://r4nd0mvictim.com',
      basedOn: 'victim.com',
    });
    expect(suffixProbe(UK, ctx)?.origin).toBe('https://r4nd0mvictim.co.uk');
  });

  it('subdomain is a random subdomain of the registrable domain', () => {
    expect(subdomainProbe(APP, ctx)).toEqual({
      family: 'subdomain',
      origin: 'https://r4nd0m.victim.com',
      basedOn: 'victim.com',
    });
    expect(subdomainProbe(UK, ctx)?.origin).toBe('https://r4nd0m.victim.co.uk');
  });

  it('IP-host bases yield no suffix or subdomain probe', () => {
    for (const base of [IP4, IP6, tuple('https://127.0.0.1')]) {
      expect(suffixProbe(base, ctx)).toBeUndefined();
      expect(subdomainProbe(base, ctx)).toBeUndefined();
    }
  });
});

describe('unescapedDotProbes', () => {
  it('yields only look-alikes that are registrable domains other than the victim', () => {
    expect(unescapedDotProbes(APP).map((p) => p.origin)).toEqual(['https://appxvictim.com']);
  });

  it('does not yield app.victimxcom (no such public suffix: nobody can register it)', () => {
    expect(unescapedDotProbes(APP).map((p) => p.origin)).not.toContain('https://app.victimxcom');
  });

  it('handles .co.uk: apixvictim.co.uk and api.victimxco.uk, not api.victim.coxuk; keeps the port', () => {
    const origins = unescapedDotProbes(UK).map((p) => p.origin);
    expect(origins).toEqual(['https://apixvictim.co.uk:8443', 'https://api.victimxco.uk:8443']);
    expect(origins.join()).not.toContain('coxuk');
  });

  it('skips a replacement that stays inside the victim registrable domain', () => {
    // a.b.victim.com → axb.victim.com is still victim.com: not an attacker domain.
    expect(unescapedDotProbes(tuple('https://a.b.victim.com')).map((p) => p.origin)).toEqual([
      'https://a.bxvictim.com',
    ]);
  });

  it('records the trusted origin it was derived from', () => {
    for (const p of unescapedDotProbes(UK)) {
      expect(p.family).toBe('unescaped-dot');
      expect(p.basedOn).toBe('https://api.victim.co.uk:8443');
    }
  });

  it('IP-host bases yield none', () => {
    expect(unescapedDotProbes(IP4)).toEqual([]);
    expect(unescapedDotProbes(IP6)).toEqual([]);
  });
});

describe('specialCharProbes', () => {
  it('one probe per special character, trusted host then the character then the attacker domain', () => {
    const probes = specialCharProbes(APP, ctx);
    expect(probes.map((p) => p.origin)).toEqual(
      SPECIAL_HOST_CHARS.map((c) => `https://app.victim.com${c}.r4nd0m.invalid`),
    );
    for (const p of probes) {
      expect(p.family).toBe('special-char');
      expect(p.basedOn).toBe('https://app.victim.com');
    }
  });

  it.each([
    ['https://app.victim.com', APP],
    ['https://api.victim.co.uk:8443', UK],
    ['http://10.0.0.1:8080', IP4],
  ])('every probe for %s is a host new URL() accepts, i.e. one a browser can send', (_name, base) => {
    for (const p of specialCharProbes(base, ctx)) {
      const url = new URL(p.origin);
      expect(url.hostname, p.origin).toMatch(/\.r4nd0m\.invalid$/);
      expect(url.pathname).toBe('/');
    }
  });

  it('keeps a non-default port after the attacker domain', () => {
    for (const p of specialCharProbes(UK, ctx)) expect(p.origin.endsWith('.r4nd0m.invalid:8443')).toBe(true);
  });

  it('yields nothing for an IPv6 host', () => {
    expect(specialCharProbes(IP6, ctx)).toEqual([]);
  });
});

describe('insecureSchemeProbe', () => {
  it('is the http twin of an https origin', () => {
    expect(insecureSchemeProbe(APP)).toEqual({
      family: 'insecure-scheme',
      origin: 'http://app.victim.com',
      basedOn: 'https://app.victim.com',
    });
  });

  it('keeps the port of the trusted origin', () => {
    expect(insecureSchemeProbe(UK)?.origin).toBe('http://api.victim.co.uk:8443');
  });

  it('only exists for https', () => {
    expect(insecureSchemeProbe(tuple('http://app.victim.com'))).toBeUndefined();
    expect(insecureSchemeProbe(tuple('wss://app.victim.com'))).toBeUndefined();
    expect(insecureSchemeProbe(IP4)).toBeUndefined();
  });
});

describe('portProbe', () => {
  it.each([
    ['https://app.victim.com', 'https://app.victim.com:8443'],
    ['https://api.victim.co.uk:8443', 'https://api.victim.co.uk:9443'],
    ['http://10.0.0.1:8080', 'http://10.0.0.1:8443'],
    ['https://[::1]', 'https://[::1]:8443'],
  ])('%s → %s: same scheme and host, another port', (base, expected) => {
    const t = tuple(base);
    const p = portProbe(t);
    expect(p.origin).toBe(expected);
    const probed = tuple(p.origin);
    expect(probed.scheme).toBe(t.scheme);
    expect(probed.host).toBe(t.host);
    expect(probed.port).not.toBe(t.port ?? (t.scheme === 'https' ? 443 : 80));
  });
});

describe('localhostProbes and thirdPartyProbes', () => {
  it('localhost probes are the development origins, all canonical and local', () => {
    const probes = localhostProbes();
    expect(probes.map((p) => p.origin)).toEqual(LOCAL_ORIGINS);
    for (const p of probes) {
      expect(p.family).toBe('localhost');
      expect(parseOrigin(p.origin).kind).toBe('tuple');
    }
  });

  it('third-party probes are a random site on each shared-hosting suffix', () => {
    const probes = thirdPartyProbes(ctx);
    expect(probes.map((p) => p.origin)).toEqual(SHARED_HOSTING_SUFFIXES.map((s) => `https://r4nd0m.${s}`));
    expect(probes.map((p) => p.basedOn)).toEqual(SHARED_HOSTING_SUFFIXES);
  });
});

describe('discoveryProbes', () => {
  it('starts with the target own origin, then the apex and the common subdomains over https', () => {
    const origins = discoveryProbes(tuple('https://api.victim.com'), []).map((p) => p.origin);
    expect(origins[0]).toBe('https://api.victim.com');
    expect(origins).toContain('https://victim.com');
    for (const sub of COMMON_SUBDOMAINS) expect(origins).toContain(`https://${sub}.victim.com`);
  });

  it('includes declared origins right after the target, before the guesses', () => {
    const origins = discoveryProbes(tuple('https://api.victim.com'), ['https://partner.example']).map(
      (p) => p.origin,
    );
    expect(origins.slice(0, 2)).toEqual(['https://api.victim.com', 'https://partner.example']);
  });

  it('dedupes: the target, a declared origin and a guessed subdomain appear once each', () => {
    const probes = discoveryProbes(tuple('https://www.victim.com'), [
      'https://app.victim.com',
      'https://www.victim.com',
    ]);
    const origins = probes.map((p) => p.origin);
    expect(new Set(origins).size).toBe(origins.length);
    expect(origins.filter((o) => o === 'https://www.victim.com')).toHaveLength(1);
    expect(origins.filter((o) => o === 'https://app.victim.com')).toHaveLength(1);
    for (const p of probes) expect(p.family).toBe('discovery');
  });

  it('uses the multi-level registrable domain for a .co.uk target', () => {
    const origins = discoveryProbes(UK, []).map((p) => p.origin);
    expect(origins[0]).toBe('https://api.victim.co.uk:8443');
    expect(origins).toContain('https://victim.co.uk');
    expect(origins).toContain('https://app.victim.co.uk');
    expect(origins).not.toContain('https://co.uk');
  });

  it('an IP target only tries its own origin and the declared ones', () => {
    expect(discoveryProbes(IP4, ['http://10.0.0.2']).map((p) => p.origin)).toEqual([
      'http://10.0.0.1:8080',
      'http://10.0.0.2',
    ]);
  });
});
