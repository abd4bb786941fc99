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
 * Escapes text for a Markdown paragraph or table cell, so GitHub (CommonMark + GFM) shows exactly the
 * text: every ASCII punctuation character that can start emphasis, code, a link, a table cell or inline
 * HTML mid-line is backslash-escaped (the report never puts such text at the start of a line, where `-`,
 * `+` or `1.` would matter; CommonMark §2.4: a backslash before ASCII punctuation makes it literal, `\<` and `\&` included, so
 * no tag or entity can form), and newlines become spaces. Nothing is HTML-escaped: `&#39;` would show
 * as written. Not for raw HTML such as `<summary>`, where Markdown is not parsed: use {@link escapeHtml}.
 *
 * @example
 * ```ts
 * escapeMarkdown("it's a|b *c* <x>"); // "it's a\\|b \\*c\\* \\<x\\>"
 * ```
 */
export function escapeMarkdown(text: string): string {
  // A lone CR ends a line too (CommonMark §2.1), so it must not start a heading or a list item.
  return text.replace(/([\\`*_[\]{}|#~!<>&])/g, '\\$1').replace(/\r\n?|\n/g, ' ');
}

/**
 * An inline Markdown code span holding `text` literally: delimited by a backtick run longer than any in
 * the text (CommonMark §6.1), padded when the text starts or ends with a backtick, newlines as spaces.
 * In a GFM table cell a `|` still ends the cell, so it is escaped there (`inTable`).
 *
 * @example
 * ```ts
 * codeSpan('a`b'); // '``a`b``'
 * ```
 */
export function codeSpan(text: string, inTable = false): string {
  const flat = text.replace(/\r\n?|\n/g, ' ');
  const longest = Math.max(0, ...[...flat.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  const body = inTable ? flat.replace(/\|/g, '\\|') : flat;
  return `${fence}${pad}${body}${pad}${fence}`;
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

// C0 and C1 controls (ESC starts a terminal escape sequence, CSI is its 8-bit form), DEL, and the bidi
// overrides that make text display in another order than it is.
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are exactly the characters to replace
const TERMINAL_UNSAFE = /[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;

/**
 * Makes text from a file or the network inert on a terminal: every control character (escape sequences,
 * carriage returns, newlines) and bidi override becomes U+FFFD, so it can neither colour, move the cursor,
 * rewrite earlier lines nor start a line of its own.
 *
 * @example
 * ```ts
 * escapeTerminal('ok\x1b[2J\rfixed'); // 'ok\uFFFD[2J\uFFFDfixed'
 * ```
 */
export function escapeTerminal(text: string): string {
  return text.replace(TERMINAL_UNSAFE, '\uFFFD');
}
