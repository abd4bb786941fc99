import {
  type CredentialsMode,
  corsCheck,
  corsUnsafeRequestHeaderNames,
  getHeader,
  type HeaderList,
  isSafelistedMethod,
  normalizeMethod,
  parseTokenList,
  preflightCheck,
} from '../../core/browser/index.js';
import { isCanonicalOrigin } from '../../core/origin/index.js';
import {
  createDecider,
  createPolicy,
  MAX_MAX_AGE,
  type Policy,
  type PolicyInput,
  policyInputOf,
} from '../../core/policy/index.js';
import { diagnoseExchange, type ExchangeInput } from './diagnose-exchange.js';
import { causeOfFailure } from './failure-cause.js';
import { type BrowserRequest, requestHeaderList } from './request.js';
import { ANY_ORIGIN, ANY_ORIGIN_SAMPLE, untrustedOrigin } from './untrusted-origin.js';

/**
 * The stable kinds of change a fix is made of (JSON contract, `docs/explain.md`).
 *
 * @example
 * ```ts
 * const kind: ChangeKind = 'allow-method';
 * ```
 */
export type ChangeKind =
  | 'allow-origin'
  | 'exact-origin'
  | 'single-allow-origin'
  | 'allow-credentials'
  | 'allow-method'
  | 'allow-header'
  | 'answer-preflight'
  | 'preflight-before-auth'
  | 'no-preflight-redirect'
  | 'cors-on-errors'
  | 'allow-websocket-origin';

/**
 * One change the server must make, in plain words.
 *
 * @example
 * ```ts
 * const c: Change = { kind: 'allow-method', stage: 'preflight', value: 'PUT', text: 'List PUT in Access-Control-Allow-Methods…' };
 * ```
 */
export interface Change {
  readonly kind: ChangeKind;
  /** The answer that must change. */
  readonly stage: 'preflight' | 'response';
  /** The method, header name or origin concerned, when there is one. */
  readonly value?: string;
  readonly text: string;
}

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
/** The redirect status a console message stands for when it does not quote one. */
export const REDIRECT_UNKNOWN = 399;
const ACAC = 'access-control-allow-credentials';

interface Answer {
  readonly status: number;
  readonly headers: HeaderList;
}

function answerOf(observed: ExchangeInput['preflight']): Answer | undefined {
  return observed !== undefined && 'status' in observed ? observed : undefined;
}

function tokens(value: string | null): string[] {
  const out: string[] = [];
  return value !== null && parseTokenList(value, out) ? out : [];
}

/** What the server's answers show it already allows: the starting point when there is no policy file. */
function observedInput(request: BrowserRequest, pre?: Answer, res?: Answer): PolicyInput {
  const credentials = request.credentials === 'include';
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

/** The preflight answer with the origin and credentials checks made to pass: to judge methods and headers alone. */
function passingOrigin(request: BrowserRequest, headers: HeaderList): HeaderList {
  const kept = headers.filter(([n]) => n.toLowerCase() !== ACAO && n.toLowerCase() !== ACAC);
  const origin = request.origin === ANY_ORIGIN ? ANY_ORIGIN_SAMPLE : request.origin;
  return [...kept, ['Access-Control-Allow-Origin', origin], ['Access-Control-Allow-Credentials', 'true']];
}

function originChange(
  cause: ReturnType<typeof causeOfFailure>,
  stage: Change['stage'],
  origin: string,
): Change | null {
  const answer = stage === 'preflight' ? 'the preflight answer' : 'the response';
  switch (cause) {
    case 'acao-missing':
    case 'acao-mismatch':
    case 'acao-invalid':
      return {
        kind: 'allow-origin',
        stage,
        value: origin,
        text: `Send Access-Control-Allow-Origin: ${origin} on ${answer}: the exact origin, when it is on your allowlist (never the request's Origin copied back unchecked), with Vary: Origin.`,
      };
    case 'acao-multiple':
      return {
        kind: 'single-allow-origin',
        stage,
        text: `Send Access-Control-Allow-Origin once on ${answer}: two layers add it (often a proxy and the application). Keep the CORS configuration in one of them and remove it from the other.`,
      };
    case 'acao-wildcard-with-credentials':
      return {
        kind: 'exact-origin',
        stage,
        value: origin,
        text: `Send the exact origin ${origin} instead of * on ${answer}: browsers never accept * on a request with cookies. Pick it from an allowlist and add Vary: Origin.`,
      };
    case 'acac-missing':
    case 'acac-not-true':
      return {
        kind: 'allow-credentials',
        stage,
        text: `Send Access-Control-Allow-Credentials: true (exactly "true") on ${answer}, only together with an exact allowed origin.`,
      };
    default:
      return null;
  }
}

// A status of 0 stands for "not known" (a console message that does not quote it).
function statusChange(pre: Answer, location: string | undefined): Change {
  if (pre.status >= 300 && pre.status <= 399) {
    const how = [pre.status === REDIRECT_UNKNOWN ? '' : String(pre.status), location ? `to ${location}` : '']
      .filter((p) => p !== '')
      .join(' ');
    return {
      kind: 'no-preflight-redirect',
      stage: 'preflight',
      ...(location !== undefined ? { value: location } : {}),
      text: `The preflight was redirected${how ? ` (${how})` : ''}; browsers never follow a redirect of a preflight. Call the final URL from the page (the https:// URL, the trailing slash), or answer OPTIONS at this URL without redirecting.`,
    };
  }
  if (pre.status === 0) {
    return {
      kind: 'answer-preflight',
      stage: 'preflight',
      text: 'The preflight did not get a 2xx status. Answer OPTIONS requests on this route with 204 (the CORS middleware does this when mounted before the routes and the authentication layer).',
    };
  }
  if (pre.status === 401 || pre.status === 403) {
    return {
      kind: 'preflight-before-auth',
      stage: 'preflight',
      text: `The preflight was refused with ${pre.status}: a preflight never carries cookies or Authorization, so an authentication layer refuses it. Answer OPTIONS preflights before the authentication middleware (the CORS middleware first, or exempt OPTIONS from auth).`,
    };
  }
  return {
    kind: 'answer-preflight',
    stage: 'preflight',
    text: `The preflight got ${pre.status}; it needs a 2xx status. Answer OPTIONS requests on this route (the CORS middleware does this when mounted before the routes).`,
  };
}

/**
 * The origin and credentials changes of one answer (the CORS check stops at its first failure, so
 * the credentials flag is judged on its own too: `*` with cookies needs both the exact origin and
 * `Access-Control-Allow-Credentials: true`). Returns the CORS check's cause, or null when it passes.
 */
function pushOrigin(
  push: (c: Change | null) => void,
  request: BrowserRequest,
  answer: Answer,
  stage: Change['stage'],
): ReturnType<typeof causeOfFailure> | null {
  const credentials = request.credentials ?? 'same-origin';
  const check = corsCheck({ origin: request.origin, credentials, headers: answer.headers });
  if (check.ok) return null;
  const cause = causeOfFailure(check.failure, answer.headers);
  push(originChange(cause, stage, request.origin));
  if (credentials === 'include' && getHeader(answer.headers, ACAC) !== 'true') {
    push(originChange('acac-missing', stage, request.origin));
  }
  return cause;
}

/** The changes the observed answers call for, in the order the browser checks them. */
function changesFor(request: BrowserRequest, pre: Answer | undefined, res: Answer | undefined): Change[] {
  const changes: Change[] = [];
  const push = (c: Change | null) => {
    if (c !== null && !changes.some((x) => x.kind === c.kind && x.value === c.value)) changes.push(c);
  };
  const credentials: CredentialsMode = request.credentials ?? 'same-origin';
  const origin = request.origin;
  const method = normalizeMethod(request.method ?? 'GET');
  const headers = requestHeaderList(request);
  if (pre !== undefined) {
    if (pre.status < 200 || pre.status > 299 || pre.status === 0) {
      push(statusChange(pre, getHeader(pre.headers, 'location') ?? undefined));
    } else {
      pushOrigin(push, request, pre, 'preflight');
      const passing = { status: pre.status, headers: passingOrigin(request, pre.headers) };
      const base = { origin, method, headers: [], credentials, privateNetwork: false } as const;
      if (!isSafelistedMethod(method) && !preflightCheck(base, passing, 'chromium').result.ok) {
        push({
          kind: 'allow-method',
          stage: 'preflight',
          value: method,
          text: `List ${method} in Access-Control-Allow-Methods on the preflight answer.`,
        });
      }
      for (const name of corsUnsafeRequestHeaderNames(headers)) {
        const one = headers.filter(([n]) => n.toLowerCase() === name);
        // A safelisted method, so only the header is judged.
        if (!preflightCheck({ ...base, method: 'GET', headers: one }, passing, 'chromium').result.ok) {
          push({
            kind: 'allow-header',
            stage: 'preflight',
            value: name,
            text: `List ${name} in Access-Control-Allow-Headers on the preflight answer${name === 'authorization' ? ' by name (* never covers Authorization)' : ''}.`,
          });
        }
      }
    }
  }
  if (res !== undefined) {
    const cause = pushOrigin(push, request, res, 'response');
    if (cause !== null) {
      if (cause === 'acao-missing' && res.status >= 400) {
        push({
          kind: 'cors-on-errors',
          stage: 'response',
          text: `The ${res.status} answer has no CORS headers, so the page cannot even read the error. Send them on every status (nginx: add_header … always; Express: mount the CORS middleware before the routes and the error handler).`,
        });
      }
    }
  }
  return changes;
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
  const base = intent ? policyInputOf(intent) : observedInput(request, pre, res);
  const built = createPolicy(neededInput(request, base));
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
