import { CorsguardError } from '../../core/errors/index.js';
import type { PolicyFileIssue } from './types.js';

/**
 * Formats issues the way compilers do, one per line: `FILE:LINE:COL  code  message. Fix: …`.
 *
 * @example
 * ```ts
 * formatPolicyFileIssues(result.issues, 'cors.policy.yaml');
 * // 'cors.policy.yaml:7:7  origin-null  "null" is refused: … Fix: remove "null" …'
 * ```
 */
export function formatPolicyFileIssues(issues: readonly PolicyFileIssue[], fileName: string): string {
  return issues
    .map((i) => `${fileName}:${i.line}:${i.column}  ${i.code}  ${i.message}. Fix: ${i.fix}`)
    .join('\n');
}

/**
 * Thrown when a policy file is required to be valid (the testing helpers, `check`): `issues` lists every
 * problem; the message shows them all with file, line and column.
 *
 * @example
 * ```ts
 * try { await requirePolicyFile('cors.policy.yaml'); }
 * catch (e) { if (e instanceof PolicyFileError) console.error(e.message); }
 * ```
 */
export class PolicyFileError extends CorsguardError {
  readonly issues: readonly PolicyFileIssue[];
  readonly fileName: string;
  constructor(fileName: string, issues: readonly PolicyFileIssue[]) {
    super(
      'POLICY_INVALID',
      `${issues.length} problem${issues.length === 1 ? '' : 's'} in ${fileName}:\n${formatPolicyFileIssues(issues, fileName)}`,
    );
    this.name = 'PolicyFileError';
    this.fileName = fileName;
    this.issues = issues;
  }
}
