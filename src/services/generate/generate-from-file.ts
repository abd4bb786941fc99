import {
  type GeneratedConfig,
  type GenerateIssue,
  type GenerateTarget,
  generate,
} from '../../capabilities/generate/index.js';
import type { PolicyEnvironment, PolicyFileIssue } from '../../capabilities/policy-file/index.js';
import { EXIT } from '../../outputs/kit/index.js';
import { openEnvironment } from '../environment/index.js';

/**
 * What generating from a policy file returns: the configuration (exit 0), the problems of the policy file,
 * or what the target cannot express (both exit 2).
 */
export type GenerateOutcome =
  | {
      readonly ok: true;
      readonly env: PolicyEnvironment;
      readonly config: GeneratedConfig;
      readonly exitCode: typeof EXIT.ok;
    }
  | {
      readonly ok: false;
      readonly policyFile: string;
      readonly issues: readonly PolicyFileIssue[];
      readonly exitCode: typeof EXIT.usage;
    }
  | {
      readonly ok: false;
      readonly env: PolicyEnvironment;
      readonly refused: readonly GenerateIssue[];
      readonly exitCode: typeof EXIT.usage;
    };

/**
 * Runs `corsguard generate`: loads an environment of a policy file and generates the target's
 * configuration for it, its per-path overrides included.
 *
 * @example
 * ```ts
 * const out = await generateFromPolicyFile('cors.policy.yaml', 'production', 'nginx');
 * if (out.ok) writeFileSync(out.config.filename, out.config.code);
 * ```
 */
export async function generateFromPolicyFile(
  policyFile: string,
  envName: string | undefined,
  target: GenerateTarget,
): Promise<GenerateOutcome> {
  const opened = await openEnvironment(policyFile, envName);
  if (!opened.ok) return { ...opened, exitCode: EXIT.usage };
  const { env } = opened;
  const result = generate(target, {
    policy: env.policy,
    paths: env.paths.map((p) => ({ path: p.path, policy: p.policy })),
    env: env.name,
    source: policyFile,
  });
  if (!result.ok) return { ok: false, env, refused: result.issues, exitCode: EXIT.usage };
  return { ok: true, env, config: result.config, exitCode: EXIT.ok };
}
