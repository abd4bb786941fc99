import type { OriginMatch, OriginRule } from './types.js';

/**
 * Compiles an allowlist into a lookup whose cost does not grow with the number of entries: exact origins
 * are one hash lookup; subdomain patterns are one hash lookup per label of the request's host (a host has a
 * handful of labels, the allowlist may have 10,000 entries); loopback patterns are a fixed check.
 *
 * The request's `Origin` is matched as the browser sent it. A browser always sends the canonical
 * serialization, so anything else (upper case, a path, a comma from a second Origin header, spaces) is
 * never allowed.
 *
 * @example
 * ```ts
 * const match = compileOriginMatcher([{ kind: 'subdomains', scheme: 'https', domain: 'example.com', port: null }]);
 * match('https://a.b.example.com'); // 'pattern'
 * match('https://example.com');     // null — the apex is not a subdomain
 * match('https://evilexample.com'); // null
 * ```
 */
export function compileOriginMatcher(rules: readonly OriginRule[]): (origin: string) => OriginMatch | null {
  const exact = new Set<string>();
  // Key: "scheme://.domain:port" (port "" for the default), e.g. "https://.example.com:".
  const suffixes = new Set<string>();
  const loopbackSchemes = new Set<string>();
  for (const rule of rules) {
    if (rule.kind === 'exact') exact.add(rule.origin);
    else if (rule.kind === 'subdomains') suffixes.add(`${rule.scheme}://.${rule.domain}:${rule.port ?? ''}`);
    else loopbackSchemes.add(rule.scheme);
  }
  const hasPatterns = suffixes.size > 0 || loopbackSchemes.size > 0;
  return (origin) => {
    if (exact.has(origin)) return 'exact';
    if (!hasPatterns) return null;
    const parts = splitOrigin(origin);
    if (parts === null) return null;
    const { scheme, host, port } = parts;
    if (loopbackSchemes.has(scheme) && (host === 'localhost' || host === '127.0.0.1' || host === '[::1]')) {
      return 'pattern';
    }
    if (suffixes.size === 0) return null;
    // Try ".b.example.com", ".example.com", ".com": every proper suffix that starts at a label boundary.
    const prefix = `${scheme}://`;
    const tail = `:${port}`;
    for (let dot = host.indexOf('.'); dot > 0; dot = host.indexOf('.', dot + 1)) {
      if (suffixes.has(prefix + host.slice(dot) + tail)) return 'pattern';
    }
    return null;
  };
}

interface OriginParts {
  readonly scheme: string;
  readonly host: string;
  /** The explicit port as written, "" when absent. */
  readonly port: string;
}

// A lower-case DNS host of [a-z0-9-_] labels separated by single dots (what the URL parser serializes for
// a domain), or a loopback literal; then an optional canonical port. Anything else cannot match a pattern.
function splitOrigin(origin: string): OriginParts | null {
  let scheme: string;
  let rest: string;
  if (origin.startsWith('https://')) {
    scheme = 'https';
    rest = origin.slice(8);
  } else if (origin.startsWith('http://')) {
    scheme = 'http';
    rest = origin.slice(7);
  } else return null;
  if (rest.length === 0 || rest.length > 260) return null;
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

function isDnsHost(host: string): boolean {
  if (host.length === 0 || host.length > 253) return false;
  let labelStart = 0;
  for (let i = 0; i < host.length; i++) {
    const c = host.charCodeAt(i);
    if (c === 0x2e) {
      if (i === labelStart) return false; // empty label
      labelStart = i + 1;
    } else if (!((c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x5f))
      return false;
  }
  return labelStart < host.length; // no trailing dot
}

function isCanonicalPort(port: string, scheme: string): boolean {
  if (port === '') return true;
  if (port.length > 5 || port.charCodeAt(0) === 0x30) return false;
  for (let i = 0; i < port.length; i++) {
    const c = port.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
  }
  const n = Number(port);
  return n <= 65535 && n !== (scheme === 'https' ? 443 : 80);
}
