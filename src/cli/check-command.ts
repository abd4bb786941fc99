import { writeFile } from 'node:fs/promises';
import { openQueue } from '../capabilities/queue/index.js';
import { type CheckFormat, formatCheckReport, formatCheckSummary } from '../outputs/check-report/index.js';
import { colorEnabled } from '../outputs/kit/index.js';
import {
  type CheckOutcome,
  type CheckServiceOptions,
  runCheck as checkService,
} from '../services/check/index.js';
import { queueCheck } from '../services/worker/index.js';
import { writePolicyFileIssues } from './environment-option.js';
import {
  NETWORK_OPTIONS,
  parseNetworkOptions,
  type RawNetworkOptions,
  throwProblems,
} from './network-options.js';
import type { CommandIo } from './scan-command.js';
import { stopOnSignals } from './stop-signal.js';

/** Raw `corsguard check` options as commander parses them. */
export interface RawCheckOptions extends RawNetworkOptions {
  policy: string;
  env?: string;
  format: string;
  output?: string;
  color?: boolean;
  verbose?: boolean;
  queue?: string;
}

/** The network options `check` offers. */
export const CHECK_NETWORK_OPTIONS = NETWORK_OPTIONS.filter(
  (n) => n !== 'perHost' && n !== 'h2Streams' && n !== 'rate' && n !== 'targetTimeout',
);

/**
 * Runs `corsguard check --policy FILE --env NAME [url...]` with the check service and writes its report.
 * Returns 0 clean, 1 violations, 2 an invalid policy file (usage errors are thrown as USAGE), 3 probes that
 * failed to send and no violation.
 *
 * @example
 * ```ts
 * const code = await runCheck([], { policy: 'cors.policy.yaml', env: 'production', … }, io, '0.1.0');
 * ```
 */
export async function runCheck(
  urls: readonly string[],
  raw: RawCheckOptions,
  io: CommandIo,
  version: string,
): Promise<number> {
  const problems: string[] = [];
  const network = parseNetworkOptions(raw, problems);
  throwProblems(problems);
  const outcome = raw.queue
    ? await checkThroughQueue(raw.queue, raw.policy, raw.env, { urls, network }, io)
    : await checkService(raw.policy, raw.env, { urls, network });
  if (!outcome.ok) {
    writePolicyFileIssues(io, outcome.policyFile, outcome.issues, 'check');
    return outcome.exitCode;
  }
  const toFile = raw.output !== undefined;
  const color = colorEnabled({ flag: raw.color, toFile, stream: io.stdout, env: io.env });
  const report = formatCheckReport(outcome.run, raw.format as CheckFormat, {
    version,
    color,
    verbose: raw.verbose === true,
  });
  if (raw.output !== undefined) {
    await writeFile(raw.output, report);
    io.stderr.write(`${formatCheckSummary(outcome.run.results)}\nreport written to ${raw.output}\n`);
  } else io.stdout.write(report);
  return outcome.exitCode;
}

/** `check --queue URL`: the URLs are checked by the workers; Ctrl-C stops the wait (the jobs stay queued). */
async function checkThroughQueue(
  url: string,
  policy: string,
  env: string | undefined,
  options: CheckServiceOptions,
  io: CommandIo,
): Promise<CheckOutcome> {
  const queue = await openQueue(url, { option: '--queue' });
  const stop = stopOnSignals();
  try {
    io.stderr.write('corsguard check: URLs queued for the workers; waiting for their results\n');
    return await queueCheck(queue, policy, env, { ...options, signal: stop.signal });
  } finally {
    stop.dispose();
    await queue.close();
  }
}
