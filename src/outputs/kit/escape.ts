const HTML_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Escapes text for HTML element content and quoted attribute values.
 *
 * @example
 * ```ts
 * escapeHtml('<script>"x"</script>'); // '&lt;script&gt;&quot;x&quot;&lt;/script&gt;'
 * ```
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

// XML 1.0 forbids most C0 controls, lone surrogates and U+FFFE/U+FFFF even as character references.
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are exactly the characters to drop
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/g;

/**
 * Escapes text for XML content and attributes, replacing characters XML 1.0 cannot carry with U+FFFD.
 *
 * @example
 * ```ts
 * escapeXml('a < b & "c"\u0001'); // 'a &lt; b &amp; &quot;c&quot;\uFFFD'
 * ```
 */
export function escapeXml(text: string): string {
  return escapeHtml(text.replace(XML_INVALID, '\uFFFD')).replace(/\r/g, '&#13;');
}

/**
 * Escapes text for a Markdown paragraph or table cell: HTML-significant characters, Markdown punctuation
 * that changes formatting, pipes and newlines.
 *
 * @example
 * ```ts
 * escapeMarkdown('a|b *c* <x>'); // 'a\\|b \\*c\\* &lt;x&gt;'
 * ```
 */
export function escapeMarkdown(text: string): string {
  return escapeHtml(text)
    .replace(/([\\`*_[\]{}|#~!])/g, '\\$1')
    .replace(/\r?\n/g, ' ');
}

/**
 * A Markdown fenced code block whose fence is longer than any backtick run in `code`, so no content can
 * close it early.
 *
 * @example
 * ```ts
 * fencedCode('GET /\n```', 'http'); // '````http\nGET /\n```\n````'
 * ```
 */
export function fencedCode(code: string, language = ''): string {
  const longest = Math.max(2, ...[...code.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${language}\n${code}\n${fence}`;
}

/**
 * Serializes a value for embedding in an inline `<script>`: JSON with `<`, `>`, `&` and the JavaScript line
 * separators escaped, so the string can never close the script element.
 *
 * @example
 * ```ts
 * scriptJson('</script><b>'); // '"\\u003c/script\\u003e\\u003cb\\u003e"'
 * ```
 */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}
