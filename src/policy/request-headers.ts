/** At most this many characters of `Access-Control-Request-Headers` are read; a longer value is refused. */
export const MAX_REQUEST_HEADERS_LENGTH = 4096;
/** At most this many names in one `Access-Control-Request-Headers`; more is refused. */
export const MAX_REQUEST_HEADER_NAMES = 64;

/**
 * Parses `Access-Control-Request-Headers` (Fetch §CORS-preflight request: the sorted, lower-cased,
 * comma-separated names of the CORS-unsafe request headers) into lower-case names, in one linear pass
 * with hard caps. Order, case, optional whitespace and empty elements are tolerated; an invalid name, a
 * value over {@link MAX_REQUEST_HEADERS_LENGTH} characters or more than {@link MAX_REQUEST_HEADER_NAMES}
 * names yields `null` (refuse the preflight).
 *
 * @example
 * ```ts
 * parseRequestHeaderNames('X-Api-Key , authorization'); // ['x-api-key', 'authorization']
 * parseRequestHeaderNames('bad name');                  // null
 * ```
 */
export function parseRequestHeaderNames(value: string): string[] | null {
  if (value.length > MAX_REQUEST_HEADERS_LENGTH) return null;
  const names: string[] = [];
  // One left-to-right pass: every character is looked at a bounded number of times (no re-splitting).
  let pos = 0;
  while (pos <= value.length) {
    let comma = value.indexOf(',', pos);
    if (comma === -1) comma = value.length;
    let a = pos;
    let b = comma;
    // RFC 9110 §5.6.3 OWS around list elements; empty elements are ignored (§5.6.1).
    while (a < b && isOws(value.charCodeAt(a))) a++;
    while (b > a && isOws(value.charCodeAt(b - 1))) b--;
    if (b > a) {
      for (let i = a; i < b; i++) if (!isTchar(value.charCodeAt(i))) return null;
      if (names.length === MAX_REQUEST_HEADER_NAMES) return null;
      names.push(value.slice(a, b).toLowerCase());
    }
    pos = comma + 1;
  }
  return names;
}

function isOws(c: number): boolean {
  return c === 0x20 || c === 0x09;
}

// RFC 9110 §5.6.2 tchar.
const TCHAR = new Uint8Array(128);
for (const c of "!#$%&'*+-.^_`|~") TCHAR[c.charCodeAt(0)] = 1;
for (let c = 0x30; c <= 0x39; c++) TCHAR[c] = 1;
for (let c = 0x41; c <= 0x5a; c++) TCHAR[c] = 1;
for (let c = 0x61; c <= 0x7a; c++) TCHAR[c] = 1;

function isTchar(c: number): boolean {
  return c < 128 && TCHAR[c] === 1;
}
