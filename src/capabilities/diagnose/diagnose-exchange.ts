import {
  corsCheck,
  corsUnsafeRequestHeaderNames,
  type HeaderList,
  normalizeMethod,
  type PreflightRequest,
  preflightCheck,
  requiresPreflight,
} from '../../core/browser/index.js';
import { CorsguardError } from '../../core/errors/index.js';
import type { Cause, Stage } from './causes.js';
import { causeOfFailure, decidingHeaders } from './failure-cause.js';
import { localNetworkStep, mixedContentStep, type Step } from './pre-checks.js';
import { type BrowserRequest, requestHeaderList } from './request.js';

/**
 * What the server answered: a status and its raw headers (wire order, duplicates kept), with the
 * redirect `Location` when there was one; or a network error (`DNS_FAILURE`, `net::ERR_CONNECTION_REFUSED`…).
 *
 * @example
 * ```ts
 * const a: Observed = { status: 204, headers: [['Access-Control-Allow-Origin', 'https://app.example']] };
 * const b: Observed = { networkError: 'CONNECTION_REFUSED' };
 * ```
 */
export type Observed =
  | { readonly status: number; readonly headers: HeaderList; readonly location?: string }
  | { readonly networkError: string };

/**
 * The input of {@link diagnoseExchange}: the request and the observed answers. `preflight` is needed
 * when the browser would preflight (see `preflightFor`), `response` when the actual request is reached.
 *
 * @example
 * ```ts
 * const input: ExchangeInput = {
 *   request: { url: 'https://api.example/v1', origin: 'https://app.example' },
 *   response: { status: 200, headers: [] },
 * };
 * ```
 */
export interface ExchangeInput {
  readonly request: BrowserRequest;
  readonly preflight?: Observed;
  readonly response?: Observed;
}

/**
 * The headers and values that decided a diagnosis.
 *
 * @example
 * ```ts
 * const e: Evidence = { exchange: 'preflight', status: 204, headers: [['Access-Control-Allow-Methods', 'GET']], method: 'PUT' };
 * ```
 */
export interface Evidence {
  /** Which answer decided it; null when no answer was needed (mixed content) or none came. */
  readonly exchange: Stage;
  readonly status?: number;
  readonly location?: string;
  readonly networkError?: string;
  /** The deciding response headers (e.g. every `Access-Control-Allow-Origin`), wire order. */
  readonly headers: HeaderList;
  /** The method that was not allowed (`preflight-method`). */
  readonly method?: string;
  /** The request header that was not allowed (`preflight-header`), lower-cased. */
  readonly header?: string;
}

/**
 * The result of {@link diagnoseExchange}: plain data, never thrown.
 *
 * @example
 * ```ts
 * const d: Diagnosis = { cause: 'no-error', stage: null, preflightNeeded: false, steps: [], evidence: { exchange: 'response', headers: [] } };
 * ```
 */
export interface Diagnosis {
  readonly cause: Cause;
  readonly stage: Stage;
  readonly preflightNeeded: boolean;
  /** The browser model's steps in order, up to and including the one that failed. */
  readonly steps: readonly Step[];
  readonly evidence: Evidence;
}

function need(observed: Observed | undefined, what: 'preflight' | 'response'): Observed {
  if (observed !== undefined) return observed;
  const why = what === 'preflight' ? 'the browser would send a preflight' : 'the actual request is sent';
  throw new CorsguardError(
    'USAGE',
    `${why}, so give its answer as \`${what}\` (a status and headers, or a networkError)`,
  );
}

// The order of preflight checks for Chromium (preflightCheck with 'chromium'): the CORS check before the
// ok status, then methods, then headers. A redirect fails before any of them is read.
const PREFLIGHT_STEPS = [
  'preflight-cors-check',
  'preflight-status',
  'preflight-methods',
  'preflight-headers',
] as const;
const STEP_OF_CAUSE: Partial<Record<Cause, (typeof PREFLIGHT_STEPS)[number]>> = {
  'preflight-status': 'preflight-status',
  'preflight-redirect': 'preflight-status',
  'preflight-method': 'preflight-methods',
  'preflight-header': 'preflight-headers',
};

// Which request header the preflight refused: the model judged one at a time, in its order
// (Authorization first, Fetch §4.7 step 7.6, then the sorted CORS-unsafe names, step 7.7).
function refusedHeader(
  req: PreflightRequest,
  answer: { status: number; headers: HeaderList },
): string | undefined {
  const names = corsUnsafeRequestHeaderNames(req.headers);
  const ordered = names.includes('authorization')
    ? ['authorization', ...names.filter((n) => n !== 'authorization')]
    : names;
  return ordered.find((name) => {
    const one = req.headers.filter(([n]) => n.toLowerCase() === name);
    return !preflightCheck({ ...req, headers: one }, answer, 'chromium').result.ok;
  });
}

/**
 * Why is this request blocked? Runs the browser model (`corsCheck`, `preflightCheck` of
 * `core/browser`) step by step on the observed answers: mixed content, Local Network Access, whether a
 * preflight is needed, the preflight's checks, then the CORS check of the actual response. Returns the
 * first failing step as a stable `cause` with its evidence, or `no-error`. Throws a `CorsguardError`
 * only for unusable input (`INVALID_URL`, or `USAGE` when an answer the browser would wait for is missing).
 *
 * @example
 * ```ts
 * diagnoseExchange({
 *   request: { url: 'https://api.example/v1', origin: 'https://app.example', method: 'PUT' },
 *   preflight: { status: 204, headers: [['Access-Control-Allow-Origin', 'https://app.example'], ['Access-Control-Allow-Methods', 'GET, POST']] },
 * }).cause; // 'preflight-method'
 * ```
 */
export function diagnoseExchange(input: ExchangeInput): Diagnosis {
  const { request } = input;
  if (!URL.canParse(request.url)) {
    throw new CorsguardError(
      'INVALID_URL',
      `${JSON.stringify(request.url)} is not a URL; write it like https://api.example.com/path`,
    );
  }
  const url = new URL(request.url);
  const steps: Step[] = [];
  const done = (cause: Cause, stage: Stage, preflightNeeded: boolean, evidence: Evidence): Diagnosis => ({
    cause,
    stage,
    preflightNeeded,
    steps,
    evidence,
  });
  const networkError = (observed: { networkError: string }, stage: 'preflight' | 'response', pn: boolean) => {
    steps.push({
      name: `${stage}-network`,
      ok: false,
      detail: `no HTTP answer to the ${stage === 'preflight' ? 'preflight' : 'request'}: ${observed.networkError}`,
    });
    return done('network-error', null, pn, {
      exchange: stage,
      networkError: observed.networkError,
      headers: [],
    });
  };

  const mixed = mixedContentStep(request.origin, url);
  steps.push(mixed);
  if (!mixed.ok) return done('mixed-content', 'response', false, { exchange: null, headers: [] });

  if (url.protocol === 'ws:' || url.protocol === 'wss:') {
    const answer = need(input.response, 'response');
    if ('networkError' in answer) return networkError(answer, 'response', false);
    const ok = answer.status === 101;
    steps.push({
      name: 'websocket-handshake',
      ok,
      detail: ok
        ? '101 Switching Protocols'
        : `handshake answered ${answer.status}, not 101; WebSockets have no CORS, the server refused`,
    });
    return done(ok ? 'no-error' : 'websocket-rejected', ok ? null : 'response', false, {
      exchange: 'response',
      status: answer.status,
      headers: [],
    });
  }

  const local = localNetworkStep(request.origin, url);
  if (local !== null) steps.push(local);
  if (local !== null && !local.ok)
    return done('local-network', 'preflight', true, { exchange: null, headers: [] });

  const method = normalizeMethod(request.method ?? 'GET');
  const headers = requestHeaderList(request);
  const credentials = request.credentials ?? 'same-origin';
  const unsafe = corsUnsafeRequestHeaderNames(headers);
  const preflightNeeded = requiresPreflight(method, headers);
  const why = [
    ...(requiresPreflight(method, []) ? [`method ${method} is not GET, HEAD or POST`] : []),
    ...(unsafe.length > 0 ? [`headers not safelisted: ${unsafe.join(', ')}`] : []),
  ];
  steps.push({
    name: 'preflight-needed',
    ok: true,
    detail: preflightNeeded
      ? `yes: ${why.join('; ')}`
      : 'no: a safelisted method and only safelisted headers',
  });

  if (preflightNeeded) {
    const answer = need(input.preflight, 'preflight');
    if ('networkError' in answer) return networkError(answer, 'preflight', true);
    const req: PreflightRequest = {
      origin: request.origin,
      method,
      headers,
      credentials,
    };
    const outcome = preflightCheck(req, answer, 'chromium');
    if (!outcome.result.ok) {
      const cause = causeOfFailure(outcome.result.failure, answer.headers, answer.status);
      const failed = STEP_OF_CAUSE[cause] ?? 'preflight-cors-check';
      for (const name of cause === 'preflight-redirect' ? [] : PREFLIGHT_STEPS) {
        if (name === failed) break;
        steps.push({ name, ok: true, detail: 'passed' });
      }
      steps.push({ name: failed, ok: false, detail: outcome.result.detail });
      const header = cause === 'preflight-header' ? refusedHeader(req, answer) : undefined;
      const location = answer.location ?? answer.headers.find(([n]) => n.toLowerCase() === 'location')?.[1];
      return done(cause, 'preflight', true, {
        exchange: 'preflight',
        status: answer.status,
        headers: decidingHeaders(cause, answer.headers),
        ...(cause === 'preflight-redirect' && location !== undefined ? { location } : {}),
        ...(cause === 'preflight-method' ? { method } : {}),
        ...(header !== undefined ? { header } : {}),
      });
    }
    for (const name of PREFLIGHT_STEPS) steps.push({ name, ok: true, detail: 'passed' });
  }

  const answer = need(input.response, 'response');
  if ('networkError' in answer) return networkError(answer, 'response', preflightNeeded);
  const check = corsCheck({ origin: request.origin, credentials, headers: answer.headers });
  const evidence = (cause: Cause): Evidence => ({
    exchange: 'response',
    status: answer.status,
    headers: decidingHeaders(cause, answer.headers),
  });
  if (!check.ok) {
    steps.push({ name: 'cors-check', ok: false, detail: check.detail });
    const cause = causeOfFailure(check.failure, answer.headers, answer.status);
    return done(cause, 'response', preflightNeeded, evidence(cause));
  }
  steps.push({
    name: 'cors-check',
    ok: true,
    detail: `the response may be read by ${request.origin} (credentials: ${credentials})`,
  });
  return done('no-error', null, preflightNeeded, evidence('no-error'));
}
