import {
  formatPolicyFileIssues,
  getEnvironment,
  loadPolicyFile,
  type PolicyEnvironment,
  type PolicyFile,
} from '../capabilities/policy-file/index.js';
import { CorsguardError } from '../core/errors/index.js';
import type { CommandIo } from './scan-command.js';

/**
 * The environment `--env` names, or the only one when the file has a single environment; a usage error
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
 * Loads a policy file and selects the environment for `command`; when the file has problems, writes them
 * (`FILE:LINE:COL  code  message. Fix: …`) and how to go on to stderr and returns null (exit 2).
 *
 * @example
 * ```ts
 * const env = await loadEnvironment('cors.policy.yaml', 'production', 'check', io);
 * if (env === null) return 2;
 * ```
 */
export async function loadEnvironment(
  policyPath: string,
  name: string | undefined,
  command: string,
  io: CommandIo,
): Promise<PolicyEnvironment | null> {
  const loaded = await loadPolicyFile(policyPath);
  if (!loaded.ok) {
    io.stderr.write(
      `${formatPolicyFileIssues(loaded.issues, policyPath)}\ncorsguard: ${policyPath} is not a valid policy file; fix it (corsguard policy validate ${policyPath}) and run ${command} again\n`,
    );
    return null;
  }
  return selectEnvironment(loaded.file, policyPath, name);
}
