import { isForbiddenResponseHeaderName } from './forbidden.js';
import { extractHeaderListValues } from './headers.js';
import type { CredentialsMode, HeaderList } from './types.js';

/**
 * Fetch §CORS-safelisted response-header name: response headers script can always read on a CORS
 * response (lower-cased).
 *
 * @example
 * ```ts
 * SAFELISTED_RESPONSE_HEADERS.has('content-type'); // true
 * SAFELISTED_RESPONSE_HEADERS.has('x-request-id'); // false
 * ```
 */
export const SAFELISTED_RESPONSE_HEADERS: ReadonlySet<string> = new Set([
  'cache-control',
  'content-language',
  'content-length',
  'content-type',
  'expires',
  'last-modified',
  'pragma',
]);

/**
 * Names (lower-cased, sorted, unique) of the headers in this CORS response that `response.headers`
 * would expose to script. `Access-Control-Expose-Headers: *` exposes every header only when the request's
 * credentials mode is not `include`; with credentials `*` only matches a header literally named `*`.
 * `Set-Cookie` and `Set-Cookie2` are never readable. An unparsable ACEH exposes nothing extra.
 *
 * @example
 * ```ts
 * readableResponseHeaders([['Content-Type', 'text/plain'], ['X-Id', '1'], ['Access-Control-Expose-Headers', '*']], 'omit');
 * // ['access-control-expose-headers', 'content-type', 'x-id']
 * ```
 */
export function readableResponseHeaders(headers: HeaderList, credentials: CredentialsMode): string[] {
  // Fetch §main fetch: let headerNames be the result of extracting `Access-Control-Expose-Headers`.
  const exposed = extractHeaderListValues(headers, 'access-control-expose-headers');
  const list = Array.isArray(exposed) ? exposed : [];
  // Credentials mode not "include" and headerNames contains `*`: expose all unique header names.
  const all = credentials !== 'include' && list.includes('*');
  const exposedNames = new Set(list.map((name) => name.toLowerCase()));
  const readable = new Set<string>();
  for (const [name] of headers) {
    const lower = name.toLowerCase();
    if (readable.has(lower) || isForbiddenResponseHeaderName(lower)) continue;
    // Fetch §CORS-safelisted response-header name: the fixed list, or an item of the exposed list.
    if (all || SAFELISTED_RESPONSE_HEADERS.has(lower) || exposedNames.has(lower)) readable.add(lower);
  }
  return [...readable].sort();
}
