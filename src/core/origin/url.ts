const HTTP_PREFIX = /^https?:\/\//i;

/**
 * Whether `text` is an absolute http:// or https:// URL with a host (the only URLs `check`, `init` and a
 * policy file's `urls` accept; `scan` also takes ws:// and wss://).
 *
 * @example
 * ```ts
 * isHttpUrl('https://api.example.com/v1/me'); // true
 * isHttpUrl('ftp://files.example.com/');      // false
 * isHttpUrl('http:api.example.com');          // false (no "//")
 * ```
 */
export function isHttpUrl(text: string): boolean {
  if (!HTTP_PREFIX.test(text) || !URL.canParse(text)) return false;
  return new URL(text).hostname !== '';
}

/**
 * A URL in the WHATWG serialization (`new URL(url).href`: lower-case scheme and host, default port
 * dropped, `/` path for an empty one), or `url` unchanged when it does not parse. Report fingerprints and
 * `--baseline` matching key targets by it, so both must use this one function.
 *
 * @example
 * ```ts
 * normalizeUrl('HTTPS://API.Example.com:443'); // 'https://api.example.com/'
 * normalizeUrl('not a url');                   // 'not a url'
 * ```
 */
export function normalizeUrl(url: string): string {
  return URL.canParse(url) ? new URL(url).href : url;
}
