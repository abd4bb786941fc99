import {
  type CredentialsMode,
  corsUnsafeRequestHeaderNames,
  type HeaderList,
  normalizeMethod,
  requiresPreflight,
} from '../../core/browser/index.js';
import { CorsguardError } from '../../core/errors/index.js';

/**
 * The cross-origin request a page makes, as the developer describes it. Headers are names
 * (`'x-request-id'`) or name/value pairs when the value matters for safelisting (`['Accept', 'a/b']`);
 * a bare name is taken with an empty value. `contentType` is the `Content-Type` the page sends.
 *
 * @example
 * ```ts
 * const req: BrowserRequest = {
 *   url: 'https://api.example/v1/items', origin: 'https://app.example', method: 'PUT',
 *   headers: ['X-Request-Id'], credentials: 'include', contentType: 'application/json',
 * };
 * ```
 */
export interface BrowserRequest {
  readonly url: string;
  /** Serialized origin of the page (`'null'` allowed). */
  readonly origin: string;
  /** Default `GET`; normalized like `fetch()` does (`put` → `PUT`). */
  readonly method?: string;
  readonly headers?: ReadonlyArray<string | readonly [name: string, value: string]>;
  /** Default `same-origin`, the `fetch()` default (no cookies on a cross-origin request). */
  readonly credentials?: CredentialsMode;
  readonly contentType?: string;
}

/**
 * The author header list a browser would send for `request` (the given headers, then `Content-Type`).
 *
 * @example
 * ```ts
 * requestHeaderList({ url: 'https://a.example', origin: 'https://b.example', headers: ['X-Id'], contentType: 'text/plain' });
 * // [['X-Id', ''], ['Content-Type', 'text/plain']]
 * ```
 */
export function requestHeaderList(request: BrowserRequest): HeaderList {
  const list: Array<readonly [string, string]> = [];
  for (const header of request.headers ?? []) {
    list.push(typeof header === 'string' ? [header, ''] : [header[0], header[1]]);
  }
  if (request.contentType !== undefined) list.push(['Content-Type', request.contentType]);
  return list;
}

/**
 * The preflight a browser sends before `request`, or null when none is needed.
 *
 * @example
 * ```ts
 * const p: Preflight = {
 *   method: 'OPTIONS', url: 'https://api.example/v1', headers: [['Origin', 'https://app.example'], ['Access-Control-Request-Method', 'PUT']],
 *   requestMethod: 'PUT', requestHeaders: [],
 * };
 * ```
 */
export interface Preflight {
  readonly method: 'OPTIONS';
  readonly url: string;
  /** Exactly the CORS headers of the preflight, in the order browsers send them. */
  readonly headers: HeaderList;
  /** The value of `Access-Control-Request-Method`. */
  readonly requestMethod: string;
  /** The names in `Access-Control-Request-Headers`: lower-cased, sorted, only the CORS-unsafe ones. */
  readonly requestHeaders: readonly string[];
}

/**
 * Which preflight a browser sends for `request` (Fetch §4.7 CORS-preflight fetch steps 1-4): `OPTIONS`
 * with `Origin`, `Access-Control-Request-Method` and, when the request has CORS-unsafe headers,
 * `Access-Control-Request-Headers` (lower-cased, sorted, comma-joined without spaces). Null when the
 * method is safelisted and every header is safelisted (Fetch §4.1 main fetch), so no preflight is sent.
 * No cookies are ever sent with a preflight. Throws a `CorsguardError` (`INVALID_URL`) for a URL that
 * does not parse.
 *
 * @example
 * ```ts
 * preflightFor({ url: 'https://api.example/v1', origin: 'https://app.example', method: 'put', headers: ['X-Request-Id', 'Accept'] });
 * // { method: 'OPTIONS', url: 'https://api.example/v1', requestMethod: 'PUT', requestHeaders: ['x-request-id'],
 * //   headers: [['Origin', 'https://app.example'], ['Access-Control-Request-Method', 'PUT'],
 * //             ['Access-Control-Request-Headers', 'x-request-id']] }
 * preflightFor({ url: 'https://api.example/v1', origin: 'https://app.example' }); // null
 * ```
 */
export function preflightFor(request: BrowserRequest): Preflight | null {
  if (!URL.canParse(request.url)) {
    throw new CorsguardError(
      'INVALID_URL',
      `${JSON.stringify(request.url)} is not a URL; write it like https://api.example.com/path`,
    );
  }
  const method = normalizeMethod(request.method ?? 'GET');
  const list = requestHeaderList(request);
  if (!requiresPreflight(method, list)) return null;
  const unsafe = corsUnsafeRequestHeaderNames(list);
  const headers: Array<readonly [string, string]> = [
    ['Origin', request.origin],
    ['Access-Control-Request-Method', method],
  ];
  // Fetch §4.7 step 4: the names, separated by `,` (no space), only when the list is not empty.
  if (unsafe.length > 0) headers.push(['Access-Control-Request-Headers', unsafe.join(',')]);
  return { method: 'OPTIONS', url: request.url, headers, requestMethod: method, requestHeaders: unsafe };
}
