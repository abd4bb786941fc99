import fc from 'fast-check';
import { parse as parseDomain } from 'tldts';
import { describe, expect, it } from 'vitest';
import { CorsguardError } from '../../core/errors/index.js';
import { proveOriginRegex } from './index.js';
import { isAttackerOrigin, originArbitrary } from './test-support/origins.js';

const SITE = 'example.com';

// [source, flags, expected cross-site/http/null counterexample kinds or 'safe'] — shapes from how teams write
// origin checks (cors `origin: /.../`, Django CORS_ALLOWED_ORIGIN_REGEXES, nginx `~*` ports to JS).
const VULNERABLE: [string, string][] = [
  ['example\\.com', ''],
  ['example.com', ''],
  ['^https://example\\.com', ''],
  ['^https://api.example\\.com$', ''],
  ['^https://.*example\\.com$', ''],
  ['^https://.*\\.example.com$', ''],
  ['^https://.*\\.example\\.com', ''],
  ['^https?://(www|api)\\.example\\.com$', ''],
  ['^https://(www|api)\\.example\\.com', ''],
  ['^https://www\\.example\\.com|^https://api\\.example\\.com', 'i'],
  ['^https://[a-z]+\\.example\\.com|example\\.com$', ''],
  ['^(null|https://app\\.example\\.com)$', ''],
  ['^https://[\\w.-]+example\\.com$', ''],
  ['^https://([a-z0-9-]+\\.)*example\\.com', ''],
  ['^https://([a-z0-9-]+[.])*example[.]com(:\\d+)?', ''],
  ['\\.example\\.com$', ''],
  ['^https://.+\\.example\\.(com|org)$', ''],
  ['^HTTPS://.*EXAMPLE\\.COM$', 'i'],
  ['^https://app\\.example\\.com$|^http://localhost', ''],
  ['^https://(app|admin)\\.example\\.com.*$', ''],
];

const SAFE: [string, string][] = [
  // Look vulnerable, but no origin (scheme://host[:port]) can put a host before `https://` or a `/` in the host.
  ['https://example\\.com$', ''],
  ['^https:\\/\\/(.*\\.)?example\\.com$', ''],
  ['^https://example\\.com$', ''],
  ['^https://app\\.example\\.com$', ''],
  ['^https:\\/\\/([a-z0-9-]+\\.)*example\\.com$', ''],
  ['^https://(a|b)\\.example\\.com$', ''],
  ['^https://(www|api|app)\\.example\\.com(:443)?$', ''],
  ['^HTTPS://APP\\.EXAMPLE\\.COM$', 'i'],
  ['^https://[a-z0-9-]+\\.example\\.com$', 'i'],
  ['^https://(?:[a-z0-9-]+\\.)?example\\.com$', ''],
  ['^(https://example\\.com|https://www\\.example\\.com)$', ''],
  ['^https://example\\.com$|^https://api\\.example\\.com$', 'u'],
];

const attackerAccepted = (re: RegExp, origin: string) => isAttackerOrigin(origin, SITE) && re.test(origin);
const origin = originArbitrary(SITE);

describe('proveOriginRegex: vulnerable regexes', () => {
  it.each(VULNERABLE)(
    '/%s/%s yields a counterexample the engine accepts and the PSL places off-site',
    (source, flags) => {
      const result = proveOriginRegex({ source, flags }, { trustedSite: SITE });
      expect(result.verdict).toBe('vulnerable');
      expect(result.counterexamples.length).toBeGreaterThan(0);
      for (const cx of result.counterexamples) {
        expect(new RegExp(source, flags).test(cx.origin)).toBe(true);
        if (cx.kind === 'null') expect(cx.origin).toBe('null');
        else if (cx.kind === 'insecure-scheme') expect(cx.origin.startsWith('http://')).toBe(true);
        else expect(parseDomain(cx.origin.slice(8).split(':')[0] ?? '').domain).not.toBe(SITE);
        expect(attackerAccepted(new RegExp(source, flags), cx.origin)).toBe(true);
      }
    },
  );

  it('gives the readable counterexamples of the issue', () => {
    const first = (source: string, flags = '') =>
      proveOriginRegex({ source, flags }, { trustedSite: SITE }).counterexamples[0]?.origin;
    expect(first('^https://api.example\\.com$')).toBe('https://api-example.com');
    expect(first('^https://.*example\\.com$')).toBe('https://xexample.com');
    expect(first('^https://(www|api)\\.example\\.com')).toBe('https://api.example.com.x.com');
    expect(first('^https?://(www|api)\\.example\\.com$')).toBe('http://api.example.com');
    expect(first('^(null|https://app\\.example\\.com)$')).toBe('null');
  });

  it('derives the trusted site from the literal host', () => {
    const r = proveOriginRegex({ source: '^https://(www|api)\\.example\\.co\\.uk$', flags: '' });
    expect(r.trustedSite).toBe('example.co.uk');
    expect(r.trustedSiteDerived).toBe(true);
    expect(r.verdict).toBe('safe');
  });

  it('allowHttp trusts http on the site', () => {
    expect(
      proveOriginRegex(
        { source: '^https?://(www|api)\\.example\\.com$', flags: '' },
        { trustedSite: SITE, allowHttp: true },
      ).verdict,
    ).toBe('safe');
  });
});

describe('proveOriginRegex: safe regexes', () => {
  it.each(SAFE)('/%s/%s is proven safe and no generated attacker origin gets through', (source, flags) => {
    const result = proveOriginRegex({ source, flags }, { trustedSite: SITE });
    expect(result.verdict).toBe('safe');
    expect(result.counterexamples).toEqual([]);
    const re = new RegExp(source, flags);
    fc.assert(
      fc.property(origin, (o) => !attackerAccepted(re, o)),
      { numRuns: 3000 },
    );
  });
});

describe('the origin generator has teeth', () => {
  it.each([
    ['^https://.*example\\.com$'],
    ['^https://api.example\\.com$'],
    ['^https://(www|api)\\.example\\.com'],
    ['^https?://app\\.example\\.com$'],
  ])('finds an attacker origin for the vulnerable /%s/', (source) => {
    const re = new RegExp(source);
    expect(() =>
      fc.assert(
        fc.property(origin, (o) => !attackerAccepted(re, o)),
        { numRuns: 3000 },
      ),
    ).toThrow();
  });
});

describe('proveOriginRegex: refusals and limits', () => {
  const code = (f: () => unknown): string | undefined => {
    try {
      f();
    } catch (e) {
      return e instanceof CorsguardError ? e.code : 'other';
    }
    return undefined;
  };

  it('refuses lookbehind it cannot resolve with REGEX_UNSUPPORTED', () => {
    expect(
      code(() =>
        proveOriginRegex(
          { source: '(?<=https://)[a-z]+\\.example\\.com$', flags: '' },
          { trustedSite: SITE },
        ),
      ),
    ).toBe('REGEX_UNSUPPORTED');
  });

  it('refuses invalid syntax with REGEX_UNSUPPORTED', () => {
    expect(
      code(() => proveOriginRegex({ source: '^https://(example\\.com$', flags: '' }, { trustedSite: SITE })),
    ).toBe('REGEX_UNSUPPORTED');
  });

  it('asks for a site when none is derivable', () => {
    expect(code(() => proveOriginRegex({ source: '^https://.*$', flags: '' }))).toBe('USAGE');
  });

  it('refuses an over-long regex quickly', () => {
    const source = `^https://(${Array.from({ length: 2000 }, (_, i) => `a${i}`).join('|')})\\.example\\.com$`;
    const t = Date.now();
    expect(code(() => proveOriginRegex({ source, flags: '' }, { trustedSite: SITE }))).toBe(
      'REGEX_TOO_COMPLEX',
    );
    expect(Date.now() - t).toBeLessThan(2000);
  });

  it('bounds a state-exploding regex (DFA blow-up) in time and states', () => {
    const t = Date.now();
    const c = code(() =>
      proveOriginRegex(
        { source: '[ab]*a[ab]{18}example\\.com', flags: '' },
        { trustedSite: SITE, limits: { maxNodes: 5000 } },
      ),
    );
    expect(c).toBe('REGEX_TOO_COMPLEX');
    expect(Date.now() - t).toBeLessThan(10000);
  });

  it('proves a catastrophic-backtracking regex without running it on hostile input', () => {
    const t = Date.now();
    const r = proveOriginRegex(
      { source: '^https://(([a-z]+)+\\.)*example\\.com$', flags: '' },
      { trustedSite: SITE },
    );
    expect(r.verdict).toBe('safe');
    expect(Date.now() - t).toBeLessThan(5000);
  });
});
