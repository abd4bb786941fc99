import { parseTokenList } from '../browser/index.js';

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
  // RFC 9110 §5.6.1 #token list, parsed in one linear pass by the browser model's parser.
  const names: string[] = [];
  if (!parseTokenList(value, names) || names.length > MAX_REQUEST_HEADER_NAMES) return null;
  for (let i = 0; i < names.length; i++) names[i] = (names[i] as string).toLowerCase();
  return names;
}
