import { isForbiddenRequestHeaderName, isSafelistedMethod, isSendableMethod } from '../browser/index.js';
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
  // Everything that does not depend on the request is built here, once: the hot path below only looks
  // things up and allocates the result (no array spreads, no re-parsing of the policy).
  const credentialHeader: HeaderPair | null = policy.credentials
    ? ['Access-Control-Allow-Credentials', 'true']
    : null;
  const exposeHeader: HeaderPair | null =
    policy.exposeHeaders.length > 0
      ? ['Access-Control-Expose-Headers', policy.exposeHeaders.join(', ')]
      : null;
  const maxAgeHeader: HeaderPair | null =
    policy.maxAge === null ? null : ['Access-Control-Max-Age', String(policy.maxAge)];
  // Access-Control-Allow-Methods pairs of the listed methods, built once.
  const methodPairs = new Map<string, HeaderPair>(
    policy.methods.map((m) => [m, ['Access-Control-Allow-Methods', m] as const]),
  );
  const requestHeaders = new Set(policy.requestHeaders);
  // The answer depends on Origin unless every origin gets the same "*".
  const varyActual = policy.anyOrigin ? null : 'Origin';
  const varyPreflight = [
    ...(policy.anyOrigin ? [] : ['Origin']),
    'Access-Control-Request-Method',
    'Access-Control-Request-Headers',
    ...(policy.privateNetwork ? ['Access-Control-Request-Private-Network'] : []),
  ].join(', ');
  const anyOriginPair: HeaderPair = ['Access-Control-Allow-Origin', '*'];
  const anyOriginActual: readonly HeaderPair[] = Object.freeze(
    exposeHeader === null ? [anyOriginPair] : [anyOriginPair, exposeHeader],
  );
  const notCors: CorsDecision = Object.freeze({
    kind: 'not-cors',
    allowed: policy.anyOrigin,
    headers: policy.anyOrigin ? anyOriginActual : NONE,
    vary: varyActual,
    reason: null,
  });
  // Access-Control-Request-Headers values already judged: browsers send the same few values over and
  // over. Bounded, so distinct values sent by an attacker cost a parse each, never memory.
  const judgedHeaders = new Map<string, HeaderPair | string | null>();

  const refuse = (kind: 'actual' | 'preflight', reason: string): CorsDecision => ({
    kind,
    allowed: false,
    headers: NONE,
    vary: kind === 'preflight' ? varyPreflight : varyActual,
    reason,
  });

  // The Access-Control-Allow-Headers pair for a request's ACRH (null: no names), or the refusal reason.
  const judgeRequestHeaders = (value: string): HeaderPair | string | null => {
    const cached = judgedHeaders.get(value);
    if (cached !== undefined) return cached;
    let verdict: HeaderPair | string | null;
    const names = parseRequestHeaderNames(value);
    if (names === null) verdict = 'Access-Control-Request-Headers is malformed or too long';
    else {
      verdict = names.length > 0 ? ['Access-Control-Allow-Headers', names.join(', ')] : null;
      for (const name of names) {
        // `requestHeaders: ['*']` echoes the requested names, except what "*" never covers: Fetch's CORS
        // non-wildcard request-header name `Authorization` (allowed only when listed explicitly) and the
        // forbidden request-header names, which no browser sends.
        const allowed = policy.anyRequestHeader
          ? name === 'authorization'
            ? requestHeaders.has(name)
            : !isForbiddenRequestHeaderName(name)
          : requestHeaders.has(name);
        if (!allowed) {
          verdict = `request header ${JSON.stringify(name)} is not allowed${policy.anyRequestHeader && name === 'authorization' ? ' ("*" never covers Authorization: list it explicitly)' : ''}`;
          break;
        }
      }
    }
    if (value.length <= 1024) {
      if (judgedHeaders.size >= 256) judgedHeaders.clear();
      judgedHeaders.set(value, verdict);
    }
    return verdict;
  };

  return (request) => {
    const origin = request.origin;
    if (origin === null) return notCors;
    // Fetch §CORS-preflight request: OPTIONS with Origin and Access-Control-Request-Method. Any other
    // OPTIONS is an ordinary request for the app.
    const preflight = request.method === 'OPTIONS' && request.requestMethod !== null;
    const kind = preflight ? 'preflight' : 'actual';
    const match = policy.matchOrigin(origin);
    if (match === null) return refuse(kind, `Origin ${JSON.stringify(origin)} is not allowed by the policy`);
    if (!preflight) {
      if (match === 'any') {
        return { kind, allowed: true, headers: anyOriginActual, vary: varyActual, reason: null };
      }
      const headers: HeaderPair[] = [['Access-Control-Allow-Origin', origin]];
      if (credentialHeader !== null) headers.push(credentialHeader);
      if (exposeHeader !== null) headers.push(exposeHeader);
      return { kind, allowed: true, headers, vary: varyActual, reason: null };
    }
    const method = request.requestMethod ?? '';
    const headers: HeaderPair[] = [match === 'any' ? anyOriginPair : ['Access-Control-Allow-Origin', origin]];
    if (credentialHeader !== null) headers.push(credentialHeader);
    // Fetch §CORS-preflight fetch step 7: a CORS-safelisted method needs no Access-Control-Allow-Methods.
    if (!isSafelistedMethod(method)) {
      const pair = policy.anyMethod
        ? isSendableMethod(method)
          ? (['Access-Control-Allow-Methods', method] as const)
          : undefined
        : methodPairs.get(method);
      if (pair === undefined) {
        return refuse(
          kind,
          `method ${JSON.stringify(method)} is not allowed (allowed: GET, HEAD, POST${policy.methods.map((m) => `, ${m}`).join('')})`,
        );
      }
      headers.push(pair);
    }
    if (request.requestHeaders !== null) {
      const verdict = judgeRequestHeaders(request.requestHeaders);
      if (typeof verdict === 'string') return refuse(kind, verdict);
      if (verdict !== null) headers.push(verdict);
    }
    if (request.requestPrivateNetwork !== null) {
      // Private Network Access §preflight: only an explicitly listed origin may reach a private network.
      if (request.requestPrivateNetwork !== 'true' || !policy.privateNetwork || match !== 'exact') {
        return refuse(
          kind,
          'Private Network Access is granted only to explicitly listed origins when privateNetwork is on',
        );
      }
      headers.push(PRIVATE_NETWORK);
    }
    if (maxAgeHeader !== null) headers.push(maxAgeHeader);
    return { kind, allowed: true, headers, vary: varyPreflight, reason: null };
  };
}

const PRIVATE_NETWORK: HeaderPair = ['Access-Control-Allow-Private-Network', 'true'];
