// The changes a blocked request calls for, read from the answers the server gave, in the order the
// browser checks them (the origin and credentials, the preflight status, methods, headers).
import {
  type CredentialsMode,
  corsCheck,
  corsUnsafeRequestHeaderNames,
  getHeader,
  type HeaderList,
  isSafelistedMethod,
  normalizeMethod,
  preflightCheck,
} from '../../core/browser/index.js';
import { causeOfFailure } from './failure-cause.js';
import { type BrowserRequest, requestHeaderList } from './request.js';
import { ANY_ORIGIN, ANY_ORIGIN_SAMPLE } from './untrusted-origin.js';

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

/** A status and headers the server answered. */
export interface Answer {
  readonly status: number;
  readonly headers: HeaderList;
}

const ACAO = 'access-control-allow-origin';
const ACAC = 'access-control-allow-credentials';
/** The redirect status a console message stands for when it does not quote one. */
export const REDIRECT_UNKNOWN = 399;

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
export function changesFor(
  request: BrowserRequest,
  pre: Answer | undefined,
  res: Answer | undefined,
): Change[] {
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
