import type { HeaderList } from '../../core/browser/index.js';
import { apexOrigin, parseTupleOrigin, sampleOrigin } from '../../core/origin/index.js';
import type { CorsRequest, Policy } from '../../core/policy/index.js';
import { bypassProbes, generalHostileProbes } from '../../core/probes/index.js';

/** One request `check` sends, with the browser-side facts needed to judge the answer. */
export interface CheckProbe extends CorsRequest {
  /** Stable, human-readable id (the same for every run of the same policy): `allowed https://app.example.com GET`. */
  readonly id: string;
  /** Whether the origin is one the policy allows (`allowed`) or one derived to attack it (`hostile`). */
  readonly side: 'allowed' | 'hostile';
  /** For preflights: the actual request the browser is asking about. */
  readonly actual?: { readonly method: string; readonly headers: HeaderList };
}

/** The fixed label of hostile origins, so a check sends the same requests on every run. */
export const CHECK_CONTEXT = Object.freeze({ label: 'corsguard-check', attacker: 'corsguard-check.invalid' });
/** Bypass origins are derived from at most this many allowed origins (a 10,000-origin list stays bounded). */
export const MAX_BYPASS_BASES = 50;
/**
 * Methods a policy may not list, each asked for in a preflight unless the policy lists it (or allows any):
 * proves the server does not allow more than the policy says.
 */
const COMMON_METHODS = ['PUT', 'PATCH', 'DELETE'] as const;
/** Per-method preflights are sent for at most this many allowed origins (a long allowlist stays bounded). */
export const MAX_METHOD_ORIGINS = 50;

/** Options of {@link planCheck}. */
export interface PlanOptions {
  /**
   * Origins allowed elsewhere in the environment (other path policies, the default): each is also sent
   * here, as a hostile GET unless this policy allows it, so an allowlist leaking between paths shows.
   */
  readonly otherOrigins?: readonly string[];
}
const UNLISTED_HEADER = 'x-corsguard-unlisted';

/**
 * The fixed, reproducible request set of `corsguard check` for one policy: for every allowed origin (a
 * sample subdomain for `https://*.example.com`, a sample port for `http://localhost:*`) a simple GET and a
 * preflight for the policy's methods and headers, plus preflights with a method and a header the policy
 * does not allow; then hostile origins derived by the scanner's bypass generators, `null`, local
 * development origins and shared-hosting sites, as GETs (and preflights for the most common ones).
 *
 * @example
 * ```ts
 * planCheck(createPolicy({ origins: ['https://app.example.com'], credentials: true })).map((p) => p.id);
 * // ['allowed https://app.example.com GET', 'allowed https://app.example.com preflight GET', …,
 * //  'hostile https://app.example.com.corsguard-check.invalid GET', …, 'hostile null GET', …]
 * ```
 */
export function planCheck(policy: Policy, options: PlanOptions = {}): CheckProbe[] {
  const probes: CheckProbe[] = [];
  const seen = new Set<string>();
  const add = (probe: CheckProbe) => {
    if (seen.has(probe.id)) return;
    seen.add(probe.id);
    probes.push(probe);
  };
  const allowed = policy.anyOrigin ? ['https://corsguard-check.invalid'] : policy.rules.map(sampleOrigin);
  const listed = policy.methods.filter((m) => m !== 'GET' && m !== 'HEAD' && m !== 'POST');
  const method = listed[0] ?? 'GET';
  const headers: HeaderList = policy.requestHeaders.map((h) => [h, 'corsguard']);
  const unlisted = policy.anyMethod ? [] : COMMON_METHODS.filter((m) => !policy.methods.includes(m));
  allowed.forEach((origin, i) => {
    add(simple('allowed', origin));
    add(preflight('allowed', origin, method, headers));
    // Every policy method, and the common methods it does not list, are asked for: a method the
    // deployment stopped allowing, or one it allows beyond the policy, is a violation. Past the first
    // origins of a long allowlist the per-method preflights are left out (bounded requests).
    if (i >= MAX_METHOD_ORIGINS) return;
    for (const m of listed.slice(1)) add(preflight('allowed', origin, m, headers));
    for (const m of unlisted) add(preflight('allowed', origin, m, []));
    if (!policy.anyRequestHeader) add(preflight('allowed', origin, 'GET', [[UNLISTED_HEADER, '1']]));
  });
  if (policy.anyOrigin) return probes;

  const hostile: string[] = [];
  for (const rule of policy.rules.slice(0, MAX_BYPASS_BASES)) {
    for (const p of bypassProbes(parseTupleOrigin(sampleOrigin(rule)), CHECK_CONTEXT)) hostile.push(p.origin);
    const apex = apexOrigin(rule);
    if (apex !== null) hostile.push(apex);
  }
  const general = generalHostileProbes(CHECK_CONTEXT).map((p) => p.origin);
  // Origins another policy of the environment allows (another path, the default) must not leak here.
  for (const origin of options.otherOrigins ?? []) hostile.push(origin);
  for (const origin of [...general, ...hostile]) {
    if (policy.matchOrigin(origin) !== null) continue;
    add(simple('hostile', origin));
  }
  // Preflights from the two origins every attacker has: an arbitrary site and a sandboxed iframe.
  for (const origin of general.slice(0, 2)) add(preflight('hostile', origin, method, headers));
  return probes;
}

function simple(side: CheckProbe['side'], origin: string): CheckProbe {
  return {
    id: `${side} ${origin} GET`,
    side,
    method: 'GET',
    origin,
    requestMethod: null,
    requestHeaders: null,
    requestPrivateNetwork: null,
  };
}

function preflight(
  side: CheckProbe['side'],
  origin: string,
  method: string,
  headers: HeaderList,
): CheckProbe {
  const names = headers.map(([n]) => n.toLowerCase()).sort();
  return {
    id: `${side} ${origin} preflight ${method}${names.length > 0 ? ` [${names.join(',')}]` : ''}`,
    side,
    method: 'OPTIONS',
    origin,
    requestMethod: method,
    requestHeaders: names.length > 0 ? names.join(',') : null,
    requestPrivateNetwork: null,
    actual: { method, headers },
  };
}

/**
 * The request headers a probe sends: `Origin` and the `Access-Control-Request-*` headers it carries.
 *
 * @example
 * ```ts
 * probeHeaders(planCheck(policy)[1]); // { origin: 'https://app.example.com', 'access-control-request-method': 'PUT', … }
 * ```
 */
export function probeHeaders(probe: CheckProbe): Record<string, string> {
  const headers: Record<string, string> = {};
  if (probe.origin !== null) headers.origin = probe.origin;
  if (probe.requestMethod !== null) headers['access-control-request-method'] = probe.requestMethod;
  if (probe.requestHeaders !== null) headers['access-control-request-headers'] = probe.requestHeaders;
  if (probe.requestPrivateNetwork !== null) {
    headers['access-control-request-private-network'] = probe.requestPrivateNetwork;
  }
  return headers;
}
