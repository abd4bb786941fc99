import { hostSite, isIpHost, serializeOrigin, type TupleOrigin } from '../origin/index.js';
import type { Probe } from './probe.js';

/** Inputs shared by the generators of one scan. */
export interface ProbeContext {
  /** Random label for this scan (see `randomLabel`). */
  readonly label: string;
  /** The attacker's registrable domain, e.g. `kq3v9x2m.invalid`. */
  readonly attacker: string;
}

/**
 * Characters browsers accept in a host that naive origin parsers treat as the end of the host name:
 * `https://app.victim.com_.attacker.tld` passes a check that stops reading at `_`.
 * (WHATWG URL forbidden host code points are excluded; Safari sends more of these than Chromium/Firefox.)
 */
export const SPECIAL_HOST_CHARS: readonly string[] = [
  '_',
  '`',
  '%60',
  '!',
  '$',
  '&',
  "'",
  '(',
  ')',
  '*',
  '+',
  ',',
  ';',
  '=',
  '~',
  '{',
  '}',
];

/**
 * Development origins commonly left in production allowlists, most common first: the first
 * {@link QUICK_COUNTS}`.localhost` are the ones a default (not `--thorough`) scan sends.
 */
export const LOCAL_ORIGINS: readonly string[] = [
  'http://localhost:3000',
  'http://localhost:8080',
  'http://localhost:5173',
  'http://localhost:4200',
  'http://localhost:8000',
  'http://localhost',
  'http://localhost:5000',
  'http://127.0.0.1:3000',
  'http://localhost:3001',
  'https://localhost:3000',
  'http://127.0.0.1:8080',
  'http://127.0.0.1',
  'http://[::1]:3000',
  'http://192.168.0.1',
  'http://10.0.0.1',
];

/** Shared-hosting suffixes (PSL private section) where anyone can get a subdomain, most used first. */
export const SHARED_HOSTING_SUFFIXES: readonly string[] = [
  'vercel.app',
  'github.io',
  'netlify.app',
  'pages.dev',
  'herokuapp.com',
  'web.app',
  'firebaseapp.com',
  'azurewebsites.net',
  'onrender.com',
  'fly.dev',
  'glitch.me',
  'ngrok-free.app',
  'ngrok.io',
  'appspot.com',
];

/** Subdomains tried when discovering which origins a server trusts. */
export const COMMON_SUBDOMAINS: readonly string[] = [
  'www',
  'app',
  'admin',
  'api',
  'dashboard',
  'portal',
  'my',
  'account',
  'auth',
  'dev',
  'staging',
  'm',
];

/**
 * How many variants of each long family a default scan sends (lists are most common first); a
 * `--thorough` scan sends them all. The tails are the rare dev ports, shared hosts, special characters
 * and subdomain names, and the narrow look-alikes (unescaped dots, `http://`, another port) of a second,
 * third and fourth trusted origin found by discovery (a `--trusted-origin` always gets them): an
 * allowlist's entries are nearly always checked by the same code. Dropping them is what keeps a correct
 * endpoint within 27 requests and 8 round trips.
 */
export const QUICK_COUNTS = {
  localhost: 5,
  thirdParty: 5,
  specialChars: 2,
  subdomains: 2,
  /** Discovered trusted origins mutated with the narrow look-alikes (all get the combined probe). */
  narrowBases: 1,
} as const;

function withPort(origin: TupleOrigin): string {
  return origin.port === null ? '' : `:${origin.port}`;
}

/**
 * An arbitrary attacker origin: `https://<random>.invalid`.
 *
 * @example
 * ```ts
 * arbitraryProbe(ctx); // { family: 'arbitrary', origin: 'https://kq3v9x2m.invalid' }
 * ```
 */
export function arbitraryProbe(ctx: ProbeContext): Probe {
  return { family: 'arbitrary', origin: `https://${ctx.attacker}` };
}

/** The opaque origin `null` (sandboxed iframes, data: URLs). */
export function nullProbe(): Probe {
  return { family: 'null', origin: 'null' };
}

// An IPv6 literal cannot be followed or preceded by anything inside a host (`https://[::1].x.invalid` is not a
// URL), so no browser can send a prefix, substring or special-character variant of it.
function isIPv6Literal(host: string): boolean {
  return host.startsWith('[');
}

/**
 * Prefix bypass: the trusted origin followed by the attacker's domain,
 * `https://app.victim.com.<attacker>`; passes `startsWith('https://app.victim.com')`.
 * Undefined for IPv6 hosts (no such origin can be sent by a browser).
 */
export function prefixProbe(trusted: TupleOrigin, ctx: ProbeContext): Probe | undefined {
  if (isIPv6Literal(trusted.host)) return undefined;
  return {
    family: 'prefix',
    origin: `${trusted.scheme}://${trusted.host}.${ctx.attacker}${withPort(trusted)}`,
    basedOn: serializeOrigin(trusted),
  };
}

/**
 * Substring bypass: the trusted host in the middle of an attacker host,
 * `https://<r>app.victim.com.<attacker>`; passes `includes('victim.com')` or an unanchored regex,
 * but neither a prefix nor a suffix check. Undefined for IPv6 hosts.
 */
export function substringProbe(trusted: TupleOrigin, ctx: ProbeContext): Probe | undefined {
  if (isIPv6Literal(trusted.host)) return undefined;
  return {
    family: 'substring',
    origin: `https://${ctx.label}${trusted.host}.${ctx.attacker}`,
    basedOn: serializeOrigin(trusted),
  };
}

/**
 * The probe only substring matching accepts, sent when {@link substringProbe} was granted:
 * `https://<r>x<rd>.<attacker>` has the registrable domain inside a label, so it passes
 * `includes('victim.com')` or an unanchored `/victim\.com/`, but neither a prefix check nor a
 * subdomain pattern missing its end anchor (`^https://([a-z0-9-]+\.)*victim\.com`), which also grant the
 * substring probe. Undefined for IP hosts.
 */
export function substringOnlyProbe(trusted: TupleOrigin, ctx: ProbeContext): Probe | undefined {
  const rd = hostSite(trusted.host).registrableDomain;
  if (rd === null) return undefined;
  return {
    family: 'substring',
    origin: `https://${ctx.label}x${rd}.${ctx.attacker}`,
    basedOn: serializeOrigin(trusted),
  };
}

/**
 * Suffix bypass: an attacker-registrable domain ending with the trusted registrable domain,
 * `https://<r>victim.com`; passes `endsWith('victim.com')`. Undefined for IP hosts.
 */
export function suffixProbe(trusted: TupleOrigin, ctx: ProbeContext): Probe | undefined {
  const rd = hostSite(trusted.host).registrableDomain;
  if (rd === null) return undefined;
  return { family: 'suffix', origin: `https://${ctx.label}${rd}`, basedOn: rd };
}

/**
 * One origin that the prefix, substring and (for a trusted origin without a port) suffix checks all
 * accept: the trusted origin, a dot, then an attacker-registrable domain ending with the trusted
 * registrable domain, `https://app.victim.com.<r>victim.com`. It passes `startsWith('https://app.victim.com')`,
 * `includes('victim.com')` and `endsWith('victim.com')`, but no exact, subdomain or parsed-host check. A
 * default scan sends it first and sends the individual prefix, substring and suffix probes only when it is
 * granted. Undefined for IP hosts.
 *
 * @example
 * ```ts
 * combinedProbe(parseOrigin('https://app.victim.com'), ctx)?.origin; // 'https://app.victim.com.r4nd0mvictim.com'
 * ```
 */
export function combinedProbe(trusted: TupleOrigin, ctx: ProbeContext): Probe | undefined {
  const rd = hostSite(trusted.host).registrableDomain;
  if (rd === null || isIpHost(trusted.host)) return undefined;
  return {
    family: 'combined',
    origin: `${trusted.scheme}://${trusted.host}.${ctx.label}${rd}${withPort(trusted)}`,
    basedOn: serializeOrigin(trusted),
  };
}

/**
 * Arbitrary subdomain: `https://<r>.victim.com`; allowed when the server trusts every subdomain.
 * Undefined for IP hosts.
 */
export function subdomainProbe(trusted: TupleOrigin, ctx: ProbeContext): Probe | undefined {
  const rd = hostSite(trusted.host).registrableDomain;
  if (rd === null) return undefined;
  return { family: 'subdomain', origin: `https://${ctx.label}.${rd}`, basedOn: rd };
}

/**
 * Unescaped-dot bypasses: each dot of the trusted host replaced by a letter, kept only when the
 * result is a different, registrable domain (its public suffix is a real ICANN suffix or the same as
 * the original's). `^https://app.victim.com$` used as a regex matches `https://appxvictim.com`.
 *
 * @example
 * ```ts
 * unescapedDotProbes(parseOrigin('https://api.victim.co.uk'))
 * // origins: https://apixvictim.co.uk, https://api.victimxco.uk
 * ```
 */
export function unescapedDotProbes(trusted: TupleOrigin): Probe[] {
  if (isIpHost(trusted.host)) return [];
  const original = hostSite(trusted.host);
  const probes: Probe[] = [];
  for (let i = trusted.host.indexOf('.'); i !== -1; i = trusted.host.indexOf('.', i + 1)) {
    const host = `${trusted.host.slice(0, i)}x${trusted.host.slice(i + 1)}`;
    const site = hostSite(host);
    const registrable =
      site.icann || (site.publicSuffix !== null && site.publicSuffix === original.publicSuffix);
    if (
      !registrable ||
      site.registrableDomain === null ||
      site.registrableDomain === original.registrableDomain
    )
      continue;
    probes.push({
      family: 'unescaped-dot',
      origin: `${trusted.scheme}://${host}${withPort(trusted)}`,
      basedOn: serializeOrigin(trusted),
    });
  }
  return probes;
}

/**
 * Special-character bypasses: `https://app.victim.com<c>.<attacker>` for characters browsers allow in
 * hosts but naive parsers stop at (`_`, backtick, `%60`, `!`, `$`, …). None for IPv6 hosts.
 */
export function specialCharProbes(
  trusted: TupleOrigin,
  ctx: ProbeContext,
  limit = SPECIAL_HOST_CHARS.length,
): Probe[] {
  if (isIPv6Literal(trusted.host)) return [];
  return SPECIAL_HOST_CHARS.slice(0, limit).map((c) => ({
    family: 'special-char' as const,
    origin: `${trusted.scheme}://${trusted.host}${c}.${ctx.attacker}${withPort(trusted)}`,
    basedOn: serializeOrigin(trusted),
  }));
}

/**
 * The `http://` twin of a trusted `https://` origin, same host and port (undefined for other schemes):
 * `https://app.victim.com:8443` → `http://app.victim.com:8443`, which `^https?://app\.victim\.com:8443$` allows.
 */
export function insecureSchemeProbe(trusted: TupleOrigin): Probe | undefined {
  if (trusted.scheme !== 'https') return undefined;
  return {
    family: 'insecure-scheme',
    origin: `http://${trusted.host}${withPort(trusted)}`,
    basedOn: serializeOrigin(trusted),
  };
}

/** The trusted host on another port: allowed when the check compares host names only. */
export function portProbe(trusted: TupleOrigin): Probe {
  const port = trusted.port === 8443 ? 9443 : 8443;
  return {
    family: 'port',
    origin: `${trusted.scheme}://${trusted.host}:${port}`,
    basedOn: serializeOrigin(trusted),
  };
}

/** Localhost, loopback and private-address origins with common development ports (the first `limit`). */
export function localhostProbes(limit = LOCAL_ORIGINS.length): Probe[] {
  return LOCAL_ORIGINS.slice(0, limit).map((origin) => ({ family: 'localhost' as const, origin }));
}

/** A random site on each well-known shared-hosting suffix (`https://<r>.vercel.app`, …; the first `limit`). */
export function thirdPartyProbes(ctx: ProbeContext, limit = SHARED_HOSTING_SUFFIXES.length): Probe[] {
  return SHARED_HOSTING_SUFFIXES.slice(0, limit).map((suffix) => ({
    family: 'third-party' as const,
    origin: `https://${ctx.label}.${suffix}`,
    basedOn: suffix,
  }));
}

/**
 * Candidate trusted origins for discovery: the target's own origin, its registrable domain and common
 * subdomains over https, and origins the user declared.
 *
 * @example
 * ```ts
 * discoveryProbes(parseOrigin('https://api.victim.com'), [])
 * // https://api.victim.com, https://victim.com, https://www.victim.com, https://app.victim.com, …
 * ```
 */
export function discoveryProbes(
  target: TupleOrigin,
  declared: readonly string[],
  subdomains = COMMON_SUBDOMAINS.length,
): Probe[] {
  const seen = new Set<string>();
  const out: Probe[] = [];
  const add = (origin: string) => {
    if (seen.has(origin)) return;
    seen.add(origin);
    out.push({ family: 'discovery', origin });
  };
  add(serializeOrigin(target));
  for (const d of declared) add(d);
  const rd = hostSite(target.host).registrableDomain;
  if (rd !== null) {
    add(`https://${rd}`);
    for (const sub of COMMON_SUBDOMAINS.slice(0, subdomains)) add(`https://${sub}.${rd}`);
  }
  return out;
}
