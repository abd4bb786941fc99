import { writeFile } from 'node:fs/promises';
import { GENERATE_TARGETS, type GenerateTarget, generateConfig } from '../capabilities/generate/index.js';
import { CorsguardError } from '../core/errors/index.js';
import { loadEnvironment } from './environment-option.js';
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
 * Returns 0, or 2 for a bad policy file, an unknown target, or a policy the target cannot express.
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
  const env = await loadEnvironment(raw.policy, raw.env, 'generate', io);
  if (env === null) return 2;
  const config = generateConfig(target as GenerateTarget, {
    policy: env.policy,
    paths: env.paths.map((p) => ({ path: p.path, policy: p.policy })),
    env: env.name,
    source: raw.policy,
  });
  const code = config.code.endsWith('\n') ? config.code : `${config.code}\n`;
  if (raw.output === undefined) io.stdout.write(code);
  else {
    await writeFile(raw.output, code);
    io.stderr.write(
      `corsguard: wrote ${raw.output} (${target} configuration for environment "${env.name}"); verify the deployment with corsguard check --policy ${raw.policy} --env ${env.name}\n`,
    );
  }
  return 0;
}
