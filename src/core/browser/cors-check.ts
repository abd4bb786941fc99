import { countHeader, getHeader } from './headers.js';
import type { CheckResult, CorsFailure, CredentialsMode, HeaderList } from './types.js';

const OK: CheckResult = Object.freeze({ ok: true });

function fail(failure: CorsFailure, detail: string): CheckResult {
  return { ok: false, failure, detail };
}

/**
 * Fetch §CORS check: would a browser expose this response to a page whose serialized origin is `origin`?
 * `origin` is compared byte-for-byte with the normalized `Access-Control-Allow-Origin` value, so a
 * trailing slash, a path, different case, or an explicit default port (`:443`) all fail. `'null'` is a
 * valid origin (sandboxed iframes, `data:` URLs) and matches `Access-Control-Allow-Origin: null`.
 *
 * @example
 * ```ts
 * corsCheck({ origin: 'https://app.example', credentials: 'omit', headers: [['Access-Control-Allow-Origin', '*']] });
 * // { ok: true }
 * corsCheck({ origin: 'https://app.example', credentials: 'include', headers: [['Access-Control-Allow-Origin', '*']] });
 * // { ok: false, failure: 'wildcard-with-credentials', detail: '...' }
 * ```
 */
export function corsCheck(input: {
  origin: string;
  credentials: CredentialsMode;
  headers: HeaderList;
}): CheckResult {
  const { origin, credentials, headers } = input;
  // Fetch §CORS check step 1: let origin be the result of getting `Access-Control-Allow-Origin`.
  const allowOrigin = getHeader(headers, 'access-control-allow-origin');
  // Fetch §CORS check step 2: if origin is null, return failure.
  if (allowOrigin === null)
    return fail('no-allow-origin', 'response has no Access-Control-Allow-Origin header');
  const include = credentials === 'include';
  // Fetch §CORS check step 3: credentials mode not "include" and origin is `*` → success.
  if (!include && allowOrigin === '*') return OK;
  // Fetch §CORS check step 4: if the byte-serialized request origin is not origin, return failure.
  if (allowOrigin !== origin) {
    if (allowOrigin === '*') {
      return fail(
        'wildcard-with-credentials',
        'Access-Control-Allow-Origin is * but the request includes credentials; * never matches then',
      );
    }
    // Several headers are combined with ", " (Fetch §get), which can never equal a serialized origin.
    if (countHeader(headers, 'access-control-allow-origin') > 1 || allowOrigin.includes(',')) {
      return fail(
        'multiple-allow-origin',
        `Access-Control-Allow-Origin carries several values (${JSON.stringify(allowOrigin)}); exactly one is allowed`,
      );
    }
    return fail(
      'origin-mismatch',
      `Access-Control-Allow-Origin ${JSON.stringify(allowOrigin)} is not byte-for-byte ${JSON.stringify(origin)}`,
    );
  }
  // Fetch §CORS check step 5: credentials mode not "include" → success.
  if (!include) return OK;
  // Fetch §CORS check steps 6-7: `Access-Control-Allow-Credentials` must be exactly `true`.
  const allowCredentials = getHeader(headers, 'access-control-allow-credentials');
  if (allowCredentials === 'true') return OK;
  // Fetch §CORS check step 8: return failure.
  return fail(
    'credentials-not-true',
    allowCredentials === null
      ? 'credentialed request but no Access-Control-Allow-Credentials header'
      : `Access-Control-Allow-Credentials is ${JSON.stringify(allowCredentials)}, not exactly "true"`,
  );
}

/**
 * Can a page at `origin` read this (non-preflighted) response, with cookies (`credentials: 'include'`)
 * and without them (`credentials: 'omit'` / `'same-origin'` on a cross-origin request)?
 *
 * @example
 * ```ts
 * readAccess('https://app.example', [['Access-Control-Allow-Origin', '*'], ['Access-Control-Allow-Credentials', 'true']]);
 * // { withCredentials: false, withoutCredentials: true }
 * ```
 */
export function readAccess(
  origin: string,
  headers: HeaderList,
): { withCredentials: boolean; withoutCredentials: boolean } {
  return {
    withCredentials: corsCheck({ origin, credentials: 'include', headers }).ok,
    withoutCredentials: corsCheck({ origin, credentials: 'omit', headers }).ok,
  };
}
