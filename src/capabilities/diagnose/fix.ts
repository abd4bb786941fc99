import {
  corsUnsafeRequestHeaderNames,
  getHeader,
  type HeaderList,
  isSafelistedMethod,
  normalizeMethod,
  parseTokenList,
} from '../../core/browser/index.js';
import { isCanonicalOrigin } from '../../core/origin/index.js';
import {
  createDecider,
  createPolicy,
  MAX_MAX_AGE,
  type Policy,
  PolicyError,
  type PolicyInput,
  policyInputOf,
} from '../../core/policy/index.js';
import { type Answer, type Change, changesFor } from './changes.js';
import { diagnoseExchange, type ExchangeInput } from './diagnose-exchange.js';
import { type BrowserRequest, requestHeaderList } from './request.js';
import { ANY_ORIGIN, ANY_ORIGIN_SAMPLE, untrustedOrigin } from './untrusted-origin.js';

/**
 * What the fixed server sends instead of what it sent, for one answer (CORS headers and `Vary` only).
 *
 * @example
 * ```ts
 * const d: HeaderDelta = { exchange: 'preflight', removed: [['Access-Control-Allow-Methods', 'GET, POST']], added: [['Access-Control-Allow-Methods', 'PUT']] };
 * ```
 */
export interface HeaderDelta {
  readonly exchange: 'preflight' | 'response';
  readonly removed: HeaderList;
  readonly added: HeaderList;
}

/**
 * The policy of a fix as plain data (what a policy file or middleware options would say).
 *
 * @example
 * ```ts
 * const p: FixPolicy = { origins: ['https://app.example'], credentials: true, methods: ['PUT'], requestHeaders: [], exposeHeaders: [], maxAge: null, privateNetwork: false };
 * ```
 */
export interface FixPolicy {
  readonly origins: readonly string[] | '*';
  readonly credentials: boolean;
  readonly methods: readonly string[];
  readonly requestHeaders: readonly string[];
  readonly exposeHeaders: readonly string[];
  readonly maxAge: number | null;
  readonly privateNetwork: boolean;
}

/**
 * The minimal safe fix of a blocked request: the changes, the whole policy after them (the server's
 * observed behaviour, or the policy file's intent, plus what the request needs), the header delta,
 * and whether the browser model accepts the fixed answers (`verified`; null for WebSocket handshakes,
 * which have no CORS answer to model).
 *
 * @example
 * ```ts
 * const fix: Fix = { changes: [], policy, built, delta: [], verified: true };
 * ```
 */
export interface Fix {
  readonly changes: readonly Change[];
  readonly policy: FixPolicy;
  /** The same policy, built (what the generators render). */
  readonly built: Policy;
  readonly delta: readonly HeaderDelta[];
  readonly verified: boolean | null;
}

const ACAO = 'access-control-allow-origin';
const ACAC = 'access-control-allow-credentials';

function answerOf(observed: ExchangeInput['preflight']): Answer | undefined {
  return observed !== undefined && 'status' in observed ? observed : undefined;
}

function tokens(value: string | null): string[] {
  const out: string[] = [];
  return value !== null && parseTokenList(value, out) ? out : [];
}

/** What the server's answers show it already allows: the starting point when there is no policy file. */
function observedInput(
  request: BrowserRequest,
  pre?: Answer,
  res?: Answer,
  keepCredentials = true,
): PolicyInput {
  // A server that already allows credentials keeps allowing them (other requests of the page may send
  // cookies), unless that cannot be done safely (see fixFor).
  const grantsCredentials = [pre, res].some((a) => a !== undefined && getHeader(a.headers, ACAC) === 'true');
  const credentials = request.credentials === 'include' || (keepCredentials && grantsCredentials);
  const starOk = (list: string[]) => (credentials ? list.filter((v) => v !== '*') : list);
  const allowOrigins = [pre, res].flatMap((a) => (a ? [getHeader(a.headers, ACAO)] : []));
  // A server that says `*` to an anonymous request keeps saying it: adding a method needs no origin change.
  const wildcard = !credentials && allowOrigins.includes('*');
  // An origin the server already grants is kept, unless it is one no fix may grant.
  const others = allowOrigins.filter(
    (o): o is string =>
      o !== null &&
      o !== request.origin &&
      isCanonicalOrigin(o) &&
      untrustedOrigin(o, request.url, request.credentials ?? 'same-origin') === null,
  );
  const methods = starOk(tokens(pre ? getHeader(pre.headers, 'access-control-allow-methods') : null))
    .map(normalizeMethod)
    .filter((m) => m === '*' || !isSafelistedMethod(m));
  const requestHeaders = starOk(
    tokens(pre ? getHeader(pre.headers, 'access-control-allow-headers') : null).map((h) => h.toLowerCase()),
  );
  const exposeHeaders = starOk(tokens(res ? getHeader(res.headers, 'access-control-expose-headers') : null));
  const maxAgeValue = pre ? getHeader(pre.headers, 'access-control-max-age') : null;
  const maxAge = maxAgeValue === null || maxAgeValue === '' ? Number.NaN : Number(maxAgeValue);
  const base = {
    methods,
    requestHeaders,
    exposeHeaders,
    ...(Number.isInteger(maxAge) && maxAge >= 0 && maxAge <= MAX_MAX_AGE ? { maxAge } : {}),
    ...(pre && getHeader(pre.headers, 'access-control-allow-private-network') === 'true'
      ? { privateNetwork: true }
      : {}),
  };
  const origins = request.origin === ANY_ORIGIN ? [] : [...new Set([request.origin, ...others])];
  if (credentials) return { ...base, origins, credentials: true };
  return { ...base, origins: wildcard || request.origin === ANY_ORIGIN ? '*' : origins };
}

/** `base` plus what the request needs: its origin, credentials, method, headers. */
function neededInput(request: BrowserRequest, base: PolicyInput): PolicyInput {
  const credentials = request.credentials === 'include' || base.credentials === true;
  const method = normalizeMethod(request.method ?? 'GET');
  const unsafe = corsUnsafeRequestHeaderNames(requestHeaderList(request));
  const withoutStar = (list: readonly string[] | undefined) =>
    credentials && !base.dangerouslyAllowAnyMethodAndHeaderWithCredentials
      ? (list ?? []).filter((v) => v !== '*')
      : [...(list ?? [])];
  const methods = withoutStar(base.methods);
  if (!isSafelistedMethod(method) && !methods.includes('*') && !methods.includes(method))
    methods.push(method);
  const requestHeaders = withoutStar(base.requestHeaders).map((h) => (h === '*' ? h : h.toLowerCase()));
  for (const name of unsafe) {
    // Fetch §4.7 step 7.6: `*` never covers Authorization; it must be named.
    const covered =
      requestHeaders.includes(name) || (requestHeaders.includes('*') && name !== 'authorization');
    if (!covered) requestHeaders.push(name);
  }
  const { unsafeDynamicOrigin: _dynamic, ...rest } = base;
  const common = {
    ...rest,
    methods,
    requestHeaders,
    exposeHeaders: withoutStar(base.exposeHeaders),
  };
  const listed = base.origins === '*' ? [] : [...base.origins];
  const exact = request.origin !== ANY_ORIGIN && !listed.includes(request.origin);
  const origins = exact ? [...listed, request.origin] : listed;
  if (credentials) return { ...common, origins, credentials: true };
  return { ...common, origins: base.origins === '*' ? '*' : origins, credentials: false };
}

function corsHeaders(headers: HeaderList): HeaderList {
  return headers.filter(([n]) => {
    const name = n.toLowerCase();
    return name.startsWith('access-control-') || name === 'vary';
  });
}

function delta(exchange: HeaderDelta['exchange'], before: HeaderList, after: HeaderList): HeaderDelta {
  const key = ([n, v]: readonly [string, string]) => `${n.toLowerCase()}\n${v}`;
  const had = new Set(before.map(key));
  const has = new Set(after.map(key));
  return {
    exchange,
    removed: before.filter((h) => !has.has(key(h))),
    added: after.filter((h) => !had.has(key(h))),
  };
}

function plain(policy: Policy): FixPolicy {
  const input = policyInputOf(policy);
  return {
    origins: input.origins,
    credentials: policy.credentials,
    methods: input.methods ?? [],
    requestHeaders: input.requestHeaders ?? [],
    exposeHeaders: input.exposeHeaders ?? [],
    maxAge: policy.maxAge,
    privateNetwork: policy.privateNetwork,
  };
}

// The fixed policy: the intent or the observed behaviour, plus the request's needs. Credentials the server
// granted an anonymous request are kept only when the policy can carry them safely (an http origin
// cannot have them): then they are dropped rather than the fix refused.
function buildFixed(request: BrowserRequest, pre?: Answer, res?: Answer, intent?: Policy): Policy {
  if (intent) return createPolicy(neededInput(request, policyInputOf(intent)));
  try {
    return createPolicy(neededInput(request, observedInput(request, pre, res)));
  } catch (err) {
    if (!(err instanceof PolicyError) || request.credentials === 'include') throw err;
    return createPolicy(neededInput(request, observedInput(request, pre, res, false)));
  }
}

/**
 * The minimal safe fix for a blocked request whose origin is meant to be allowed: the changes the
 * observed answers call for, the policy after them (starting from `intent`, the policy file's policy,
 * or else from what the server was seen to allow), what the fixed server would answer (by the same
 * decider the middleware and `check` use) as a header delta, and the browser model's verdict on those
 * answers. Never loosens beyond the request: no reflection, no `*` with credentials, no `null`
 * (callers refuse untrusted origins first, see `untrustedOrigin`).
 *
 * @example
 * ```ts
 * const fix = fixFor({ url: 'https://api.example/v1', origin: 'https://app.example', method: 'PUT' }, {
 *   request, preflight: { status: 204, headers: [['Access-Control-Allow-Origin', 'https://app.example'], ['Access-Control-Allow-Methods', 'GET, POST']] },
 * });
 * fix.changes[0]; // { kind: 'allow-method', stage: 'preflight', value: 'PUT', text: 'List PUT in Access-Control-Allow-Methods…' }
 * fix.verified;   // true
 * ```
 */
export function fixFor(request: BrowserRequest, exchange: ExchangeInput, intent?: Policy): Fix {
  const pre = answerOf(exchange.preflight);
  const res = answerOf(exchange.response);
  const url = new URL(request.url);
  const built = buildFixed(request, pre, res, intent);
  const policy = plain(built);
  if (url.protocol === 'ws:' || url.protocol === 'wss:') {
    const change: Change = {
      kind: 'allow-websocket-origin',
      stage: 'response',
      value: request.origin,
      text: `Accept the WebSocket handshake from ${request.origin}: WebSockets have no CORS, so the server must check the Origin header itself against an allowlist and answer 403 to every other origin.`,
    };
    return { changes: [change], policy, built, delta: [], verified: null };
  }
  const changes = changesFor(request, pre, res);
  const decide = createDecider(built);
  const method = normalizeMethod(request.method ?? 'GET');
  const unsafe = corsUnsafeRequestHeaderNames(requestHeaderList(request));
  const sentOrigin = request.origin === ANY_ORIGIN ? ANY_ORIGIN_SAMPLE : request.origin;
  const afterOf = (decision: ReturnType<typeof decide>): HeaderList => [
    ...decision.headers,
    ...(decision.vary === null ? [] : ([['Vary', decision.vary]] as const)),
  ];
  const afterPreflight = afterOf(
    decide({
      method: 'OPTIONS',
      origin: sentOrigin,
      requestMethod: method,
      requestHeaders: unsafe.length > 0 ? unsafe.join(',') : null,
      requestPrivateNetwork: null,
    }),
  );
  const afterResponse = afterOf(
    decide({
      method,
      origin: sentOrigin,
      requestMethod: null,
      requestHeaders: null,
      requestPrivateNetwork: null,
    }),
  );
  const deltas: HeaderDelta[] = [];
  if (pre !== undefined) deltas.push(delta('preflight', corsHeaders(pre.headers), afterPreflight));
  if (res !== undefined) deltas.push(delta('response', corsHeaders(res.headers), afterResponse));
  const check = diagnoseExchange({
    request: { ...request, origin: sentOrigin },
    preflight: { status: 204, headers: afterPreflight },
    response: { status: res !== undefined && res.status < 400 ? res.status : 200, headers: afterResponse },
  });
  return { changes, policy, built, delta: deltas, verified: check.cause === 'no-error' };
}
