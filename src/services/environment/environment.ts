import {
  getEnvironment,
  loadPolicyFile,
  type PolicyEnvironment,
  type PolicyFile,
  type PolicyFileIssue,
} from '../../capabilities/policy-file/index.js';
import { CorsguardError } from '../../core/errors/index.js';

/** A loaded environment, or the problems of the policy file (each with its line and column). */
export type EnvironmentResult =
  | { readonly ok: true; readonly env: PolicyEnvironment }
  | { readonly ok: false; readonly policyFile: string; readonly issues: readonly PolicyFileIssue[] };

/**
 * The environment `name` names, or the only one when the file has a single environment; a USAGE error
 * listing the environments otherwise.
 *
 * @example
 * ```ts
 * selectEnvironment(file, 'cors.policy.yaml', undefined); // the only environment, or throws "--env is required: …"
 * ```
 */
export function selectEnvironment(
  file: PolicyFile,
  policyPath: string,
  name: string | undefined,
): PolicyEnvironment {
  const names = [...file.environments.keys()];
  const envName = name ?? (names.length === 1 ? names[0] : undefined);
  if (envName === undefined) {
    throw new CorsguardError(
      'USAGE',
      `--env is required: ${policyPath} has several environments (${names.join(', ')}); e.g. --env ${names[0]}`,
    );
  }
  return getEnvironment(file, envName);
}

/**
 * Loads a policy file and selects an environment ({@link selectEnvironment}); a file with problems is
 * returned as its issues, never thrown.
 *
 * @example
 * ```ts
 * const opened = await openEnvironment('cors.policy.yaml', 'production');
 * if (opened.ok) opened.env.policy; else opened.issues; // [{ code: 'origin-null', line: 4, column: 15, … }]
 * ```
 */
export async function openEnvironment(
  policyFile: string,
  name: string | undefined,
): Promise<EnvironmentResult> {
  const loaded = await loadPolicyFile(policyFile);
  if (!loaded.ok) return { ok: false, policyFile, issues: loaded.issues };
  return { ok: true, env: selectEnvironment(loaded.file, policyFile, name) };
}
