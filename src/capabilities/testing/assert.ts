import { AssertionError } from 'node:assert';
import { createPolicy, type Policy, type PolicyInput } from '../../core/policy/index.js';
import { type CheckResult, checkPolicy, describeViolation } from '../check/index.js';
import { getEnvironment, policyForUrl, requirePolicyFile } from '../policy-file/index.js';
import { type CorsTarget, inProcessSender, type TargetKind } from './senders.js';

/** The policy to hold a target to: a `Policy`, a policy input, or an environment of a policy file. */
export type PolicySpec = Policy | PolicyInput | { readonly file: string; readonly env: string };

/** Options of {@link checkCorsPolicy} and {@link assertCorsPolicy}. */
export interface CorsTestOptions {
  /**
   * The request URL the probes are sent to (its path selects the route, and the path override of a policy
   * file). Default: the environment's first URL for a policy file, else `http://localhost/`.
   */
  readonly url?: string;
  /** How to call a target whose shape is ambiguous (see {@link TargetKind}). */
  readonly kind?: TargetKind;
  /** Probes in flight at once. Default 8. */
  readonly concurrency?: number;
}

function isPolicy(spec: PolicySpec): spec is Policy {
  return typeof (spec as Policy).matchOrigin === 'function';
}

async function resolveSpec(
  spec: PolicySpec,
  url: string | undefined,
): Promise<{ policy: Policy; url: string }> {
  if ('file' in spec && 'env' in spec && typeof spec.file === 'string') {
    const env = getEnvironment(await requirePolicyFile(spec.file), spec.env);
    const target = url ?? env.urls[0] ?? 'http://localhost/';
    return { policy: policyForUrl(env, target), url: target };
  }
  const target = url ?? 'http://localhost/';
  return { policy: isPolicy(spec) ? spec : createPolicy(spec as PolicyInput), url: target };
}

/**
 * Checks an in-process app against a CORS policy with the same probes and judgement as `corsguard check`,
 * without a network, and returns the result (never throws for violations).
 *
 * @example
 * ```ts
 * const result = await checkCorsPolicy(app, { file: 'cors.policy.yaml', env: 'production' }, { url: 'http://localhost/v1/me' });
 * result.violations; // []
 * ```
 */
export async function checkCorsPolicy(
  target: CorsTarget,
  spec: PolicySpec,
  options: CorsTestOptions = {},
): Promise<CheckResult> {
  const { policy, url } = await resolveSpec(spec, options.url);
  return checkPolicy(url, policy, inProcessSender(target, url, options.kind), {
    concurrency: options.concurrency ?? 8,
  });
}

/**
 * Thrown by {@link assertCorsPolicy}: an `AssertionError` whose message lists each violation with its
 * expected (`-`) and observed (`+`) CORS headers; `result` holds the full check result, and
 * `expected`/`actual` map each failing probe to its header lines (test runners show them as a diff).
 */
export class CorsPolicyAssertionError extends AssertionError {
  readonly result: CheckResult;
  constructor(result: CheckResult) {
    const expected: Record<string, readonly string[]> = {};
    const actual: Record<string, readonly string[]> = {};
    for (const v of result.violations) {
      expected[v.probe] = v.expected;
      actual[v.probe] = v.observed;
    }
    super({ message: describe(result), expected, actual, operator: 'assertCorsPolicy' });
    this.name = 'AssertionError';
    this.result = result;
  }
}

function describe(result: CheckResult): string {
  const parts: string[] = [];
  const n = result.violations.length;
  if (n > 0) {
    parts.push(
      `${n} CORS policy violation${n === 1 ? '' : 's'} at ${result.url} (${result.probes} probes; - expected by the policy, + observed):`,
      ...result.violations.map((v) => describeViolation(v)),
    );
  }
  if (result.errors.length > 0) {
    const first = result.errors[0];
    parts.push(
      `${result.errors.length} of ${result.probes} probes failed (the app threw or did not answer); first: ${first?.probe}: ${first?.message}`,
    );
  }
  return parts.join('\n\n');
}

/**
 * Asserts that an in-process app answers CORS exactly as the policy says: resolves when it does, throws a
 * {@link CorsPolicyAssertionError} (an `AssertionError`) listing every violation with its diff otherwise.
 * Works in any test runner (vitest, jest, node:test, mocha).
 *
 * @example
 * ```ts
 * import { assertCorsPolicy } from 'corsguard/testing';
 * test('CORS matches the policy', async () => {
 *   await assertCorsPolicy(app, { file: 'cors.policy.yaml', env: 'production' }, { url: 'http://localhost/v1/me' });
 * });
 * ```
 */
export async function assertCorsPolicy(
  target: CorsTarget,
  spec: PolicySpec,
  options: CorsTestOptions = {},
): Promise<void> {
  const result = await checkCorsPolicy(target, spec, options);
  if (result.violations.length > 0 || result.errors.length > 0) throw new CorsPolicyAssertionError(result);
}
