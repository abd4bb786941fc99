import type { CredentialsMode, HeaderList } from '../../core/browser/index.js';
import {
  CORS_RESPONSE_HEADER_NAMES,
  corsCheck,
  extractHeaderListValues,
  getHeader,
  isSafelistedMethod,
  normalizeMethod,
  preflightCheck,
} from '../../core/browser/index.js';
import type { CorsDecision, Policy } from '../../core/policy/index.js';
import { varyCoversOrigin } from '../scan/index.js';
import type { CheckProbe } from './plan.js';

/** Stable codes of check violations. */
export type ViolationCode =
  | 'origin-refused'
  | 'origin-allowed'
  | 'credentials-missing'
  | 'credentials-unexpected'
  | 'vary-missing'
  | 'expose-missing'
  | 'expose-extra'
  | 'preflight-refused'
  | 'preflight-allowed'
  | 'methods-extra'
  | 'headers-extra'
  | 'max-age-mismatch';

/** A difference between what the policy says the server must answer and what it answered. */
export interface Violation {
  readonly code: ViolationCode;
  readonly probe: string;
  readonly message: string;
  /** The CORS header lines the policy calls for (`Name: value`, or `Name: (absent)`). */
  readonly expected: readonly string[];
  /** The same header lines as observed. */
  readonly observed: readonly string[];
}

/** The response head a server gave to a probe. */
export interface ObservedResponse {
  readonly status: number;
  readonly headers: HeaderList;
}

// The header lines a violation shows: the CORS protocol's response headers, then Vary.
const CORS_HEADERS = [...CORS_RESPONSE_HEADER_NAMES, 'Vary'];

/**
 * Compares one observed response with the policy's decision, judging it the way a browser would
 * (Fetch §CORS check, §CORS-preflight fetch): a refused origin must not be readable with or without
 * credentials; an allowed one must be readable in the policy's credentials mode, with `Vary: Origin`, the
 * exposed headers and the max-age the policy names. Implementation details that do not change what a
 * browser allows (a static method list, 403 vs 204 on refusal) are not violations.
 *
 * @example
 * ```ts
 * compareResponse(policy, probe, decide(probe), { status: 200, headers: [['Access-Control-Allow-Origin', '*']] });
 * // [{ code: 'origin-allowed', message: 'https://evil… can read the response (without cookies) but the policy refuses it', … }]
 * ```
 */
export function compareResponse(
  policy: Policy,
  probe: CheckProbe,
  expected: CorsDecision,
  observed: ObservedResponse,
): Violation[] {
  const mode: CredentialsMode = policy.credentials ? 'include' : 'omit';
  const out: Violation[] = [];
  const violation = (code: ViolationCode, message: string) =>
    out.push({
      code,
      probe: probe.id,
      message,
      expected: expectedLines(expected),
      observed: observedLines(observed.headers),
    });
  const origin = probe.origin ?? 'null';
  const acao = getHeader(observed.headers, 'access-control-allow-origin');
  const acac = getHeader(observed.headers, 'access-control-allow-credentials');

  if (expected.kind === 'preflight' && probe.actual !== undefined) {
    const browser = preflightCheck(
      { origin, method: probe.actual.method, headers: probe.actual.headers, credentials: mode },
      observed,
    );
    if (expected.allowed && !browser.result.ok && browser.result.failure === 'credentials-not-true') {
      violation('credentials-missing', 'the policy allows credentials but the preflight response does not');
    } else if (expected.allowed && !browser.result.ok) {
      violation(
        'preflight-refused',
        `a browser would fail this preflight, which the policy allows: ${browser.result.detail}`,
      );
    } else if (!expected.allowed && browser.result.ok) {
      violation(
        'preflight-allowed',
        `a browser would accept this preflight, which the policy refuses (${expected.reason ?? 'refused'})`,
      );
    }
    if (expected.allowed && browser.result.ok) {
      if (
        policy.maxAge !== null &&
        getHeader(observed.headers, 'access-control-max-age') !== String(policy.maxAge)
      ) {
        violation('max-age-mismatch', `Access-Control-Max-Age should be ${policy.maxAge}`);
      }
      if (!policy.credentials && acac === 'true' && acao === origin) {
        violation('credentials-unexpected', 'the preflight allows credentials, which the policy does not');
      }
      const methods = beyondPolicy(observed.headers, 'access-control-allow-methods', mode, (m) =>
        policy.anyMethod ? true : isSafelistedMethod(m) || policy.methods.includes(normalizeMethod(m)),
      );
      if (methods.length > 0) {
        violation(
          'methods-extra',
          `the preflight answer allows ${methods.join(', ')}, which the policy does not list: a browser may send ${methods.length === 1 ? 'it' : 'them'}`,
        );
      }
      const allowedHeaders = new Set(policy.requestHeaders);
      const headers = beyondPolicy(
        observed.headers,
        'access-control-allow-headers',
        mode,
        (h) => policy.anyRequestHeader || allowedHeaders.has(h.toLowerCase()),
      );
      if (headers.length > 0) {
        violation(
          'headers-extra',
          `the preflight answer allows the request header${headers.length === 1 ? '' : 's'} ${headers.join(', ')}, which the policy does not list`,
        );
      }
    }
    return out;
  }

  if (!expected.allowed) {
    const withCookies = corsCheck({ origin, credentials: 'include', headers: observed.headers }).ok;
    const anonymous = withCookies || corsCheck({ origin, credentials: 'omit', headers: observed.headers }).ok;
    if (anonymous) {
      violation(
        'origin-allowed',
        `${origin} can read the response ${withCookies ? "with the user's cookies" : 'without cookies'}, but the policy refuses it`,
      );
    }
    return out;
  }

  const read = corsCheck({ origin, credentials: mode, headers: observed.headers });
  if (!read.ok) {
    if (read.failure === 'credentials-not-true') {
      violation(
        'credentials-missing',
        'the policy allows credentials but the response does not (Access-Control-Allow-Credentials: true is missing)',
      );
    } else
      violation(
        'origin-refused',
        `${origin} cannot read the response, but the policy allows it: ${read.detail}`,
      );
    return out;
  }
  if (!policy.credentials && acac === 'true' && acao === origin) {
    violation(
      'credentials-unexpected',
      `the response allows ${origin} to read it with cookies, but the policy has credentials: false`,
    );
  }
  if (!policy.anyOrigin && acao !== '*' && !varyCoversOrigin(getHeader(observed.headers, 'vary'))) {
    violation(
      'vary-missing',
      'the answer depends on Origin but the response has no Vary: Origin, so a shared cache can serve it to another origin',
    );
  }
  const exposedObserved = extractHeaderListValues(observed.headers, 'access-control-expose-headers');
  const observedSet = new Set(
    Array.isArray(exposedObserved) ? exposedObserved.map((h) => h.toLowerCase()) : [],
  );
  const expectedSet = new Set(policy.exposeHeaders.map((h) => h.toLowerCase()));
  const missing = [...expectedSet].filter((h) => !observedSet.has(h));
  const extra = [...observedSet].filter((h) => !expectedSet.has(h));
  if (missing.length > 0)
    violation('expose-missing', `Access-Control-Expose-Headers lacks ${missing.join(', ')}`);
  if (extra.length > 0)
    violation(
      'expose-extra',
      `Access-Control-Expose-Headers also exposes ${extra.join(', ')}, which the policy does not`,
    );
  return out;
}

/**
 * The items of a preflight's `Access-Control-Allow-Methods` or `-Headers` that grant more than the policy
 * lists (`listed` says what it lists). `*` grants everything only without credentials (Fetch §CORS-
 * preflight fetch: with credentials it is a literal name, inert), so it counts only then.
 */
function beyondPolicy(
  headers: HeaderList,
  name: string,
  mode: CredentialsMode,
  listed: (item: string) => boolean,
): string[] {
  const items = extractHeaderListValues(headers, name);
  if (!Array.isArray(items)) return [];
  const extra: string[] = [];
  for (const item of items) {
    if (item === '*' ? mode === 'include' || listed(item) : listed(item)) continue;
    if (!extra.some((e) => e.toLowerCase() === item.toLowerCase())) extra.push(item);
  }
  return extra;
}

function expectedLines(decision: CorsDecision): string[] {
  const lines = decision.headers.map(([n, v]) => `${n}: ${v}`);
  if (decision.vary !== null) lines.push(`Vary: ${decision.vary}`);
  return lines.length > 0 ? lines : ['(no CORS headers)'];
}

function observedLines(headers: HeaderList): string[] {
  const lines: string[] = [];
  for (const name of CORS_HEADERS) {
    const lower = name.toLowerCase();
    for (const [n, v] of headers) if (n.toLowerCase() === lower) lines.push(`${name}: ${v}`);
  }
  return lines.length > 0 ? lines : ['(no CORS headers)'];
}
