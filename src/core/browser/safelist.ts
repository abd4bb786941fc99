import { normalizeHeaderValue } from './headers.js';
import { byteLength, mimeEssence, parseSingleRange } from './request-header-values.js';
import type { HeaderList } from './types.js';

const NORMALIZED_METHODS = new Set(['DELETE', 'GET', 'HEAD', 'OPTIONS', 'POST', 'PUT']);

/**
 * Fetch §normalize a method: byte-uppercases DELETE, GET, HEAD, OPTIONS, POST and PUT (what `fetch()`
 * does); every other method, e.g. `patch`, keeps its case and is compared case-sensitively.
 *
 * @example
 * ```ts
 * normalizeMethod('post');  // 'POST'
 * normalizeMethod('patch'); // 'patch'
 * ```
 */
export function normalizeMethod(method: string): string {
  if (method.length > 7) return method;
  const upper = method.toUpperCase();
  return NORMALIZED_METHODS.has(upper) ? upper : method;
}

/**
 * Fetch §CORS-safelisted method: `GET`, `HEAD` or `POST`, byte-for-byte. Pass the method through
 * {@link normalizeMethod} first if it came from user input (`get` is normalized to `GET` by `fetch()`).
 *
 * @example
 * ```ts
 * isSafelistedMethod('POST'); // true
 * isSafelistedMethod('PUT');  // false
 * ```
 */
export function isSafelistedMethod(method: string): boolean {
  return method === 'GET' || method === 'HEAD' || method === 'POST';
}

// Fetch §CORS-unsafe request-header byte: 0x00-0x08, 0x0A-0x1F, " ( ) : < > ? @ [ \ ] { } and 0x7F.
function hasUnsafeByte(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09) || c === 0x7f || '"():<>?@[\\]{}'.includes(value.charAt(i))) return true;
  }
  return false;
}

// Fetch §CORS-safelisted request-header, accept-language / content-language: only 0-9 A-Z a-z space * , - . ; =
function isLanguageValue(value: string): boolean {
  return /^[0-9A-Za-z *,\-.;=]*$/.test(value);
}

const SAFE_CONTENT_TYPES = new Set([
  'application/x-www-form-urlencoded',
  'multipart/form-data',
  'text/plain',
]);

/**
 * Fetch §CORS-safelisted request-header: may a page send this header without a preflight? Checks the
 * 128-byte value limit, the per-header value rules (`Content-Type` must have the MIME essence
 * `application/x-www-form-urlencoded`, `multipart/form-data` or `text/plain`), and `Range: bytes=N-[M]`.
 * The value is normalized (HTTP whitespace stripped) first, as `Headers` does.
 *
 * @example
 * ```ts
 * isSafelistedRequestHeader('Content-Type', 'text/plain;charset=UTF-8'); // true
 * isSafelistedRequestHeader('Content-Type', 'application/json');         // false
 * isSafelistedRequestHeader('X-Requested-With', 'XMLHttpRequest');       // false
 * ```
 */
export function isSafelistedRequestHeader(name: string, value: string): boolean {
  const v = normalizeHeaderValue(value);
  // Fetch §CORS-safelisted request-header step 1: if value's length is greater than 128, return false.
  if (byteLength(v) > 128) return false;
  // Step 2: byte-lowercase name and switch on the result.
  switch (name.toLowerCase()) {
    case 'accept':
      return !hasUnsafeByte(v);
    case 'accept-language':
    case 'content-language':
      return isLanguageValue(v);
    case 'content-type': {
      if (hasUnsafeByte(v)) return false;
      const essence = mimeEssence(v);
      return essence !== null && SAFE_CONTENT_TYPES.has(essence);
    }
    case 'range': {
      const range = parseSingleRange(v);
      // Suffix ranges (`bytes=-500`) are not safelisted: browsers never emitted them.
      return range !== null && range[0] !== null;
    }
    default:
      return false;
  }
}

/**
 * Fetch §CORS-unsafe request-header names: the lower-cased, sorted, unique names of headers that are
 * not safelisted; if the safelisted values together exceed 1024 bytes, every safelisted name is unsafe too.
 *
 * @example
 * ```ts
 * corsUnsafeRequestHeaderNames([['X-B', '1'], ['Accept', '*\/*'], ['x-a', '2'], ['X-A', '3']]); // ['x-a', 'x-b']
 * ```
 */
export function corsUnsafeRequestHeaderNames(headers: HeaderList): string[] {
  const unsafe = new Set<string>();
  const potentiallyUnsafe = new Set<string>();
  let safelistValueSize = 0;
  for (const [name, value] of headers) {
    const lower = name.toLowerCase();
    if (isSafelistedRequestHeader(name, value)) {
      potentiallyUnsafe.add(lower);
      safelistValueSize += byteLength(normalizeHeaderValue(value));
    } else {
      unsafe.add(lower);
    }
  }
  // Fetch §CORS-unsafe request-header names step 5: safelistValueSize greater than 1024.
  if (safelistValueSize > 1024) for (const name of potentiallyUnsafe) unsafe.add(name);
  // Step 6: convert header names to a sorted-lowercase set.
  return [...unsafe].sort();
}

/**
 * Does a request with this method and these author headers need a CORS preflight? Fetch §main fetch:
 * yes when the (normalized) method is not safelisted or any header is CORS-unsafe. Ignores the
 * use-CORS-preflight flag (set by upload listeners on XHR).
 *
 * @example
 * ```ts
 * requiresPreflight('post', [['Content-Type', 'application/x-www-form-urlencoded']]); // false
 * requiresPreflight('POST', [['Content-Type', 'application/json']]);                  // true
 * requiresPreflight('PATCH', []);                                                     // true
 * ```
 */
export function requiresPreflight(method: string, headers: HeaderList): boolean {
  return !isSafelistedMethod(normalizeMethod(method)) || corsUnsafeRequestHeaderNames(headers).length > 0;
}
