import type { HeaderList } from './types.js';

// Fetch §HTTP whitespace: U+0009 TAB, U+000A LF, U+000D CR, U+0020 SPACE.
function isHttpWhitespace(code: number): boolean {
  return code === 0x09 || code === 0x0a || code === 0x0d || code === 0x20;
}

/**
 * Fetch §normalize a byte sequence: strips leading and trailing HTTP whitespace (TAB, LF, CR, SPACE).
 *
 * @example
 * ```ts
 * normalizeHeaderValue('  true\t'); // 'true'
 * ```
 */
export function normalizeHeaderValue(value: string): string {
  let start = 0;
  let end = value.length;
  while (start < end && isHttpWhitespace(value.charCodeAt(start))) start++;
  while (end > start && isHttpWhitespace(value.charCodeAt(end - 1))) end--;
  return start === 0 && end === value.length ? value : value.slice(start, end);
}

/**
 * Fetch §header list "get": the combined value of every header named `name` (case-insensitive),
 * each normalized and joined with `, `; null when absent.
 *
 * @example
 * ```ts
 * getHeader([['ACAO', 'x'], ['Vary', 'Origin'], ['vary', 'Accept']], 'Vary'); // 'Origin, Accept'
 * getHeader([], 'Vary');                                                         // null
 * ```
 */
export function getHeader(headers: HeaderList, name: string): string | null {
  const wanted = name.toLowerCase();
  const values: string[] = [];
  for (const [headerName, value] of headers) {
    if (headerName.length === wanted.length && headerName.toLowerCase() === wanted) {
      values.push(normalizeHeaderValue(value));
    }
  }
  // Fetch §get step 2: separated from each other by 0x2C 0x20.
  return values.length === 0 ? null : values.join(', ');
}

/**
 * How many headers named `name` (case-insensitive) the list holds.
 *
 * @example
 * ```ts
 * countHeader([['A', '1'], ['a', '2']], 'a'); // 2
 * ```
 */
export function countHeader(headers: HeaderList, name: string): number {
  const wanted = name.toLowerCase();
  let count = 0;
  for (const [headerName] of headers) {
    if (headerName.length === wanted.length && headerName.toLowerCase() === wanted) count++;
  }
  return count;
}

// RFC 9110 §5.6.2 tchar: "!" / "#" / "$" / "%" / "&" / "'" / "*" / "+" / "-" / "." / "^" / "_" / "`" / "|" / "~" / DIGIT / ALPHA
const TCHAR = new Uint8Array(128);
for (const c of "!#$%&'*+-.^_`|~") TCHAR[c.charCodeAt(0)] = 1;
for (let c = 0x30; c <= 0x39; c++) TCHAR[c] = 1;
for (let c = 0x41; c <= 0x5a; c++) TCHAR[c] = 1;
for (let c = 0x61; c <= 0x7a; c++) TCHAR[c] = 1;

/**
 * RFC 9110 §5.6.2: is `text` a non-empty token (the ABNF of methods and field names)?
 *
 * @example
 * ```ts
 * isToken('X-Test'); // true
 * isToken('a b');    // false
 * ```
 */
export function isToken(text: string): boolean {
  if (text.length === 0) return false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 128 || TCHAR[c] !== 1) return false;
  }
  return true;
}

/**
 * RFC 9110 §5.6.1 #token list: elements separated by OWS "," OWS; empty elements are allowed and ignored.
 * Appends the items to `out` (case kept) and returns false as soon as one is not a token. One
 * left-to-right pass with no backtracking, so it is linear in the value's length.
 *
 * @example
 * ```ts
 * const out: string[] = [];
 * parseTokenList('PUT, , DELETE', out); // true; out is ['PUT', 'DELETE']
 * parseTokenList('a b', out);           // false
 * ```
 */
export function parseTokenList(value: string, out: string[]): boolean {
  let start = 0;
  while (start <= value.length) {
    let comma = value.indexOf(',', start);
    if (comma === -1) comma = value.length;
    let a = start;
    let b = comma;
    // RFC 9110 §5.6.3 OWS = *( SP / HTAB ); header values are already normalized at the ends.
    while (a < b && isOws(value.charCodeAt(a))) a++;
    while (b > a && isOws(value.charCodeAt(b - 1))) b--;
    if (b > a) {
      const item = value.slice(a, b);
      if (!isToken(item)) return false;
      out.push(item);
    }
    start = comma + 1;
  }
  return true;
}

function isOws(code: number): boolean {
  return code === 0x20 || code === 0x09;
}

/**
 * Fetch §extract header list values for the #token-list CORS headers (`Access-Control-Allow-Methods`,
 * `Access-Control-Allow-Headers`, `Access-Control-Expose-Headers`): every header named `name` is parsed
 * in order and the items concatenated. Returns null when no such header exists and `'failure'` when any
 * value is not a valid `#token` list (e.g. `header name with space`). Items keep their case.
 *
 * @example
 * ```ts
 * extractHeaderListValues([['Access-Control-Allow-Methods', 'PUT, , DELETE']], 'access-control-allow-methods'); // ['PUT', 'DELETE']
 * extractHeaderListValues([['Access-Control-Allow-Headers', 'a b']], 'access-control-allow-headers');         // 'failure'
 * extractHeaderListValues([], 'access-control-allow-methods');                                              // null
 * ```
 */
export function extractHeaderListValues(headers: HeaderList, name: string): string[] | null | 'failure' {
  const wanted = name.toLowerCase();
  const values: string[] = [];
  let found = false;
  for (const [headerName, value] of headers) {
    if (headerName.length !== wanted.length || headerName.toLowerCase() !== wanted) continue;
    found = true;
    // Fetch §extract header values step 1: if parsing per the header's ABNF fails, return failure.
    if (!parseTokenList(normalizeHeaderValue(value), values)) return 'failure';
  }
  // Fetch §extract header list values step 1: if list does not contain name, return null.
  return found ? values : null;
}
