import { type PolicyEnvironment, parsePolicyFile } from '../../capabilities/policy-file/index.js';
import type { Engine, ScanManyOptions } from '../../capabilities/scan/index.js';
import { CorsguardError } from '../../core/errors/index.js';
import { checkUrl } from '../check/index.js';
import { selectEnvironment } from '../environment/index.js';

/** What a check batch stores besides its network options: the policy file's text, its name, the environment. */
export interface CheckBatch {
  readonly text: string;
  readonly file: string;
  readonly environment: string;
}

/** A batch's options: a scan's, plus `check` when its jobs are policy checks (`check --queue`, `monitor --queue`). */
export type BatchOptions = ScanManyOptions & { readonly check?: CheckBatch };

/** Parsed environments of recent check batches (a policy file is parsed once per batch per worker). */
const KEEP = 8;

/**
 * The environments of check batches in a worker: parsed from the stored policy text once per batch, kept
 * for the few most recent batches.
 *
 * @example
 * ```ts
 * const envs = new CheckEnvironments();
 * const result = await runCheckJob(envs, batch, url, engine, options);
 * ```
 */
export class CheckEnvironments {
  readonly #envs = new Map<string, PolicyEnvironment>();

  of(batch: string, check: CheckBatch): PolicyEnvironment {
    let env = this.#envs.get(batch);
    if (!env) {
      const parsed = parsePolicyFile(check.text, check.file);
      // The enqueuer parsed the same text before enqueueing; a failure here is a corrupted batch.
      if (!parsed.ok)
        throw new CorsguardError('USAGE', `the policy of batch ${batch} does not parse any more`);
      env = selectEnvironment(parsed.file, check.file, check.environment);
      this.#envs.set(batch, env);
      if (this.#envs.size > KEEP) this.#envs.delete(this.#envs.keys().next().value as string);
    }
    return env;
  }
}

/**
 * One queued policy check: `checkUrl` on the worker's engine for the batch, as `corsguard check` runs it.
 * A batch whose policy no longer parses gives each of its URLs an error result, never a dead worker.
 *
 * @example
 * ```ts
 * const result = await runCheckJob(environments, batch, 'https://api.example.com/v1/me', engine, options);
 * ```
 */
export async function runCheckJob(
  environments: CheckEnvironments,
  batch: string,
  url: string,
  engine: Engine,
  options: BatchOptions & { readonly check: CheckBatch },
): Promise<Record<string, unknown>> {
  let env: PolicyEnvironment;
  try {
    env = environments.of(batch, options.check);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    return {
      url,
      probes: 0,
      probeIds: [],
      violations: [],
      errors: [{ probe: 'policy', code: 'POLICY_INVALID', message }],
      path: null,
    };
  }
  return { ...(await checkUrl(env, url, engine, options.concurrency)) };
}
