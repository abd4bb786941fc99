import {
  type CorsDecision,
  type CorsRefusal,
  type CorsRequest,
  createDecider,
  POLICY_INPUT_KEYS,
  type Policy,
  PolicyError,
  type PolicyInput,
  type PolicyIssue,
  refusalOf,
  validatePolicy,
} from '../../core/policy/index.js';
import { debugHeaderValue, refusalLogLine } from './refusal-report.js';

/** Options only the middleware has (the rest is the {@link PolicyInput}). */
export interface MiddlewareOnlyOptions {
  /**
   * Status of a refused preflight (no CORS header is sent whatever the status; the browser fails it).
   * An integer 200…599. Default `403`.
   */
  readonly preflightFailureStatus?: number | undefined;
  /**
   * Explain every refusal, for development only: the client gets an `X-CORS-Debug` response header
   * (`<cause>; [<check>; ]<reason>`, e.g. `acao-missing; Origin "https://evil.example" is not allowed by
   * the policy`) and the server logs one line with the same codes to `console.warn`. The cause is the
   * code `corsguard explain` reports for the same exchange (see {@link CorsRefusal}). It tells whoever
   * asks why an origin, method or header was refused; it never changes a decision, a status or a CORS
   * header. Default `false` (nothing is revealed or logged).
   */
  readonly debug?: boolean | undefined;
  /**
   * Called (server-side) for every refused CORS request, debug or not: the place to log refusals in
   * production, where `debug` must stay off. Gets the reason, the request's CORS fields and the refusal
   * as plain data ({@link CorsRefusal}: `cause`, `stage`, `check`, `reason`); callbacks written for
   * `(reason, request)` keep working. Exceptions it throws are ignored.
   *
   * @example
   * ```ts
   * cors({
   *   origins: ['https://app.example.com'],
   *   onRefuse: (_reason, request, { cause, check, stage }) =>
   *     logger.info({ cause, check, stage, origin: request.origin }, 'CORS refused'),
   * });
   * // a preflight for DELETE from https://app.example.com logs
   * // { cause: 'acao-missing', check: 'preflight-method', stage: 'preflight', origin: 'https://app.example.com' }
   * ```
   */
  readonly onRefuse?: ((reason: string, request: CorsRequest, refusal: CorsRefusal) => void) | undefined;
}

/**
 * Options of every corsguard middleware: a {@link PolicyInput} plus {@link MiddlewareOnlyOptions}.
 * `credentials: true` together with `origins: '*'` does not type-check.
 *
 * @example
 * ```ts
 * const options: CorsOptions = {
 *   origins: ['https://app.example.com', 'https://*.example.com'],
 *   credentials: true,
 *   methods: ['PUT', 'DELETE'],
 *   requestHeaders: ['Authorization', 'Content-Type'],
 *   maxAge: 600,
 *   onRefuse: (reason, _request, { cause }) => console.warn(`CORS refused (${cause}): ${reason}`),
 * };
 * ```
 */
export type CorsOptions = PolicyInput & MiddlewareOnlyOptions;

/** The response header that explains a refusal when `debug` is on. */
export const DEBUG_HEADER = 'X-CORS-Debug';

/** Headers a response to an actual request may carry for CORS (Fetch §CORS check, §CORS protocol). */
export const ACTUAL_RESPONSE_HEADERS = [
  'access-control-allow-origin',
  'access-control-allow-credentials',
  'access-control-expose-headers',
] as const;

/**
 * The runtime-independent part of every adapter, built ONCE from the options: the validated policy, its
 * decider and the precomputed pieces of the response. Adapters only read request headers, call
 * `decide` and write what it says.
 */
export interface CorsCore {
  readonly policy: Policy;
  /** The policy's decision function ({@link createDecider}). */
  readonly decide: (request: CorsRequest) => CorsDecision;
  /** Status of a refused preflight. */
  readonly failureStatus: number;
  readonly debug: boolean;
  /**
   * Names (lower-case) of {@link ACTUAL_RESPONSE_HEADERS} an allowed actual response does NOT carry under
   * this policy: an app-set header of that name is removed.
   */
  readonly absentWhenAllowed: readonly string[];
  /**
   * Reports a refusal: calls `onRefuse`; when `debug` is on, logs it with `console.warn` and returns the
   * `X-CORS-Debug` value; else returns null. Does nothing for a decision that refused nothing.
   */
  refused(decision: CorsDecision, request: CorsRequest): string | null;
}

const MIDDLEWARE_KEYS = ['preflightFailureStatus', 'debug', 'onRefuse'] as const;

/**
 * Validates middleware options and builds the shared core, or throws a {@link PolicyError} listing every
 * problem of the policy and of the middleware options at once.
 *
 * @example
 * ```ts
 * const core = createCorsCore({ origins: ['https://app.example.com'], credentials: true }, 'corsguard/node');
 * core.decide({ method: 'GET', origin: 'https://app.example.com', requestMethod: null, requestHeaders: null, requestPrivateNetwork: null }).allowed; // true
 * createCorsCore({ origins: ['null'], preflightFailureStatus: 99 } as CorsOptions, 'corsguard/node'); // throws PolicyError (2 problems)
 * ```
 */
export function createCorsCore(options: CorsOptions, context: string): CorsCore {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new PolicyError(validateOrIssues(options), context);
  }
  const { preflightFailureStatus, debug, onRefuse, ...policyInput } = options;
  const issues: PolicyIssue[] = [];
  const validation = validatePolicy(policyInput);
  if (!validation.ok) {
    for (const i of validation.issues) {
      issues.push(
        i.code === 'unknown-option'
          ? {
              ...i,
              fix: `remove it; known options: ${[...POLICY_INPUT_KEYS, ...MIDDLEWARE_KEYS].join(', ')}`,
            }
          : i,
      );
    }
  }
  const status = preflightFailureStatus ?? 403;
  if (!Number.isInteger(status) || status < 200 || status > 599) {
    issues.push({
      code: 'preflight-failure-status-range',
      path: ['preflightFailureStatus'],
      message: `${JSON.stringify(status)} is not an HTTP status between 200 and 599`,
      fix: 'leave it out for 403, or use another 4xx such as 400',
    });
  }
  if (debug !== undefined && typeof debug !== 'boolean') {
    issues.push({
      code: 'type',
      path: ['debug'],
      message: 'must be true or false',
      fix: 'write debug: true in development only, or leave it out',
    });
  }
  if (onRefuse !== undefined && typeof onRefuse !== 'function') {
    issues.push({
      code: 'type',
      path: ['onRefuse'],
      message: 'must be a function (reason, request, refusal) => void',
      fix: 'pass a logging function, or leave it out',
    });
  }
  if (issues.length > 0 || !validation.ok) throw new PolicyError(issues, context);
  const policy = validation.policy;
  const present = new Set<string>(['access-control-allow-origin']);
  if (policy.credentials) present.add('access-control-allow-credentials');
  if (policy.exposeHeaders.length > 0) present.add('access-control-expose-headers');
  const absentWhenAllowed = ACTUAL_RESPONSE_HEADERS.filter((n) => !present.has(n));
  const debugOn = debug === true;
  const report = onRefuse ?? null;
  return {
    policy,
    decide: createDecider(policy, { preflightFailureStatus: status }),
    failureStatus: status,
    debug: debugOn,
    absentWhenAllowed,
    refused(decision, request) {
      const refusal = refusalOf(decision);
      if (refusal === null) return null;
      if (report !== null) {
        try {
          report(refusal.reason, request, refusal);
        } catch {
          // A logger must never turn a refusal into a 500.
        }
      }
      if (!debugOn) return null;
      console.warn(refusalLogLine(refusal, request));
      return debugHeaderValue(refusal);
    },
  };
}

function validateOrIssues(input: unknown): PolicyIssue[] {
  const v = validatePolicy(input);
  return v.ok ? [] : [...v.issues];
}

/**
 * Merges the field names of `add` into an existing `Vary` value: never replaces what the app set, never
 * duplicates a name (compared case-insensitively), and keeps `*` as `*` (RFC 9110 §12.5.5: `*` already
 * means "varies on everything").
 *
 * @example
 * ```ts
 * mergeVary('Accept-Encoding', 'Origin'); // 'Accept-Encoding, Origin'
 * mergeVary('origin', 'Origin');          // 'origin'
 * mergeVary('*', 'Origin');               // '*'
 * mergeVary(null, 'Origin');              // 'Origin'
 * ```
 */
export function mergeVary(existing: string | null | undefined, add: string): string {
  if (existing === null || existing === undefined) return add;
  const trimmed = existing.trim();
  if (trimmed === '') return add;
  if (trimmed.length === add.length && trimmed.toLowerCase() === add.toLowerCase()) return existing;
  const have = new Set<string>();
  for (const part of existing.split(',')) {
    const name = part.trim().toLowerCase();
    if (name === '*') return '*';
    if (name !== '') have.add(name);
  }
  let out = trimmed;
  for (const part of add.split(',')) {
    const name = part.trim();
    if (name !== '' && !have.has(name.toLowerCase())) {
      have.add(name.toLowerCase());
      out += `, ${name}`;
    }
  }
  return out;
}
