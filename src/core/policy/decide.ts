import {
  type Cause,
  isForbiddenRequestHeaderName,
  isSafelistedMethod,
  isSendableMethod,
  preflightStatusCause,
} from '../browser/index.js';
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
 *   no CORS header at all, with the status given to {@link createDecider} (403 by default).
 *
 * A refusal also says what the browser will report (`cause`) and which check of the policy refused it
 * (`check`): see {@link CorsRefusal}.
 */
export interface CorsDecision {
  readonly kind: 'not-cors' | 'actual' | 'preflight';
  readonly allowed: boolean;
  readonly headers: readonly HeaderPair[];
  /** Field names to merge into `Vary` (never replacing what the app set), or null. */
  readonly vary: string | null;
  /** Why the request was refused, for debug mode; null when allowed. Never send it in production. */
  readonly reason: string | null;
  /**
   * The cause a browser reports for the refused answer (the code `corsguard explain` gives for the same
   * exchange): `acao-missing` (a refused preflight too: Chromium runs the CORS check before the status
   * check), or `preflight-redirect` when the failure status is a 3xx. Null when allowed, and for a
   * request without Origin (nothing to refuse).
   */
  readonly cause: Cause | null;
  /** Which check of the policy refused it ({@link RefusalCheck}); null exactly when `cause` is. */
  readonly check: RefusalCheck | null;
}

/**
 * The check of the policy that refused a request, named by the cause a browser reports when a server
 * fails only that check: `acao-missing` (the origin is not allowed), `preflight-method` (the method),
 * `preflight-header` (a request header, or an unreadable `Access-Control-Request-Headers`),
 * `local-network` (Private Network Access). On a refused preflight the browser sees no CORS header, so
 * Chromium reports `acao-missing` whatever the method or header; `check` keeps the reason's code.
 *
 * @example
 * ```ts
 * const check: RefusalCheck = 'preflight-method';
 * ```
 */
export type RefusalCheck = Extract<
  Cause,
  'acao-missing' | 'preflight-method' | 'preflight-header' | 'local-network'
>;

/**
 * A refusal as plain data, for logs and `onRefuse`: what the browser reports (`cause`), at which exchange
 * (`stage`), the policy check that refused it (`check`) and the human `reason`.
 *
 * @example
 * ```ts
 * const refusal: CorsRefusal = {
 *   cause: 'acao-missing',
 *   stage: 'preflight',
 *   check: 'preflight-method',
 *   reason: 'method "PUT" is not allowed (allowed: GET, HEAD, POST)',
 * };
 * ```
 */
export interface CorsRefusal {
  readonly cause: Cause;
  readonly stage: 'preflight' | 'response';
  readonly check: RefusalCheck;
  readonly reason: string;
}

/**
 * The refusal a decision carries, or null when it allowed the request or there was nothing to refuse
 * (no Origin).
 *
 * @example
 * ```ts
 * refusalOf(decide({ method: 'GET', origin: 'https://evil.example', requestMethod: null, requestHeaders: null, requestPrivateNetwork: null }));
 * // { cause: 'acao-missing', stage: 'response', check: 'acao-missing', reason: 'Origin "https://evil.example" is not allowed by the policy' }
 * ```
 */
export function refusalOf(decision: CorsDecision): CorsRefusal | null {
  const { cause, check, reason } = decision;
  if (cause === null || check === null) return null;
  return {
    cause,
    stage: decision.kind === 'preflight' ? 'preflight' : 'response',
    check,
    reason: reason ?? 'refused',
  };
}

/**
 * Options of {@link createDecider}.
 *
 * @example
 * ```ts
 * const options: DeciderOptions = { preflightFailureStatus: 400 };
 * ```
 */
export interface DeciderOptions {
  /**
   * The status the caller answers a refused preflight with (the middleware's `preflightFailureStatus`):
   * it decides the `cause` a browser reports. Default `403`.
   */
  readonly preflightFailureStatus?: number | undefined;
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
 * // { kind: 'actual', allowed: false, headers: [], vary: 'Origin',
 * //   reason: 'Origin "https://evil.example" is not allowed by the policy', cause: 'acao-missing', check: 'acao-missing' }
 * decide({ method: 'OPTIONS', origin: 'https://app.example.com', requestMethod: 'PUT', requestHeaders: null, requestPrivateNetwork: null });
 * // { kind: 'preflight', allowed: false, …, cause: 'acao-missing', check: 'preflight-method' } (answered 403)
 * ```
 */
export function createDecider(
  policy: Policy,
  options: DeciderOptions = {},
): (request: CorsRequest) => CorsDecision {
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
    cause: null,
    check: null,
  });
  // Access-Control-Request-Headers values already judged: browsers send the same few values over and
  // over. Bounded, so distinct values sent by an attacker cost a parse each, never memory.
  const judgedHeaders = new Map<string, HeaderPair | string | null>();

  // What the browser reports for a refusal, which carries no CORS header at all. An actual response
  // without Access-Control-Allow-Origin fails Fetch §4.9 CORS check step 2 (acao-missing). A refused
  // preflight fails Fetch §4.7 CORS-preflight fetch step 7: Chromium runs that CORS check before the
  // status check, so it reports the missing header too (acao-missing), unless the status is a redirect,
  // which fails before anything is read (preflight-redirect). Firefox and WebKit name a bad status.
  const preflightCause: Cause =
    preflightStatusCause(options.preflightFailureStatus ?? 403) === 'preflight-redirect'
      ? 'preflight-redirect'
      : 'acao-missing';
  const refuse = (kind: 'actual' | 'preflight', check: RefusalCheck, reason: string): CorsDecision => ({
    kind,
    allowed: false,
    headers: NONE,
    vary: kind === 'preflight' ? varyPreflight : varyActual,
    reason,
    cause: kind === 'preflight' ? preflightCause : 'acao-missing',
    check,
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
    if (match === null) {
      return refuse(kind, 'acao-missing', `Origin ${JSON.stringify(origin)} is not allowed by the policy`);
    }
    if (!preflight) {
      if (match === 'any') {
        return {
          kind,
          allowed: true,
          headers: anyOriginActual,
          vary: varyActual,
          reason: null,
          cause: null,
          check: null,
        };
      }
      const headers: HeaderPair[] = [['Access-Control-Allow-Origin', origin]];
      if (credentialHeader !== null) headers.push(credentialHeader);
      if (exposeHeader !== null) headers.push(exposeHeader);
      return { kind, allowed: true, headers, vary: varyActual, reason: null, cause: null, check: null };
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
          'preflight-method',
          `method ${JSON.stringify(method)} is not allowed (allowed: GET, HEAD, POST${policy.methods.map((m) => `, ${m}`).join('')})`,
        );
      }
      headers.push(pair);
    }
    if (request.requestHeaders !== null) {
      const verdict = judgeRequestHeaders(request.requestHeaders);
      if (typeof verdict === 'string') return refuse(kind, 'preflight-header', verdict);
      if (verdict !== null) headers.push(verdict);
    }
    if (request.requestPrivateNetwork !== null) {
      // Private Network Access §preflight: only an explicitly listed origin may reach a private network.
      if (request.requestPrivateNetwork !== 'true' || !policy.privateNetwork || match !== 'exact') {
        return refuse(
          kind,
          'local-network',
          'Private Network Access is granted only to explicitly listed origins when privateNetwork is on',
        );
      }
      headers.push(PRIVATE_NETWORK);
    }
    if (maxAgeHeader !== null) headers.push(maxAgeHeader);
    return { kind, allowed: true, headers, vary: varyPreflight, reason: null, cause: null, check: null };
  };
}

const PRIVATE_NETWORK: HeaderPair = ['Access-Control-Allow-Private-Network', 'true'];
