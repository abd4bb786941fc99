import { writeFile } from 'node:fs/promises';
import {
  formatGenerateIssues,
  GENERATE_TARGETS,
  type GenerateTarget,
} from '../capabilities/generate/index.js';
import { CorsguardError } from '../core/errors/index.js';
import { generateFromPolicyFile } from '../services/generate/index.js';
import { writePolicyFileIssues } from './environment-option.js';
import type { CommandIo } from './scan-command.js';

/** Raw options of `corsguard generate`, as commander parsed them. */
export interface RawGenerateOptions {
  policy: string;
  env?: string;
  target?: string;
  output?: string;
}

/**
 * Runs `corsguard generate --policy FILE --env NAME --target T [-o FILE]`: writes the configuration of
 * one server or framework for that environment (its per-path overrides included) to stdout or a file.
 * Returns 0, or 2 for a bad policy file, an unknown target, or a policy the target cannot express (its
 * issues listed on stderr).
 *
 * @example
 * ```ts
 * await runGenerate({ policy: 'cors.policy.yaml', env: 'production', target: 'nginx' }, io); // prints cors.conf
 * ```
 */
export async function runGenerate(raw: RawGenerateOptions, io: CommandIo): Promise<number> {
  const target = raw.target;
  if (target === undefined || !(GENERATE_TARGETS as readonly string[]).includes(target)) {
    throw new CorsguardError(
      'USAGE',
      `${target === undefined ? '--target is required' : `unknown --target ${JSON.stringify(target)}`}; use one of ${GENERATE_TARGETS.join(', ')}`,
    );
  }
  const outcome = await generateFromPolicyFile(raw.policy, raw.env, target as GenerateTarget);
  if (!outcome.ok) {
    if ('issues' in outcome) writePolicyFileIssues(io, outcome.policyFile, outcome.issues, 'generate');
    else {
      const context = `the ${target} configuration of environment "${outcome.env.name}" (${raw.policy})`;
      io.stderr.write(
        `corsguard: ${formatGenerateIssues(outcome.refused, context)}\nnothing was written: a ${target} configuration would differ from the policy\n`,
      );
    }
    return outcome.exitCode;
  }
  const { config, env } = outcome;
  const code = config.code.endsWith('\n') ? config.code : `${config.code}\n`;
  if (raw.output === undefined) io.stdout.write(code);
  else {
    await writeFile(raw.output, code);
    io.stderr.write(
      `corsguard: wrote ${raw.output} (${target} configuration for environment "${env.name}"); verify the deployment with corsguard check --policy ${raw.policy} --env ${env.name}\n`,
    );
  }
  return outcome.exitCode;
}
