/**
 * The hosts a loopback any-port pattern may name; each is its own pattern (`http://[::1]:*`).
 *
 * @example
 * ```ts
 * LOOPBACK_PATTERN_HOSTS.map((host) => `http://${host}:*`); // ['http://localhost:*', 'http://127.0.0.1:*', 'http://[::1]:*']
 * ```
 */
export const LOOPBACK_PATTERN_HOSTS = ['localhost', '127.0.0.1', '[::1]'] as const;

/** A host a loopback any-port pattern names. */
export type LoopbackPatternHost = (typeof LOOPBACK_PATTERN_HOSTS)[number];

/**
 * One parsed allowlist entry (an origin pattern):
 * - `exact`: one origin, in its canonical serialization: `https://app.example.com`;
 * - `subdomains`: `https://*.example.com` — one or more DNS labels in front of `domain`, never `domain`
 *   itself; `port` is a fixed port, `null` for the scheme's default, or `'*'` for any port (the default
 *   included): `https://*.example.com:*`;
 * - `loopback-any-port`: `http://localhost:*` — that one loopback host on any port (the default
 *   included); `http://127.0.0.1:*` and `http://[::1]:*` are separate patterns.
 */
export type OriginRule =
  | { readonly kind: 'exact'; readonly origin: string }
  | {
      readonly kind: 'subdomains';
      readonly scheme: 'http' | 'https';
      /** The parent domain, without the leading dot: `example.com`. */
      readonly domain: string;
      readonly port: number | null | '*';
    }
  | {
      readonly kind: 'loopback-any-port';
      readonly scheme: 'http' | 'https';
      readonly host: LoopbackPatternHost;
    };

/** The regular-expression flavours origin patterns are rendered for. */
export type RegexDialect = 'js' | 'pcre' | 'python';

/**
 * The text of a rule as written in an allowlist, and its canonical key (two rules are the same rule
 * exactly when their texts are equal).
 *
 * @example
 * ```ts
 * patternText({ kind: 'subdomains', scheme: 'https', domain: 'example.com', port: '*' }); // 'https://*.example.com:*'
 * patternText({ kind: 'loopback-any-port', scheme: 'http', host: '[::1]' });            // 'http://[::1]:*'
 * ```
 */
export function patternText(rule: OriginRule): string {
  if (rule.kind === 'exact') return rule.origin;
  if (rule.kind === 'loopback-any-port') return `${rule.scheme}://${rule.host}:*`;
  return `${rule.scheme}://*.${rule.domain}${portSuffix(rule.port)}`;
}

/**
 * A concrete origin the rule allows, always the same one: itself, a `corsguard-check.` subdomain, port
 * 5173 for any-port patterns (what `corsguard check` sends as an allowed origin).
 *
 * @example
 * ```ts
 * sampleOrigin({ kind: 'subdomains', scheme: 'https', domain: 'example.com', port: null }); // 'https://corsguard-check.example.com'
 * sampleOrigin({ kind: 'loopback-any-port', scheme: 'http', host: '127.0.0.1' });          // 'http://127.0.0.1:5173'
 * ```
 */
export function sampleOrigin(rule: OriginRule): string {
  if (rule.kind === 'exact') return rule.origin;
  if (rule.kind === 'loopback-any-port') return `${rule.scheme}://${rule.host}:${SAMPLE_PORT}`;
  const port = rule.port === '*' ? SAMPLE_PORT : rule.port;
  return `${rule.scheme}://corsguard-check.${rule.domain}${portSuffix(port)}`;
}

/**
 * The parent origin of a subdomain pattern (`https://example.com` for `https://*.example.com`), which
 * the pattern must not allow; `null` for other rules.
 *
 * @example
 * ```ts
 * apexOrigin({ kind: 'subdomains', scheme: 'https', domain: 'example.com', port: 8443 }); // 'https://example.com:8443'
 * ```
 */
export function apexOrigin(rule: OriginRule): string | null {
  if (rule.kind !== 'subdomains') return null;
  return `${rule.scheme}://${rule.domain}${portSuffix(rule.port === '*' ? null : rule.port)}`;
}

const SAMPLE_PORT = 5173;
const REGEX_META = /[\\^$.*+?()[\]{}|]/g;
// An optional port as a browser writes it: 1-5 digits, no leading zero. It also admits spellings no
// browser sends (an explicit default port, 65536-99999) that the matcher refuses: never a bypass.
const ANY_PORT = '(:[1-9][0-9]{0,4})?';
// One or more whole DNS labels, as the URL parser serializes a domain (lower case).
const LABELS = '([a-z0-9_-]+\\.)+';

/**
 * Escapes every regular-expression metacharacter so the text matches itself literally in JavaScript,
 * PCRE (nginx, Apache) and Python `re` (Django). `/` is not a metacharacter; a JavaScript `/…/` literal
 * must escape it itself.
 *
 * @example
 * ```ts
 * escapeRegex('https://a.example:8443'); // 'https://a\\.example:8443'
 * ```
 */
export function escapeRegex(text: string): string {
  return text.replace(REGEX_META, '\\$&');
}

/**
 * The anchored regular expression (source text, no delimiters) that matches exactly the origins the rule
 * allows: metacharacters escaped, subdomains as one or more whole DNS labels in front of the escaped
 * parent domain, any port as an optional canonical `:port`. The end anchor is the dialect's
 * end-of-string: `$` in JavaScript (no `m` flag), `\z` in PCRE and `\Z` in Python, where `$` would also
 * match before a trailing newline.
 *
 * @example
 * ```ts
 * originRegex({ kind: 'subdomains', scheme: 'https', domain: 'example.com', port: '*' });
 * // '^https://([a-z0-9_-]+\.)+example\.com(:[1-9][0-9]{0,4})?$'
 * originRegex({ kind: 'loopback-any-port', scheme: 'http', host: '[::1]' }, 'pcre');
 * // '^http://\[::1\](:[1-9][0-9]{0,4})?\z'
 * ```
 */
export function originRegex(rule: OriginRule, dialect: RegexDialect = 'js'): string {
  const end = endAnchor(dialect);
  switch (rule.kind) {
    case 'exact':
      return `^${escapeRegex(rule.origin)}${end}`;
    case 'subdomains': {
      const port = rule.port === '*' ? ANY_PORT : escapeRegex(portSuffix(rule.port));
      return `^${rule.scheme}://${LABELS}${escapeRegex(rule.domain)}${port}${end}`;
    }
    case 'loopback-any-port':
      return `^${rule.scheme}://${escapeRegex(rule.host)}${ANY_PORT}${end}`;
  }
}

/**
 * The end-of-input anchor of a dialect: `$` in JavaScript (no `m` flag), `\\z` in PCRE and `\\Z` in
 * Python, where `$` would also match before a trailing newline.
 *
 * @example
 * ```ts
 * endAnchor('pcre'); // '\\z'
 * ```
 */
export function endAnchor(dialect: RegexDialect): string {
  return dialect === 'js' ? '$' : dialect === 'pcre' ? '\\z' : '\\Z';
}

function portSuffix(port: number | null | '*'): string {
  return port === null ? '' : `:${port}`;
}
