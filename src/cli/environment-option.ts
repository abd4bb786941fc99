import { CorsguardError } from '../errors.js';
import { getEnvironment, type PolicyEnvironment, type PolicyFile } from '../policy-file/index.js';

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
