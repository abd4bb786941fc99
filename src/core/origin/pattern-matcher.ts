import type { OriginRule } from './pattern.js';
import { splitCanonicalOrigin } from './split.js';

/** How an origin matched an allowlist: listed exactly, or through a pattern. */
export type PatternMatch = 'exact' | 'pattern';

/**
 * Compiles an allowlist into a lookup whose cost does not grow with the number of entries: exact origins
 * are one hash lookup; subdomain patterns are one or two hash lookups per label of the request's host (a
 * host has a handful of labels, the allowlist may have 10,000 entries); loopback patterns are one lookup.
 *
 * The request's `Origin` is matched as the browser sent it. A browser always sends the canonical
 * serialization (HTML §ASCII serialization of an origin), so anything else (upper case, a path, a comma
 * from a second Origin header, spaces) is never allowed.
 *
 * @example
 * ```ts
 * const match = compileOriginMatcher([{ kind: 'subdomains', scheme: 'https', domain: 'example.com', port: null }]);
 * match('https://a.b.example.com'); // 'pattern'
 * match('https://example.com');     // null — the apex is not a subdomain
 * match('https://evilexample.com'); // null
 * ```
 */
export function compileOriginMatcher(rules: readonly OriginRule[]): (origin: string) => PatternMatch | null {
  const exact = new Set<string>();
  // Key: "scheme://.domain:port", port "" for the default and "*" for any, e.g. "https://.example.com:".
  const suffixes = new Set<string>();
  let anyPortSuffixes = false;
  // Key: "scheme://host", e.g. "http://localhost": that host on any port.
  const loopbacks = new Set<string>();
  for (const rule of rules) {
    if (rule.kind === 'exact') exact.add(rule.origin);
    else if (rule.kind === 'subdomains') {
      suffixes.add(`${rule.scheme}://.${rule.domain}:${rule.port ?? ''}`);
      if (rule.port === '*') anyPortSuffixes = true;
    } else loopbacks.add(`${rule.scheme}://${rule.host}`);
  }
  const hasPatterns = suffixes.size > 0 || loopbacks.size > 0;
  return (origin) => {
    if (exact.has(origin)) return 'exact';
    if (!hasPatterns) return null;
    const parts = splitCanonicalOrigin(origin);
    if (parts === null) return null;
    const { scheme, host, port } = parts;
    const prefix = `${scheme}://`;
    if (loopbacks.size > 0 && loopbacks.has(prefix + host)) return 'pattern';
    if (suffixes.size === 0) return null;
    // Try ".b.example.com", ".example.com", ".com": every proper suffix that starts at a label boundary.
    const tail = `:${port}`;
    for (let dot = host.indexOf('.'); dot > 0; dot = host.indexOf('.', dot + 1)) {
      const suffix = prefix + host.slice(dot);
      if (suffixes.has(suffix + tail) || (anyPortSuffixes && suffixes.has(`${suffix}:*`))) return 'pattern';
    }
    return null;
  };
}
