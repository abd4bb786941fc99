import { corsCheck } from './cors-check.js';
import { extractHeaderListValues, getHeader } from './headers.js';
import { effectiveMaxAge } from './max-age.js';
import { corsUnsafeRequestHeaderNames, isSafelistedMethod, normalizeMethod } from './safelist.js';
import type { CheckResult, CorsFailure, CredentialsMode, HeaderList, UserAgent } from './types.js';

/**
 * The actual request a preflight is made for.
 *
 * @example
 * ```ts
 * const req: PreflightRequest = { origin: 'https://app.example', method: 'PUT', headers: [['X-Token', '1']], credentials: 'include' };
 * ```
 */
export interface PreflightRequest {
  /** Serialized origin of the requesting page (`'null'` allowed). */
  readonly origin: string;
  /** The actual request's method; normalized like `fetch()` does (`put` → `PUT`, `patch` stays). */
  readonly method: string;
  /** The actual request's author headers. */
  readonly headers: HeaderList;
  readonly credentials: CredentialsMode;
  /** `Access-Control-Request-Private-Network: true` was sent (Private Network Access). */
  readonly privateNetwork?: boolean;
}

/**
 * How a browser judges a preflight response. The parsed lists and max-age are reported even when
 * `result` is a failure (empty lists when absent or unparsable).
 *
 * @example
 * ```ts
 * const o: PreflightOutcome = { result: { ok: true }, maxAge: 5, allowedMethods: ['PUT'], allowedHeaders: ['x-token'] };
 * ```
 */
export interface PreflightOutcome {
  readonly result: CheckResult;
  /** Seconds the UA would cache the preflight result. */
  readonly maxAge: number;
  /** Parsed `Access-Control-Allow-Methods`, case kept. */
  readonly allowedMethods: readonly string[];
  /** Parsed `Access-Control-Allow-Headers`, lower-cased. */
  readonly allowedHeaders: readonly string[];
}

function fail(failure: CorsFailure, detail: string): CheckResult {
  return { ok: false, failure, detail };
}

// Fetch §CORS-preflight fetch steps 7.1-7.7, after the CORS check and the ok-status check passed.
function judgeAllowLists(
  req: PreflightRequest,
  methods: string[] | null | 'failure',
  headerNames: string[] | null | 'failure',
): CheckResult {
  // Step 7.3: if either methods or headerNames is failure, return a network error.
  if (methods === 'failure') {
    return fail('invalid-allow-methods', 'Access-Control-Allow-Methods is not a comma-separated token list');
  }
  if (headerNames === 'failure') {
    return fail('invalid-allow-headers', 'Access-Control-Allow-Headers is not a comma-separated token list');
  }
  const include = req.credentials === 'include';
  const method = normalizeMethod(req.method);
  const allowed = methods ?? [];
  // Step 7.5: method not in methods (byte-case-sensitive), not safelisted, and `*` does not apply.
  if (!allowed.includes(method) && !isSafelistedMethod(method) && (include || !allowed.includes('*'))) {
    const star = allowed.includes('*') ? ' (* does not count for credentialed requests)' : '';
    return fail('method-not-allowed', `method ${method} is not in Access-Control-Allow-Methods${star}`);
  }
  const names = new Set((headerNames ?? []).map((name) => name.toLowerCase()));
  const star = names.has('*');
  // Step 7.6: a CORS non-wildcard request-header name (`Authorization`) must be listed explicitly.
  for (const [name] of req.headers) {
    if (name.toLowerCase() === 'authorization' && !names.has('authorization')) {
      return fail(
        'header-not-allowed',
        'Authorization must be listed in Access-Control-Allow-Headers; * never covers it',
      );
    }
  }
  // Step 7.7: each CORS-unsafe request-header name must be listed, or `*` without credentials.
  for (const unsafeName of corsUnsafeRequestHeaderNames(req.headers)) {
    if (!names.has(unsafeName) && (include || !star)) {
      const why = star ? ' (* does not count for credentialed requests)' : '';
      return fail(
        'header-not-allowed',
        `request header ${unsafeName} is not in Access-Control-Allow-Headers${why}`,
      );
    }
  }
  return { ok: true };
}

/**
 * Fetch §CORS-preflight fetch steps 7-8: would a browser accept this preflight (OPTIONS) response for
 * the actual request? Applies, in order: the ok-status check (200-299) and the CORS check with the actual
 * request's credentials mode (the CORS check first for `'chromium'`, as Chromium reports it), Private
 * Network Access, then the method and header allow lists.
 *
 * @example
 * ```ts
 * preflightCheck(
 *   { origin: 'https://app.example', method: 'PUT', headers: [['Authorization', 'Bearer x']], credentials: 'omit' },
 *   { status: 204, headers: [['Access-Control-Allow-Origin', '*'], ['Access-Control-Allow-Methods', '*'], ['Access-Control-Allow-Headers', '*']] },
 *   'chromium',
 * ).result; // { ok: false, failure: 'header-not-allowed', ... } — * never covers Authorization
 * ```
 */
export function preflightCheck(
  req: PreflightRequest,
  response: { status: number; headers: HeaderList },
  ua: UserAgent = 'spec',
): PreflightOutcome {
  const { headers, status } = response;
  const methods = extractHeaderListValues(headers, 'access-control-allow-methods');
  const headerNames = extractHeaderListValues(headers, 'access-control-allow-headers');
  // Fetch §CORS-preflight fetch steps 7.8-7.10: max-age, default 5, capped by the UA's limit.
  const maxAge = effectiveMaxAge(getHeader(headers, 'access-control-max-age'), ua);
  const allowedMethods = Array.isArray(methods) ? methods : [];
  const allowedHeaders = Array.isArray(headerNames) ? headerNames.map((name) => name.toLowerCase()) : [];
  const outcome = (result: CheckResult): PreflightOutcome => ({
    result,
    maxAge,
    allowedMethods,
    allowedHeaders,
  });

  // Fetch §CORS-preflight fetch step 7: the CORS check (on the actual request, to use its credentials
  // mode) must pass and the status must be an ok status (200-299). The spec joins the two; which failure
  // a browser names differs: Chromium runs the CORS check first (services/network/public/cpp/cors/cors.cc
  // CheckPreflightAccess: a 403 without Access-Control-Allow-Origin is "No 'Access-Control-Allow-Origin'
  // header"), Firefox and WebKit the status first ("Preflight response is not successful").
  const okStatus = status >= 200 && status <= 299;
  const statusFailure = () =>
    outcome(fail('preflight-status', `preflight status ${status} is not an ok status (200-299)`));
  // A redirect fails before anything is read (Chromium: "Redirect is not allowed for a preflight request").
  const redirect = status >= 300 && status <= 399;
  if (!okStatus && (ua !== 'chromium' || redirect)) return statusFailure();
  const cors = corsCheck({ origin: req.origin, credentials: req.credentials, headers });
  if (!cors.ok) return outcome(cors);
  if (!okStatus) return statusFailure();
  // Private Network Access (WICG draft) §CORS-preflight: ACAPN must be exactly `true`.
  if (req.privateNetwork === true) {
    const allowPrivate = getHeader(headers, 'access-control-allow-private-network');
    if (allowPrivate !== 'true') {
      const seen = allowPrivate === null ? 'absent' : JSON.stringify(allowPrivate);
      return outcome(
        fail('private-network-denied', `Access-Control-Allow-Private-Network is ${seen}, not exactly "true"`),
      );
    }
  }
  return outcome(judgeAllowLists(req, methods, headerNames));
}
