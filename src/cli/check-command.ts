import { writeFile } from 'node:fs/promises';
import {
  type CheckUrlResult,
  checkPolicy,
  engineSender,
  planCheck,
  summarizeCheck,
} from '../capabilities/check/index.js';
import { pathPolicyForUrl } from '../capabilities/policy-file/index.js';
import { Engine } from '../capabilities/scan/index.js';
import { CorsguardError } from '../core/errors/index.js';
import { isHttpUrl } from '../core/origin/index.js';
import {
  checkExitCode,
  formatCheckJson,
  formatCheckJunit,
  formatCheckSummary,
  formatCheckText,
} from '../outputs/check-report/index.js';
import { loadEnvironment } from './environment-option.js';
import type { CommandIo } from './scan-command.js';
import { validateNetworkOptions } from './scan-options.js';

/** Raw `corsguard check` options as commander parses them. */
export interface RawCheckOptions {
  policy: string;
  env?: string;
  header: string[];
  cookie?: string;
  resolve: string[];
  insecure?: boolean;
  proxy?: string;
  concurrency: string;
  timeout: string;
  format: string;
  output?: string;
  color?: boolean;
  verbose?: boolean;
}

/** Check formats. */
export const CHECK_FORMATS = ['text', 'json', 'junit'] as const;

/**
 * Runs `corsguard check --policy FILE --env NAME [url...]`: checks every URL of the environment (or the
 * URLs given) against the policy for its path, and writes the report. Returns 0 clean, 1 violations, 2 an
 * invalid policy file (usage errors are thrown as USAGE), 3 probes that failed to send and no violation.
 *
 * @example
 * ```ts
 * const code = await runCheck([], { policy: 'cors.policy.yaml', env: 'production', … }, io, '0.1.0');
 * ```
 */
export async function runCheck(
  urlArgs: readonly string[],
  raw: RawCheckOptions,
  io: CommandIo,
  version: string,
): Promise<number> {
  // The network options mean exactly what they mean for scan: validated by the same code.
  const scan = validateNetworkOptions(raw);
  const env = await loadEnvironment(raw.policy, raw.env, 'check', io);
  if (env === null) return 2;
  const urls = urlArgs.length > 0 ? urlArgs : env.urls;
  if (urls.length === 0) {
    throw new CorsguardError(
      'USAGE',
      `environment ${JSON.stringify(env.name)} of ${raw.policy} has no urls; add urls: [https://…] to it, or give URLs after the options`,
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
  const engine = new Engine(scan);
  let results: CheckUrlResult[];
  try {
    results = await Promise.all(
      urls.map(async (url): Promise<CheckUrlResult> => {
        const override = pathPolicyForUrl(env, url);
        const policy = override?.policy ?? env.policy;
        const result = await checkPolicy(url, policy, engineSender(engine, url), {
          concurrency: scan.concurrency ?? 32,
        });
        return { ...result, path: override?.path ?? null, probeIds: planCheck(policy).map((p) => p.id) };
      }),
    );
  } finally {
    await engine.close();
  }
  const run = { policyFile: raw.policy, environment: env.name, results };
  const color = raw.color ?? (raw.output === undefined && io.stdout.isTTY === true && !io.env.NO_COLOR);
  const report =
    raw.format === 'json'
      ? formatCheckJson(run, version)
      : raw.format === 'junit'
        ? formatCheckJunit(run)
        : formatCheckText(run, { color, verbose: raw.verbose === true });
  if (raw.output !== undefined) {
    await writeFile(raw.output, report);
    io.stderr.write(`${formatCheckSummary(results)}\nreport written to ${raw.output}\n`);
  } else io.stdout.write(report);
  return checkExitCode(summarizeCheck(results));
}
