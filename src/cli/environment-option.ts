import { formatPolicyFileIssues, type PolicyFileIssue } from '../capabilities/policy-file/index.js';
import type { CommandIo } from './scan-command.js';

/**
 * Writes the problems of a policy file (`FILE:LINE:COL  code  message. Fix: …`) and how to go on to
 * stderr, for `command` (exit 2 follows).
 *
 * @example
 * ```ts
 * if (!outcome.ok) { writePolicyFileIssues(io, outcome.policyFile, outcome.issues, 'check'); return 2; }
 * ```
 */
export function writePolicyFileIssues(
  io: CommandIo,
  policyPath: string,
  issues: readonly PolicyFileIssue[],
  command: string,
): void {
  io.stderr.write(
    `${formatPolicyFileIssues(issues, policyPath)}\ncorsguard: ${policyPath} is not a valid policy file; fix it (corsguard policy validate ${policyPath}) and run ${command} again\n`,
  );
}
