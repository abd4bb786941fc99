// C0 and C1 controls, DEL, and the Unicode line/paragraph separators and bidi overrides that can
// reorder or break a line where it is shown.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]+/g;
const URL_IN_TEXT = /\b[a-z][a-z0-9+.-]*:\/\/[^\s<>"'`]+/gi;

/**
 * Makes a value from a scanned server safe to show on one line: every control character (CR, LF, tab,
 * NUL, ESC, C1), line separator and bidi override becomes one space, and the result is cut to `max`
 * characters (with `…`). Markup is not escaped here: each sink escapes for its own format.
 *
 * @example
 * ```ts
 * oneLine('a\r\nX-Injected: 1'); // 'a X-Injected: 1'
 * oneLine('x'.repeat(500), 100).length; // 100
 * ```
 */
export function oneLine(value: string, max = 500): string {
  const flat = value.replace(UNSAFE, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, Math.max(0, max - 1))}…`;
}

/**
 * A URL fit for an alert: no `user:pass@`, every query value replaced by `[redacted]` (keys kept), no
 * fragment. A string that is not a URL is returned with anything that looks like userinfo removed.
 *
 * @example
 * ```ts
 * safeUrl('https://bob:hunter2@api.example.com/me?token=abc&x=1#frag');
 * // 'https://api.example.com/me?token=[redacted]&x=[redacted]'
 * ```
 */
export function safeUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return raw.replace(/\/\/[^/@\s]*@/g, '//').replace(/\?.*$/s, '');
  }
  const keys = [...url.searchParams.keys()];
  const base = url.host !== '' ? `${url.protocol}//${url.host}` : url.protocol;
  const query = keys.length > 0 ? `?${keys.map((k) => `${encodeURIComponent(k)}=[redacted]`).join('&')}` : '';
  return `${base}${url.pathname}${query}`;
}

/**
 * {@link oneLine}, with every URL inside the text passed through {@link safeUrl} and every given secret
 * replaced by `[redacted]`: for error messages and drift descriptions, which may quote URLs.
 *
 * @example
 * ```ts
 * scrub('connect to https://u:p@h.example/?k=v failed'); // 'connect to https://h.example/?k=[redacted] failed'
 * scrub('auth failed for s3cret', ['s3cret']); // 'auth failed for [redacted]'
 * ```
 */
export function scrub(value: string, secrets: readonly string[] = [], max = 500): string {
  let text = value;
  for (const secret of secrets) if (secret.length >= 4) text = text.split(secret).join('[redacted]');
  return oneLine(
    text.replace(URL_IN_TEXT, (u) => safeUrl(u)),
    max,
  );
}

const HTML_ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Escapes text for HTML element content and attribute values (`& < > " '`).
 *
 * @example
 * ```ts
 * escapeHtml('<script>alert(1)</script>'); // '&lt;script&gt;alert(1)&lt;/script&gt;'
 * ```
 */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => HTML_ENTITIES[c] ?? c);
}

/**
 * Escapes text for Slack: the three characters Slack's formatting reserves (`&`, `<`, `>`) become
 * entities, so no `<!channel>`, `<@U…>` or `<url|label>` can be injected.
 *
 * @example
 * ```ts
 * escapeSlack('<!channel> & <https://evil|x>'); // '&lt;!channel&gt; &amp; &lt;https://evil|x&gt;'
 * ```
 */
export function escapeSlack(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Escapes text for an Adaptive Card TextBlock, whose text is a Markdown subset: the characters that
 * make links, emphasis, code, headings and tags (backslash, backtick, `* _ [ ] ( ) # | < > ~`) are escaped
 * with a backslash (CommonMark escapes), so a value cannot become a link or formatting. Dots and dashes stay as they
 * are (host names stay readable); values are on one line, so no list can start.
 *
 * @example
 * ```ts
 * escapeMarkdown('[click](https://evil) *x*'); // '\\[click\\]\\(https://evil\\) \\*x\\*'
 * ```
 */
export function escapeMarkdown(value: string): string {
  return value.replace(/[\\`*_[\]()#|<>~]/g, (c) => `\\${c}`);
}

/**
 * Serializes a value as JSON that is inert inside HTML too: `<`, `>`, `&`, U+2028 and U+2029 are
 * written as `\u` escapes (the parsed value is unchanged).
 *
 * @example
 * ```ts
 * safeJson({ t: '<script>' }); // '{"t":"\\u003cscript\\u003e"}'
 * ```
 */
export function safeJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
