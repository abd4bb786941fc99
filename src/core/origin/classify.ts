import { parse as parseDomain } from 'tldts';
import { isIpHost, isLocal } from './address.js';
import { isSameOrigin, type Origin, type TupleOrigin } from './origin.js';

/**
 * How an origin relates to a target, from the point of view of who could
 * control a page there.
 *
 * - `same-origin`: the target's own origin.
 * - `same-site`: same registrable domain (or same host on another scheme/port): the site's own subdomains.
 * - `local`: localhost, loopback or a private-network address that is neither the target's host nor on its site.
 * - `shared-hosting`: a registrable domain under a PSL private-section suffix (github.io, vercel.app…): anyone can get one.
 * - `cross-site`: any other registrable domain: an attacker can register one.
 * - `opaque`: the `null` origin, which any page can produce with a sandboxed iframe.
 */
export type OriginRelation =
  | 'same-origin'
  | 'same-site'
  | 'local'
  | 'shared-hosting'
  | 'cross-site'
  | 'opaque';

/** Where a same-site origin sits relative to the target host. */
export type SameSiteKind = 'same-host' | 'subdomain' | 'parent' | 'sibling';

/** The result of {@link classifyOrigin}. */
export interface OriginClassification {
  readonly relation: OriginRelation;
  /** Set when `relation` is `same-site`. */
  readonly sameSite?: SameSiteKind;
  /** The origin uses `http:`/`ws:` while the target uses `https:`/`wss:`: a network attacker can inject into it. */
  readonly insecureScheme: boolean;
  /** The origin's registrable domain by the Public Suffix List, or null (IP address, opaque, bare suffix). */
  readonly registrableDomain: string | null;
}

/** The registrable-domain view of a host, from the Public Suffix List (ICANN and private sections). */
export interface HostSite {
  /** The registrable domain (eTLD+1), or null for IP addresses and bare public suffixes. */
  readonly registrableDomain: string | null;
  /** The public suffix that matched (e.g. `co.uk`, `github.io`, or the last label under the PSL's default rule). */
  readonly publicSuffix: string | null;
  /** True when the suffix comes from the PSL private section (shared hosting such as github.io). */
  readonly sharedHosting: boolean;
  /** True when the suffix is an ICANN suffix in the list (as opposed to the default `*` rule). */
  readonly icann: boolean;
}

/**
 * Looks a host up in the Public Suffix List.
 *
 * @example
 * ```ts
 * hostSite('app.example.co.uk'); // { registrableDomain: 'example.co.uk', publicSuffix: 'co.uk', sharedHosting: false, icann: true }
 * hostSite('me.github.io');      // { registrableDomain: 'me.github.io', publicSuffix: 'github.io', sharedHosting: true, icann: false }
 * ```
 */
export function hostSite(host: string): HostSite {
  if (isIpHost(host))
    return { registrableDomain: null, publicSuffix: null, sharedHosting: false, icann: false };
  const p = parseDomain(host, { allowPrivateDomains: true, extractHostname: false, validateHostname: false });
  return {
    registrableDomain: p.domain ?? null,
    publicSuffix: p.publicSuffix ?? null,
    sharedHosting: p.isPrivate === true,
    icann: p.isIcann === true,
  };
}

/**
 * Whether `origin` is same-site with `target` for cookies (RFC 6265bis §5.2, schemeful same-site): same
 * origin, or the same registrable domain over the same secure scheme. A `SameSite=Lax` cookie of the
 * target goes with such an origin's credentialed requests; an `http:` page is cross-site to an `https:` API.
 *
 * @example
 * ```ts
 * const api = parseOrigin('https://api.example.com');
 * isCookieSameSite(parseOrigin('https://app.example.com'), api); // true
 * isCookieSameSite(parseOrigin('http://app.example.com'), api);  // false
 * ```
 */
export function isCookieSameSite(origin: Origin, target: Origin): boolean {
  const c = classifyOrigin(origin, target);
  return c.relation === 'same-origin' || (c.relation === 'same-site' && !c.insecureScheme);
}

/**
 * Classifies `origin` relative to the `target` origin (the endpoint being protected).
 *
 * @example
 * ```ts
 * const target = parseOrigin('https://api.example.com');
 * classifyOrigin(parseOrigin('https://app.example.com'), target).relation;   // 'same-site'
 * classifyOrigin(parseOrigin('http://app.example.com'), target).insecureScheme; // true
 * classifyOrigin(parseOrigin('https://evil.example.net'), target).relation;  // 'cross-site'
 * classifyOrigin(parseOrigin('https://x.github.io'), target).relation;       // 'shared-hosting'
 * classifyOrigin(parseOrigin('null'), target).relation;                       // 'opaque'
 * ```
 */
export function classifyOrigin(origin: Origin, target: Origin): OriginClassification {
  if (origin.kind === 'opaque') return { relation: 'opaque', insecureScheme: false, registrableDomain: null };
  const site = hostSite(origin.host);
  const insecureScheme =
    target.kind === 'tuple' && isSecureScheme(target.scheme) && !isSecureScheme(origin.scheme);
  const base = { insecureScheme, registrableDomain: site.registrableDomain };
  if (target.kind === 'opaque') return { relation: 'cross-site', ...base };
  if (isSameOrigin(origin, target)) return { relation: 'same-origin', ...base };
  if (origin.host === target.host) return { relation: 'same-site', sameSite: 'same-host', ...base };
  if (isLocal(origin.host) && !isLocal(target.host)) return { relation: 'local', ...base };
  const targetSite = hostSite(target.host);
  if (site.registrableDomain !== null && site.registrableDomain === targetSite.registrableDomain) {
    return { relation: 'same-site', sameSite: sameSiteKind(origin, target), ...base };
  }
  if (isLocal(origin.host)) return { relation: 'local', ...base };
  if (site.sharedHosting) return { relation: 'shared-hosting', ...base };
  return { relation: 'cross-site', ...base };
}

function sameSiteKind(origin: TupleOrigin, target: TupleOrigin): SameSiteKind {
  if (origin.host.endsWith(`.${target.host}`)) return 'subdomain';
  if (target.host.endsWith(`.${origin.host}`)) return 'parent';
  return 'sibling';
}

function isSecureScheme(scheme: string): boolean {
  return scheme === 'https' || scheme === 'wss';
}
