import {
  formatPolicyFileIssues,
  loadPolicyFile,
  type PolicyEnvironment,
} from '../capabilities/policy-file/index.js';
import { EXIT } from '../outputs/kit/index.js';
import type { CommandIo } from './scan-command.js';

/**
 * Runs `corsguard policy validate FILE`: prints every problem as `FILE:LINE:COL  code  message. Fix: …`
 * and returns 2, or prints a summary of the environments and returns 0.
 *
 * @example
 * ```ts
 * const code = await runPolicyValidate('cors.policy.yaml', io); // 0 when valid
 * ```
 */
export async function runPolicyValidate(file: string, io: CommandIo): Promise<number> {
  const result = await loadPolicyFile(file);
  if (!result.ok) {
    io.stdout.write(`${formatPolicyFileIssues(result.issues, file)}\n`);
    const n = result.issues.length;
    io.stderr.write(`${n} problem${n === 1 ? '' : 's'} in ${file}\n`);
    return EXIT.usage;
  }
  const envs = [...result.file.environments.values()];
  io.stdout.write(
    `${file}: valid, ${envs.length} environment${envs.length === 1 ? '' : 's'}\n${envs.map(describeEnvironment).join('\n')}\n`,
  );
  return EXIT.ok;
}

function describeEnvironment(env: PolicyEnvironment): string {
  const p = env.policy;
  const origins = p.anyOrigin ? 'any origin' : `${p.rules.length} origin${p.rules.length === 1 ? '' : 's'}`;
  const parts = [
    origins,
    p.credentials ? 'credentials' : 'no credentials',
    `${env.urls.length} URL${env.urls.length === 1 ? '' : 's'}`,
    ...(env.paths.length > 0 ? [`path overrides: ${env.paths.map((x) => x.path).join(', ')}`] : []),
  ];
  return `  ${env.name}: ${parts.join(', ')}`;
}
