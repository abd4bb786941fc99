import fc from 'fast-check';
import { parse as parseDomain } from 'tldts';

/**
 * True for an origin an attacker controls when `site` is trusted over https: `null`, any `http://` origin,
 * or an https origin whose registrable domain (Public Suffix List, tldts) is not `site`.
 *
 * @example
 * ```ts
 * isAttackerOrigin('https://api-example.com', 'example.com'); // true
 * ```
 */
export function isAttackerOrigin(origin: string, site: string): boolean {
  if (origin === 'null' || origin.startsWith('http://')) return true;
  const host = origin.slice('https://'.length).split(':')[0] ?? '';
  return parseDomain(host).domain !== site;
}

/**
 * Origins near `site` that flawed checks let through (suffixes, prefixes, lookalike dots, other sites,
 * ports, `http`, `null`), for property tests of patterns proven safe.
 *
 * @example
 * ```ts
 * fc.assert(fc.property(originArbitrary('example.com'), (o) => !(isAttackerOrigin(o, 'example.com') && re.test(o))));
 * ```
 */
export function originArbitrary(site: string): fc.Arbitrary<string> {
  const [first = site] = site.split('.');
  const rest = site.slice(first.length);
  const label = fc.stringMatching(/^[a-z0-9](?:[a-z0-9-]{0,6}[a-z0-9])?$/);
  const host = fc.oneof(
    fc.domain(),
    fc.constantFrom(site, `www.${site}`, `api.${site}`, `app.${site}`, `a.${site}`, `b.${site}`),
    label.map((l) => `${l}${site}`),
    label.map((l) => `${l}-${site}`),
    fc.tuple(label, label).map(([a, b]) => `${a}.${site}.${b}.com`),
    fc
      .tuple(label, fc.constantFrom('a', 'b', 'www', 'api', 'app'))
      .map(([l, s]) => `${s}.${first}${l}${rest.slice(1)}`),
    fc.tuple(fc.constantFrom('a', 'api', 'www'), label).map(([s, l]) => `${s}.${site}${l}`),
    fc
      .tuple(fc.constantFrom('api', 'www', 'app'), fc.constantFrom('x', '-', '1'))
      .map(([s, c]) => `${s}${c}${site}`),
  );
  return fc.oneof(
    { weight: 1, arbitrary: fc.constant('null') },
    {
      weight: 20,
      arbitrary: fc
        .tuple(
          fc.constantFrom('https', 'http'),
          host,
          fc.option(fc.integer({ min: 1, max: 65535 }), { nil: undefined }),
        )
        .map(([s, h, p]) => `${s}://${h}${p === undefined ? '' : `:${p}`}`),
    },
  );
}
