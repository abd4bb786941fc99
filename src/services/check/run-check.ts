import {
  type CheckRun,
  type CheckSummary,
  type CheckUrlResult,
  checkPolicy,
  engineSender,
  sampleOrigin,
  summarizeCheck,
} from '../../capabilities/check/index.js';
import {
  type PolicyEnvironment,
  type PolicyFileIssue,
  pathPolicyForUrl,
} from '../../capabilities/policy-file/index.js';
import { Engine, type EngineOptions } from '../../capabilities/scan/index.js';
import { CorsguardError } from '../../core/errors/index.js';
import { isHttpUrl } from '../../core/origin/index.js';
import { checkExitCode } from '../../outputs/check-report/index.js';
import { EXIT, type ExitCode } from '../../outputs/kit/index.js';
import { openEnvironment } from '../environment/index.js';

/** Options of {@link runCheck}. */
export interface CheckServiceOptions {
  /** URLs to check instead of the environment's `urls`. */
  readonly urls?: readonly string[];
  /** How to send the probes (timeouts, `--resolve`, proxy, headers, concurrency), as for scan. */
  readonly network?: EngineOptions;
}

/** What a check run returns: the run and its exit code, or the problems of the policy file (exit 2). */
export type CheckOutcome =
  | {
      readonly ok: true;
      readonly run: CheckRun;
      readonly summary: CheckSummary;
      readonly exitCode: ExitCode;
    }
  | {
      readonly ok: false;
      readonly policyFile: string;
      readonly issues: readonly PolicyFileIssue[];
      readonly exitCode: typeof EXIT.usage;
    };

/**
 * Runs `corsguard check`: loads the environment of a policy file, checks every URL of it (or
 * `options.urls`) against the policy for its path, and returns the run with its summary and exit code
 * (0 clean, 1 violations, 3 probes that could not be sent). An invalid policy file is returned as its
 * issues; no URLs, or a URL that is not http(s), is a USAGE error.
 *
 * @example
 * ```ts
 * const outcome = await runCheck('cors.policy.yaml', 'production', { network: { timeoutMs: 5000 } });
 * if (outcome.ok) process.stdout.write(formatCheckText(outcome.run));
 * ```
 */
export async function runCheck(
  policyFile: string,
  envName: string | undefined,
  options: CheckServiceOptions = {},
): Promise<CheckOutcome> {
  const opened = await openEnvironment(policyFile, envName);
  if (!opened.ok) return { ...opened, exitCode: EXIT.usage };
  const { env } = opened;
  const urls = checkUrls(env, policyFile, options.urls);
  const network = options.network ?? {};
  const engine = new Engine(network);
  let results: CheckUrlResult[];
  try {
    results = await Promise.all(urls.map((url) => checkUrl(env, url, engine, network.concurrency)));
  } finally {
    await engine.close();
  }
  return checkOutcome(policyFile, env, results);
}

/**
 * The URLs a check of `env` probes: `given` when not empty, else the environment's `urls`; a USAGE error
 * when there are none or one is not http(s).
 *
 * @example
 * ```ts
 * checkUrls(env, 'cors.policy.yaml', []); // env.urls
 * ```
 */
export function checkUrls(
  env: PolicyEnvironment,
  policyFile: string,
  given: readonly string[] | undefined,
): readonly string[] {
  const urls = given && given.length > 0 ? given : env.urls;
  if (urls.length === 0) {
    throw new CorsguardError(
      'USAGE',
      `environment ${JSON.stringify(env.name)} of ${policyFile} has no urls; add urls: [https://…] to it, or give URLs after the options`,
    );
  }
  const bad = urls.filter((u) => !isHttpUrl(u));
  if (bad.length > 0) {
    throw new CorsguardError(
      'USAGE',
      bad
        .map((u) => `${JSON.stringify(u)} is not an http(s) URL; write it like https://api.example.com/v1/me`)
        .join('\n'),
    );
  }
  return urls;
}

/**
 * Checks one URL of an environment against the policy for its path (the path override's, or the
 * environment's), probing every origin named anywhere in the environment. The unit a `corsguard worker`
 * runs for a queued check.
 *
 * @example
 * ```ts
 * const result = await checkUrl(env, 'https://api.example.com/v1/me', engine);
 * result.violations; // []
 * ```
 */
export async function checkUrl(
  env: PolicyEnvironment,
  url: string,
  engine: Engine,
  concurrency = 32,
): Promise<CheckUrlResult> {
  const override = pathPolicyForUrl(env, url);
  const policy = override?.policy ?? env.policy;
  // Every origin named anywhere in the environment is probed on every URL.
  const otherOrigins = [env.policy, ...env.paths.map((p) => p.policy)]
    .filter((p) => p !== policy)
    .flatMap((p) => p.rules.map(sampleOrigin));
  const result = await checkPolicy(url, policy, engineSender(engine, url), { concurrency, otherOrigins });
  return { ...result, path: override?.path ?? null };
}

/**
 * The outcome of a check run from its per-URL results: the run, its summary and its exit code.
 *
 * @example
 * ```ts
 * checkOutcome('cors.policy.yaml', env, results).exitCode; // 0 clean, 1 violations, 3 probe errors
 * ```
 */
export function checkOutcome(
  policyFile: string,
  env: PolicyEnvironment,
  results: CheckUrlResult[],
): CheckOutcome {
  const summary = summarizeCheck(results);
  return {
    ok: true,
    run: { policyFile, environment: env.name, results },
    summary,
    exitCode: checkExitCode(summary),
  };
}
