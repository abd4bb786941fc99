import { CorsguardError } from '../errors/index.js';
import type { Policy, PolicyInput, PolicyIssue } from './types.js';
import { validatePolicy } from './validate.js';

/**
 * Thrown by {@link createPolicy} (and so by the middleware at construction) when a policy is unsafe or
 * malformed. `issues` lists every problem; the message shows them all, one per line, with the fix.
 */
export class PolicyError extends CorsguardError {
  readonly issues: readonly PolicyIssue[];
  constructor(issues: readonly PolicyIssue[], context = 'CORS policy') {
    super('POLICY_INVALID', formatPolicyIssues(issues, context));
    this.name = 'PolicyError';
    this.issues = issues;
  }
}

/**
 * Validates and normalises a policy, or throws a {@link PolicyError} listing every problem at once.
 *
 * @example
 * ```ts
 * const policy = createPolicy({ origins: ['https://app.example.com'], credentials: true, methods: ['PUT'] });
 * policy.matchOrigin('https://app.example.com'); // 'exact'
 * createPolicy({ origins: ['null'] });          // throws PolicyError: origins[0]: "null" is refused … Fix: …
 * ```
 */
export function createPolicy(input: PolicyInput): Policy {
  const result = validatePolicy(input);
  if (!result.ok) throw new PolicyError(result.issues);
  return result.policy;
}

/**
 * Formats issues as "N problems in <context>:" followed by one "- where: what. Fix: how" line each.
 *
 * @example
 * ```ts
 * formatPolicyIssues([{ code: 'origin-null', path: ['origins', 0], message: '"null" is refused', fix: 'remove it' }], 'cors()');
 * // '1 problem in cors():\n  - origins[0]: "null" is refused. Fix: remove it'
 * ```
 */
export function formatPolicyIssues(
  issues: readonly Pick<PolicyIssue, 'path' | 'message' | 'fix'>[],
  context: string,
): string {
  const lines = issues.map((i) => `  - ${formatPath(i.path)}: ${i.message}. Fix: ${i.fix}`);
  return `${issues.length} problem${issues.length === 1 ? '' : 's'} in ${context}:\n${lines.join('\n')}`;
}

/**
 * Renders an issue path the way a user would write it: `origins[2]`, `paths[0].methods`.
 *
 * @example
 * ```ts
 * formatPath(['environments', 'production', 'origins', 2]); // 'environments.production.origins[2]'
 * ```
 */
export function formatPath(path: readonly (string | number)[]): string {
  if (path.length === 0) return '(policy)';
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}
