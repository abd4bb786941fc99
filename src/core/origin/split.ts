/** The three parts of a serialized origin, as text. */
export interface OriginParts {
  readonly scheme: string;
  readonly host: string;
  /** The explicit port as written, `""` when absent. */
  readonly port: string;
}

/** Longest `scheme://host:port` text {@link splitCanonicalOrigin} reads (a DNS name is at most 253). */
const MAX_AUTHORITY = 260;

/**
 * Splits an `Origin` header value into scheme, host and port **only if** it is exactly what a browser
 * sends for an `http:`/`https:` origin with a domain or loopback host (HTML §ASCII serialization of an
 * origin): lower-case `[a-z0-9_-]` DNS labels separated by single dots (what the URL parser serializes for
 * a domain), or `[::1]`; then an optional port of 1–65535 without leading zeros that is not the scheme's
 * default. Anything else yields `null`.
 *
 * It is the pattern matcher's hot path: one linear pass over at most 260 characters, no regex, and no
 * allocation beyond the substrings returned.
 *
 * @example
 * ```ts
 * splitCanonicalOrigin('https://a.example.com:8443'); // { scheme: 'https', host: 'a.example.com', port: '8443' }
 * splitCanonicalOrigin('https://A.example.com');      // null: a browser never sends upper case
 * splitCanonicalOrigin('https://a.example.com:443');  // null: the default port is never written
 * ```
 */
export function splitCanonicalOrigin(origin: string): OriginParts | null {
  let scheme: string;
  let rest: string;
  if (origin.startsWith('https://')) {
    scheme = 'https';
    rest = origin.slice(8);
  } else if (origin.startsWith('http://')) {
    scheme = 'http';
    rest = origin.slice(7);
  } else return null;
  if (rest.length === 0 || rest.length > MAX_AUTHORITY) return null;
  let host = rest;
  let port = '';
  if (rest === '[::1]' || rest.startsWith('[::1]:')) {
    host = '[::1]';
    port = rest.length > 5 ? rest.slice(6) : '';
  } else {
    const colon = rest.indexOf(':');
    if (colon !== -1) {
      host = rest.slice(0, colon);
      port = rest.slice(colon + 1);
    }
    if (!isDnsHost(host)) return null;
  }
  if (rest.endsWith(':') || !isCanonicalPort(port, scheme)) return null;
  return { scheme, host, port };
}

/**
 * Splits any string into scheme, host and port text **without** validating or normalising it: the
 * scheme is what comes before `://` (`""` when there is none, and the whole string is then the host);
 * the port is a trailing `:digits`. For reasoning about origins a server let through (the scanner's probe
 * explanations), which are often deliberately malformed. Use {@link parseOrigin} to validate.
 *
 * @example
 * ```ts
 * splitOriginLoosely('https://app.victim.com_.r.invalid:8443'); // { scheme: 'https', host: 'app.victim.com_.r.invalid', port: '8443' }
 * splitOriginLoosely('null');                                   // { scheme: '', host: 'null', port: '' }
 * ```
 */
export function splitOriginLoosely(origin: string): OriginParts {
  const sep = origin.indexOf('://');
  if (sep === -1) return { scheme: '', host: origin, port: '' };
  const scheme = origin.slice(0, sep);
  const authority = origin.slice(sep + 3);
  let digits = authority.length;
  while (digits > 0 && isDigit(authority.charCodeAt(digits - 1))) digits--;
  if (digits < authority.length && digits > 0 && authority.charCodeAt(digits - 1) === 0x3a) {
    return { scheme, host: authority.slice(0, digits - 1), port: authority.slice(digits) };
  }
  return { scheme, host: authority, port: '' };
}

/** Whether `host` is lower-case `[a-z0-9_-]` labels separated by single dots, without a trailing dot. */
function isDnsHost(host: string): boolean {
  if (host.length === 0 || host.length > 253) return false;
  let labelStart = 0;
  for (let i = 0; i < host.length; i++) {
    const c = host.charCodeAt(i);
    if (c === 0x2e) {
      if (i === labelStart) return false; // empty label
      labelStart = i + 1;
    } else if (!((c >= 0x61 && c <= 0x7a) || isDigit(c) || c === 0x2d || c === 0x5f)) return false;
  }
  return labelStart < host.length; // no trailing dot
}

/** `""`, or 1–65535 without leading zeros and not the scheme's default (URL Standard §port state). */
function isCanonicalPort(port: string, scheme: string): boolean {
  if (port === '') return true;
  if (port.length > 5 || port.charCodeAt(0) === 0x30) return false;
  for (let i = 0; i < port.length; i++) if (!isDigit(port.charCodeAt(i))) return false;
  const n = Number(port);
  return n <= 65535 && n !== (scheme === 'https' ? 443 : 80);
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}
