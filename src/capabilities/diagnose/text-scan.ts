// ReDoS-safe text helpers for console messages: only indexOf/slice and single-pass loops, no regular
// expression with a quantifier over a group, so every helper is linear in the input.

const QUOTES: Readonly<Record<string, string>> = { '‘': "'", '’': "'", '“': '"', '”': '"', '`': '`' };

/**
 * Normalizes a pasted console message in one pass: curly quotes to straight ones, every run of
 * whitespace (line breaks of a wrapped paste) to one space, trimmed.
 *
 * @example
 * ```ts
 * normalizeMessage('Reason: CORS header ‘Origin’\n  cannot be added'); // "Reason: CORS header 'Origin' cannot be added"
 * ```
 */
export function normalizeMessage(text: string): string {
  let out = '';
  let space = false;
  for (const ch of text) {
    if (ch === ' ' || ch === '\n' || ch === '\r' || ch === '\t' || ch === '\u00a0') {
      space = out.length > 0;
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += QUOTES[ch] ?? ch;
  }
  return out;
}

/**
 * The text between the first `open` at or after `from` and the next `close`; undefined when either is missing.
 *
 * @example
 * ```ts
 * between("at 'https://a.example/x' from", "at '", "'"); // 'https://a.example/x'
 * ```
 */
export function between(text: string, open: string, close: string, from = 0): string | undefined {
  const start = text.indexOf(open, from);
  if (start < 0) return undefined;
  const end = text.indexOf(close, start + open.length);
  return end < 0 ? undefined : text.slice(start + open.length, end);
}

/**
 * The decimal number right after `label` (e.g. `Status code: 405`), or undefined.
 *
 * @example
 * ```ts
 * numberAfter('... Status code: 405.', 'Status code: '); // 405
 * ```
 */
export function numberAfter(text: string, label: string): number | undefined {
  const at = text.indexOf(label);
  if (at < 0) return undefined;
  let i = at + label.length;
  let digits = '';
  while (i < text.length && digits.length < 4 && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57)
    digits += text.charAt(i++);
  return digits === '' ? undefined : Number(digits);
}

/**
 * The first space-free word after `label`, without trailing punctuation (`.`, `,`, `)`), or undefined.
 *
 * @example
 * ```ts
 * wordAfter('Method PUT is not allowed', 'Method '); // 'PUT'
 * ```
 */
export function wordAfter(text: string, label: string, from = 0): string | undefined {
  const at = text.indexOf(label, from);
  if (at < 0) return undefined;
  const start = at + label.length;
  let end = text.indexOf(' ', start);
  if (end < 0) end = text.length;
  let word = text.slice(start, end);
  while (word.length > 0 && '.,)'.includes(word.charAt(word.length - 1))) word = word.slice(0, -1);
  return word === '' ? undefined : word;
}

/**
 * The serialized origin of `url`, or undefined when it is not an http(s)/ws(s) URL.
 *
 * @example
 * ```ts
 * originOf('https://app.example/page?x=1'); // 'https://app.example'
 * ```
 */
export function originOf(url: string): string | undefined {
  if (!URL.canParse(url)) return undefined;
  const origin = new URL(url).origin;
  return origin === 'null' ? undefined : origin;
}
