import { isSafelistedMethod } from '../browser/safelist.js';
import { parseRequestHeaderNames } from './request-headers.js';
import type { Policy } from './types.js';

/** The CORS-relevant parts of an incoming request, as raw header values (null when absent). */
export interface CorsRequest {
  readonly method: string;
  /** `Origin`; several Origin headers must be passed joined by ", " (they are then refused). */
  readonly origin: string | null;
  readonly requestMethod: string | null;
  readonly requestHeaders: string | null;
  readonly requestPrivateNetwork: string | null;
}

/** A header to add to the response, as [name, value]. */
export type HeaderPair = readonly [name: string, value: string];

/**
 * What the server must answer, by the policy:
 * - `not-cors`: no Origin header; pass through, adding `headers` and `vary`.
 * - `actual`: a CORS request that is not a preflight (plain OPTIONS included); pass it to the app and add
 *   `headers` (empty when refused) and `vary` to its response.
 * - `preflight`: answer it here, without calling the app: `204` with `headers` when allowed; when refused,
 *   no CORS header at all (the status is the caller's choice, 403 by default).
 */
export interface CorsDecision {
  readonly kind: 'not-cors' | 'actual' | 'preflight';
  readonly allowed: boolean;
  readonly headers: readonly HeaderPair[];
  /** Field names to merge into `Vary` (never replacing what the app set), or null. */
  readonly vary: string | null;
  /** Why the request was refused, for debug mode; null when allowed. Never send it in production. */
  readonly reason: string | null;
}

const NONE: readonly HeaderPair[] = Object.freeze([]);

/**
 * Decides the CORS answer for one request: the same function drives the middleware, predicts what a
 * server must answer in `corsguard check`, and is cross-checked against the browser model in tests.
 * Build `decider` once per policy with {@link createDecider}; calling it allocates only the result.
 *
 * @example
 * ```ts
 * const decide = createDecider(createPolicy({ origins: ['https://app.example.com'], credentials: true }));
 * decide({ method: 'GET', origin: 'https://evil.example', requestMethod: null, requestHeaders: null, requestPrivateNetwork: null });
 * // { kind: 'actual', allowed: false, headers: [], vary: 'Origin', reason: 'Origin "https://evil.example" is not allowed by the policy' }
 * ```
 */
export function createDecider(policy: Policy): (request: CorsRequest) => CorsDecision {
  const credentialHeader: HeaderPair[] = policy.credentials
    ? [['Access-Control-Allow-Credentials', 'true']]
    : [];
  const exposeHeader: HeaderPair[] =
    policy.exposeHeaders.length > 0
      ? [['Access-Control-Expose-Headers', policy.exposeHeaders.join(', ')]]
      : [];
  const maxAgeHeader: HeaderPair[] =
    policy.maxAge === null ? [] : [['Access-Control-Max-Age', String(policy.maxAge)]];
  const methods = new Set(policy.methods);
  const requestHeaders = new Set(policy.requestHeaders);
  // The answer depends on Origin unless every origin gets the same "*".
  const varyActual = policy.anyOrigin ? null : 'Origin';
  const varyPreflight = [
    ...(policy.anyOrigin ? [] : ['Origin']),
    'Access-Control-Request-Method',
    'Access-Control-Request-Headers',
    ...(policy.privateNetwork ? ['Access-Control-Request-Private-Network'] : []),
  ].join(', ');
  const anyOriginActual: readonly HeaderPair[] = Object.freeze([
    ['Access-Control-Allow-Origin', '*'],
    ...exposeHeader,
  ]);
  const notCors: CorsDecision = Object.freeze({
    kind: 'not-cors',
    allowed: policy.anyOrigin,
    headers: policy.anyOrigin ? anyOriginActual : NONE,
    vary: varyActual,
    reason: null,
  });

  const refuse = (kind: 'actual' | 'preflight', reason: string): CorsDecision => ({
    kind,
    allowed: false,
    headers: NONE,
    vary: kind === 'preflight' ? varyPreflight : varyActual,
    reason,
  });

  return (request) => {
    const origin = request.origin;
    if (origin === null) return notCors;
    // Fetch §CORS-preflight request: OPTIONS with Origin and Access-Control-Request-Method. Any other
    // OPTIONS is an ordinary request for the app.
    const preflight = request.method === 'OPTIONS' && request.requestMethod !== null;
    const kind = preflight ? 'preflight' : 'actual';
    const match = policy.matchOrigin(origin);
    if (match === null) return refuse(kind, `Origin ${JSON.stringify(origin)} is not allowed by the policy`);
    const allowOrigin: HeaderPair = ['Access-Control-Allow-Origin', match === 'any' ? '*' : origin];
    if (!preflight) {
      return {
        kind,
        allowed: true,
        headers: match === 'any' ? anyOriginActual : [allowOrigin, ...credentialHeader, ...exposeHeader],
        vary: varyActual,
        reason: null,
      };
    }
    const method = request.requestMethod ?? '';
    const headers: HeaderPair[] = [allowOrigin, ...credentialHeader];
    // Fetch §CORS-preflight fetch step 7: a CORS-safelisted method needs no Access-Control-Allow-Methods.
    if (!isSafelistedMethod(method)) {
      if (!(policy.anyMethod ? isMethodToken(method) : methods.has(method))) {
        return refuse(
          kind,
          `method ${JSON.stringify(method)} is not allowed (allowed: GET, HEAD, POST${policy.methods.map((m) => `, ${m}`).join('')})`,
        );
      }
      headers.push(['Access-Control-Allow-Methods', method]);
    }
    if (request.requestHeaders !== null) {
      const names = parseRequestHeaderNames(request.requestHeaders);
      if (names === null) return refuse(kind, 'Access-Control-Request-Headers is malformed or too long');
      if (!policy.anyRequestHeader) {
        for (const name of names) {
          if (!requestHeaders.has(name))
            return refuse(kind, `request header ${JSON.stringify(name)} is not allowed`);
        }
      }
      if (names.length > 0) headers.push(['Access-Control-Allow-Headers', names.join(', ')]);
    }
    if (request.requestPrivateNetwork !== null) {
      // Private Network Access §preflight: only an explicitly listed origin may reach a private network.
      if (request.requestPrivateNetwork !== 'true' || !policy.privateNetwork || match !== 'exact') {
        return refuse(
          kind,
          'Private Network Access is granted only to explicitly listed origins when privateNetwork is on',
        );
      }
      headers.push(['Access-Control-Allow-Private-Network', 'true']);
    }
    headers.push(...maxAgeHeader);
    return { kind, allowed: true, headers, vary: varyPreflight, reason: null };
  };
}

// Fetch: a method is a token; CONNECT, TRACE and TRACK are forbidden and never sent by a browser.
function isMethodToken(method: string): boolean {
  if (!/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(method)) return false;
  const upper = method.toUpperCase();
  return upper !== 'CONNECT' && upper !== 'TRACE' && upper !== 'TRACK';
}
