import { readFile } from 'node:fs/promises';
import type { CheckUrlResult } from '../../capabilities/check/index.js';
import { parsePolicyFile } from '../../capabilities/policy-file/index.js';
import type { ScanQueue } from '../../capabilities/queue/index.js';
import type { EngineOptions } from '../../capabilities/scan/index.js';
import { CorsguardError } from '../../core/errors/index.js';
import { EXIT } from '../../outputs/kit/index.js';
import { type CheckOutcome, checkOutcome, checkUrls } from '../check/index.js';
import { selectEnvironment } from '../environment/index.js';
import { queuedResults } from './queue-scan.js';

/** Options of {@link queueCheck}: those of `runCheck`, and the wait for the workers. */
export interface QueueCheckOptions {
  /** URLs to check instead of the environment's `urls`. */
  readonly urls?: readonly string[];
  /** How the workers send the probes (timeouts, `--resolve`, concurrency): stored with the batch. */
  readonly network?: EngineOptions;
  readonly pollMs?: number;
  readonly signal?: AbortSignal;
}

/**
 * `corsguard check --queue` (and a monitor group's policy check with `--queue`): the same run as
 * `runCheck`, with each URL checked by a `corsguard worker`. The policy file is read and validated here;
 * its text goes with the batch, so every worker checks against exactly this version of it. A URL no worker
 * stored a result for is a probe error (`QUEUE_NO_RESULT`, exit 3), never a pass.
 *
 * @example
 * ```ts
 * const outcome = await queueCheck(queue, 'cors.policy.yaml', 'production', { network: { timeoutMs: 5000 } });
 * outcome.exitCode; // 0 clean, 1 violations, 3 probes or URLs without an answer
 * ```
 */
export async function queueCheck(
  queue: ScanQueue,
  policyFile: string,
  envName: string | undefined,
  options: QueueCheckOptions = {},
): Promise<CheckOutcome> {
  const text = await readFile(policyFile, 'utf8').catch((e: NodeJS.ErrnoException) => {
    throw new CorsguardError('USAGE', `cannot read the policy file ${policyFile} (${e.code ?? e.message})`);
  });
  const parsed = parsePolicyFile(text, policyFile);
  if (!parsed.ok) return { ok: false, policyFile, issues: parsed.issues, exitCode: EXIT.usage };
  const env = selectEnvironment(parsed.file, policyFile, envName);
  const urls = checkUrls(env, policyFile, options.urls);
  const network = options.network ?? {};
  if (network.cookie !== undefined || Object.keys(network.headers ?? {}).length > 0)
    throw new CorsguardError(
      'USAGE',
      'a queued check cannot carry a cookie or headers; check without --queue',
    );
  const byUrl = new Map<string, CheckUrlResult>();
  for await (const { url, result } of queuedResults<CheckUrlResult>(queue, urls, {
    scan: { ...network, check: { text, file: policyFile, environment: env.name } },
    ...(options.pollMs !== undefined ? { pollMs: options.pollMs } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  }))
    byUrl.set(url, result);
  const results = urls.map(
    (url): CheckUrlResult =>
      byUrl.get(url) ?? {
        url,
        probes: 0,
        probeIds: [],
        violations: [],
        errors: [
          {
            probe: 'queue',
            code: 'QUEUE_NO_RESULT',
            message: "no worker stored a result for this URL; see the workers' logs",
          },
        ],
        path: null,
      },
  );
  return checkOutcome(policyFile, env, results);
}
