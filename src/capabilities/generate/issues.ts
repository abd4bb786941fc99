import { CorsguardError } from '../../core/errors/index.js';
import { formatPolicyIssues, type PolicyIssue } from '../../core/policy/index.js';
import type { GeneratedConfig, GenerateTarget } from './types.js';

/** Stable codes of {@link GenerateIssue}s: what a target cannot express. */
export type GenerateIssueCode =
  | 'target-unknown'
  | 'path-invalid'
  | 'path-duplicate'
  | 'dynamic-origin-unsupported'
  | 'private-network-unsupported'
  | 'dangerous-wildcards-unsupported'
  | 'max-age-zero-unsupported'
  | 'path-policies-unsupported';

/**
 * Why a configuration was not generated, shaped like the policy's `PolicyIssue`: a stable code, where in
 * the generate input (`['paths', 0, 'privateNetwork']`), what the target cannot express, and the fix.
 */
export interface GenerateIssue extends Omit<PolicyIssue, 'code'> {
  readonly code: GenerateIssueCode;
}

/** The outcome of {@link generate}: the configuration, or every reason it cannot be written. */
export type GenerateResult =
  | { readonly ok: true; readonly config: GeneratedConfig; readonly issues: readonly [] }
  | { readonly ok: false; readonly issues: readonly GenerateIssue[] };

/**
 * Formats generate issues as "N problems in <context>:" and one "- where: what. Fix: how" line each.
 *
 * @example
 * ```ts
 * formatGenerateIssues(result.issues, 'the django configuration');
 * // '1 problem in the django configuration:\n  - maxAge: django-cors-headers omits … Fix: use maxAge: 1, or leave maxAge out'
 * ```
 */
export function formatGenerateIssues(issues: readonly GenerateIssue[], context: string): string {
  return formatPolicyIssues(issues, context);
}

/**
 * Thrown by `generateConfig` (the throwing convenience over {@link generate}) when the target cannot
 * express the policy; `issues` lists every reason.
 */
export class GenerateError extends CorsguardError {
  readonly issues: readonly GenerateIssue[];
  constructor(target: GenerateTarget | string, issues: readonly GenerateIssue[]) {
    super('GENERATE_UNSUPPORTED', formatGenerateIssues(issues, `the ${target} configuration`));
    this.name = 'GenerateError';
    this.issues = issues;
  }
}
