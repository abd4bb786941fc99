import { CorsguardError } from '../errors/index.js';
import { isIpHost, isLoopback } from './address.js';
import { hostSite } from './classify.js';
import { parseOrigin, serializeOrigin, tryParseOrigin } from './origin.js';
import { LOOPBACK_PATTERN_HOSTS, type LoopbackPatternHost, type OriginRule } from './pattern.js';

/** Stable codes of {@link OriginPatternIssue}s (a subset of the policy's issue codes). */
export type OriginPatternIssueCode =
  | 'origin-null'
  | 'origin-invalid'
  | 'origin-not-canonical'
  | 'origin-wildcard-in-list'
  | 'origin-insecure-credentials'
  | 'origin-pattern-invalid'
  | 'origin-pattern-public-suffix';

/** One problem with an allowlist entry, as data: what is wrong, where, and the fix. */
export interface OriginPatternIssue {
  readonly code: OriginPatternIssueCode;
  readonly path: readonly (string | number)[];
  readonly message: string;
  readonly fix: string;
}

/** What changes how an entry is judged. */
export interface OriginPatternContext {
  /** Credentials are on: `http:` is then refused except on loopback (a network attacker could read). */
  readonly credentials: boolean;
  /** Where the entry is in the input, copied into every issue: `['origins', 2]`. */
  readonly path: readonly (string | number)[];
}

/**
 * Parses one allowlist entry into an {@link OriginRule}, or returns every issue that makes it unsafe or
 * malformed (never throws). Accepted: an exact canonical `http(s)` origin; `https://*.example.com`,
 * optionally with `:port` or `:*` (any port); `http://localhost:*`, `http://127.0.0.1:*`,
 * `http://[::1]:*` (that loopback host on any port). Refused: `*` and `null` as entries, port 0,
 * non-canonical spellings a browser never sends, patterns over a public suffix (`*.github.io`), and
 * `http:` off loopback when credentials are on.
 *
 * @example
 * ```ts
 * parseOriginPattern('https://*.example.com:*', { credentials: true, path: ['origins', 0] });
 * // { kind: 'subdomains', scheme: 'https', domain: 'example.com', port: '*' }
 * parseOriginPattern('https://*.github.io', { credentials: false, path: ['origins', 0] });
 * // [{ code: 'origin-pattern-public-suffix', … }]
 * ```
 */
export function parseOriginPattern(
  entry: string,
  context: OriginPatternContext,
): OriginRule | OriginPatternIssue[] {
  const { path } = context;
  if (entry === '*') {
    return [
      issue(
        'origin-wildcard-in-list',
        path,
        `"*" inside the origins list is not a pattern`,
        `write origins: '*' (anonymous reads only) or list the origins`,
      ),
    ];
  }
  if (entry.trim().toLowerCase() === 'null') {
    return [
      issue(
        'origin-null',
        path,
        `"null" is refused: sandboxed iframes, data: URLs and local files all send Origin: null, so any attacker can`,
        'remove "null" and list the real origins of your front ends',
      ),
    ];
  }
  if (entry.includes('*')) return parseWildcard(entry, context);
  return parseExact(entry, context);
}

function parseExact(
  entry: string,
  { credentials, path }: OriginPatternContext,
): OriginRule | OriginPatternIssue[] {
  let parsed: ReturnType<typeof parseOrigin>;
  try {
    parsed = parseOrigin(entry);
  } catch (e) {
    const message = e instanceof CorsguardError ? e.message : String(e);
    return [
      issue(
        'origin-invalid',
        path,
        message,
        'write the origin as scheme://host[:port], e.g. https://app.example.com',
      ),
    ];
  }
  if (parsed.kind !== 'tuple')
    return [issue('origin-null', path, `"${entry}" is the opaque origin`, 'list real origins')];
  if (parsed.scheme !== 'http' && parsed.scheme !== 'https') {
    return [
      issue(
        'origin-invalid',
        path,
        `"${entry}" uses ${parsed.scheme}:, but browsers send http(s) origins`,
        `write it with https://`,
      ),
    ];
  }
  // URL Standard: port 0 parses, but no server listens on it and no browser sends it in an Origin.
  if (parsed.port === 0) return [portZero(path, entry)];
  const canonical = serializeOrigin(parsed);
  const issues: OriginPatternIssue[] = [];
  if (canonical !== entry) {
    issues.push(
      issue(
        'origin-not-canonical',
        path,
        `"${entry}" is not how a browser serializes this origin, so it would never match`,
        `write "${canonical}" (lower case, punycode, no default port, no trailing slash)`,
      ),
    );
  }
  if (credentials && parsed.scheme === 'http' && !isLoopback(parsed.host)) issues.push(insecure(path, entry));
  return issues.length > 0 ? issues : { kind: 'exact', origin: canonical };
}

// `https://*.example.com[:port|:*]` or `http://localhost:*` (also 127.0.0.1 and [::1]).
const PATTERN = /^(https?):\/\/(\*\.)?(\[::1\]|[^:/*[\]]+)(?::(\d{1,5}|\*))?$/;

function parseWildcard(
  entry: string,
  { credentials, path }: OriginPatternContext,
): OriginRule | OriginPatternIssue[] {
  const m = PATTERN.exec(entry);
  const scheme = m?.[1] as 'http' | 'https' | undefined;
  const sub = m?.[2] !== undefined;
  const host = m?.[3];
  const portText = m?.[4];
  if (!m || scheme === undefined || host === undefined || (!sub && portText !== '*')) {
    return [
      issue(
        'origin-pattern-invalid',
        path,
        `"${entry}" is not a supported pattern`,
        'use https://*.example.com (any subdomain, one * as the whole first label, optionally :port or :* for any port) or http://localhost:* (any port on that loopback host); write other origins exactly',
      ),
    ];
  }
  if (!sub) {
    if (!(LOOPBACK_PATTERN_HOSTS as readonly string[]).includes(host)) {
      return [
        issue(
          'origin-pattern-invalid',
          path,
          `"${entry}": a port wildcard on its own is only allowed on localhost, 127.0.0.1 or [::1]`,
          `list the port explicitly, e.g. ${scheme}://${host}:8080, or write ${scheme}://*.${host}:* for its subdomains`,
        ),
      ];
    }
    return { kind: 'loopback-any-port', scheme, host: host as LoopbackPatternHost };
  }
  const domain = canonicalDomain(host);
  // RFC 1035 §2.3.4: a domain name is at most 253 characters as text; longer never matches.
  if (domain === null || isIpHost(domain) || domain.length > 253) {
    return [
      issue(
        'origin-pattern-invalid',
        path,
        `"${entry}": "${host}" is not a domain name`,
        'write a domain such as https://*.example.com',
      ),
    ];
  }
  const issues: OriginPatternIssue[] = [];
  if (hostSite(domain).registrableDomain === null) {
    issues.push(
      issue(
        'origin-pattern-public-suffix',
        path,
        `"${entry}" matches every site under the public suffix "${domain}", which anyone can register`,
        `name your own domain instead, e.g. ${scheme}://*.your-company.${domain}`,
      ),
    );
  }
  const port = portText === undefined ? null : portText === '*' ? '*' : Number(portText);
  const defaultPort = scheme === 'https' ? 443 : 80;
  if (port === 0) issues.push(portZero(path, entry));
  else if (typeof port === 'number' && (port > 65535 || port === defaultPort || String(port) !== portText)) {
    issues.push(
      issue(
        'origin-not-canonical',
        path,
        `"${entry}" has port ${portText}, which a browser never writes in an Origin`,
        port === defaultPort ? `drop ":${portText}"` : 'use a port from 1 to 65535 without leading zeros',
      ),
    );
  }
  if (domain !== host) {
    issues.push(
      issue('origin-not-canonical', path, `"${entry}" is not canonical`, `write "${scheme}://*.${domain}"`),
    );
  }
  if (credentials && scheme === 'http' && !isLoopback(domain)) issues.push(insecure(path, entry));
  return issues.length > 0 ? issues : { kind: 'subdomains', scheme, domain, port };
}

/**
 * Whether an allowlist entry, valid or not, names this machine ({@link isLoopback}): an exact origin, a
 * loopback any-port pattern, or a subdomain pattern under `localhost`. The host is read by the URL parser
 * (`HTTP://LOCALHOST:3000` and `http://127.1` count), so a misspelt entry is still recognised.
 *
 * @example
 * ```ts
 * namesLoopback('http://localhost:*');      // true
 * namesLoopback('https://*.localhost');     // true
 * namesLoopback('https://app.example.com'); // false
 * ```
 */
export function namesLoopback(entry: string): boolean {
  const text = entry.trim().replace('://*.', '://x.').replace(/:\*$/, '');
  const origin = tryParseOrigin(text);
  return origin?.kind === 'tuple' && isLoopback(origin.host);
}

function canonicalDomain(host: string): string | null {
  try {
    const url = new URL(`https://${host}`);
    return url.hostname === '' ? null : url.hostname;
  } catch {
    return null;
  }
}

function portZero(path: readonly (string | number)[], entry: string): OriginPatternIssue {
  return issue(
    'origin-invalid',
    path,
    `"${entry}" has port 0, which no server listens on and no browser sends in an Origin`,
    'write the port the front end is served from (1 to 65535), or drop it for the default port',
  );
}

function insecure(path: readonly (string | number)[], entry: string): OriginPatternIssue {
  return issue(
    'origin-insecure-credentials',
    path,
    `"${entry}" is http: and credentials are on: anyone on the network path (public Wi-Fi) can inject script into it and read your users' data`,
    'use https:// (http: is accepted only for localhost and loopback)',
  );
}

function issue(
  code: OriginPatternIssueCode,
  path: readonly (string | number)[],
  message: string,
  fix: string,
): OriginPatternIssue {
  return { code, path, message, fix };
}
