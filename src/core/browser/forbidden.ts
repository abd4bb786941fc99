import { isToken } from './headers.js';

// Fetch §forbidden method.
const FORBIDDEN_METHODS: ReadonlySet<string> = new Set(['CONNECT', 'TRACE', 'TRACK']);

// Fetch §forbidden request-header (the names; `Proxy-` and `Sec-` prefixes are checked separately).
const FORBIDDEN_REQUEST_HEADERS: ReadonlySet<string> = new Set([
  'accept-charset',
  'accept-encoding',
  'access-control-request-headers',
  'access-control-request-method',
  'access-control-request-private-network',
  'connection',
  'content-length',
  'cookie',
  'cookie2',
  'date',
  'dnt',
  'expect',
  'host',
  'keep-alive',
  'origin',
  'referer',
  'set-cookie',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'via',
]);

// Fetch §forbidden response-header name: never exposed to script, whatever ACEH says.
const FORBIDDEN_RESPONSE_HEADERS: ReadonlySet<string> = new Set(['set-cookie', 'set-cookie2']);

/**
 * Fetch §forbidden method: `CONNECT`, `TRACE` and `TRACK` (any case). `fetch()` refuses them.
 *
 * @example
 * ```ts
 * isForbiddenMethod('trace'); // true
 * isForbiddenMethod('PATCH'); // false
 * ```
 */
export function isForbiddenMethod(method: string): boolean {
  return FORBIDDEN_METHODS.has(method.toUpperCase());
}

/**
 * A method a browser can send: a token (RFC 9110 §9.1) that is not a {@link isForbiddenMethod forbidden method}.
 *
 * @example
 * ```ts
 * isSendableMethod('PATCH');   // true
 * isSendableMethod('CONNECT'); // false
 * isSendableMethod('GET POST'); // false
 * ```
 */
export function isSendableMethod(method: string): boolean {
  return isToken(method) && !isForbiddenMethod(method);
}

/**
 * Fetch §forbidden request-header name: set by the browser, never by script (`Cookie`, `Host`, `Origin`,
 * `Sec-*`, `Proxy-*`, …), so it never appears in `Access-Control-Request-Headers`.
 *
 * @example
 * ```ts
 * isForbiddenRequestHeaderName('Cookie');         // true
 * isForbiddenRequestHeaderName('Sec-Fetch-Mode'); // true
 * isForbiddenRequestHeaderName('X-Api-Key');      // false
 * ```
 */
export function isForbiddenRequestHeaderName(name: string): boolean {
  const lower = name.toLowerCase();
  return FORBIDDEN_REQUEST_HEADERS.has(lower) || lower.startsWith('sec-') || lower.startsWith('proxy-');
}

/**
 * Fetch §forbidden response-header name: `Set-Cookie` and `Set-Cookie2`, never readable by script.
 *
 * @example
 * ```ts
 * isForbiddenResponseHeaderName('set-cookie'); // true
 * ```
 */
export function isForbiddenResponseHeaderName(name: string): boolean {
  return FORBIDDEN_RESPONSE_HEADERS.has(name.toLowerCase());
}

/**
 * The response headers of the CORS protocol (Fetch §HTTP responses), in canonical case.
 *
 * @example
 * ```ts
 * CORS_RESPONSE_HEADER_NAMES.includes('Access-Control-Max-Age'); // true
 * ```
 */
export const CORS_RESPONSE_HEADER_NAMES: readonly string[] = Object.freeze([
  'Access-Control-Allow-Origin',
  'Access-Control-Allow-Credentials',
  'Access-Control-Allow-Methods',
  'Access-Control-Allow-Headers',
  'Access-Control-Allow-Private-Network',
  'Access-Control-Expose-Headers',
  'Access-Control-Max-Age',
]);
