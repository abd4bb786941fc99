import { DISCOVERY_DEFAULTS } from '../capabilities/discovery/index.js';
import { isStack, STACKS, type Stack } from '../capabilities/remediation/index.js';
import type { ScanManyOptions } from '../capabilities/scan/index.js';
import { SEVERITIES } from '../capabilities/scan/index.js';
import { parseTrustedOrigins } from '../core/origin/index.js';
import type { FailOn } from '../outputs/report/index.js';
import { parseNetworkOptions, type RawNetworkOptions, TOKEN, throwProblems } from './network-options.js';
import { type ReportOutput, resolveOutputs } from './output-options.js';

/** Raw `corsguard scan` options as commander parses them. */
export interface RawScanOptions extends RawNetworkOptions {
  input?: string;
  lab?: boolean;
  method?: string;
  trustedOrigin: string[];
  followRedirects?: boolean;
  thorough?: boolean;
  /** `--format`, repeatable, each value possibly a comma list (a single string is accepted too). */
  format: string | string[];
  /** `-o`, repeatable: `FORMAT=FILE` or one plain `FILE`. */
  output?: string | string[];
  failOn: string;
  stack?: string;
  poc?: string;
  verify?: boolean;
  baseline?: string;
  color?: boolean;
  progress?: boolean;
  verbose?: boolean;
  queue?: string;
  jobTimeout?: string;
  discover?: boolean;
  discoverLimit?: string;
}

/** Validated options: what to scan with, and how to report. */
export interface ScanCommandOptions {
  readonly scan: ScanManyOptions;
  /** Every report to write, each to its file or (at most one) to stdout. */
  readonly outputs: readonly ReportOutput[];
  readonly failOn: FailOn;
  /** `--stack`: the stack remediation snippets are written for. */
  readonly stack?: Stack;
  /** `--poc DIR`: write proof-of-concept pages there. */
  readonly poc?: string;
  /** `--verify`: load each exploitable finding's PoC in headless Chromium and record `verified`. */
  readonly verify: boolean;
  /** `--baseline FILE`: report only what changed since that JSON report. */
  readonly baseline?: string;
  readonly input?: string;
  readonly lab: boolean;
  readonly color?: boolean;
  readonly progress: boolean;
  readonly verbose: boolean;
  /** `--queue URL`: fan the list out to `corsguard worker`s through this PostgreSQL. */
  readonly queue?: string;
  /** `--job-timeout`: seconds before a job of a dead worker is delivered again (with `--queue`). */
  readonly jobTimeoutSeconds: number;
  /** `--discover`: find the endpoints of the one site URL given, then scan them (at most `limit`). */
  readonly discover?: { readonly limit: number };
}

/**
 * Validates `--trusted-origin` values (scan; init's `--origin` with `--from`) into serialized origins; each
 * problem is appended to `problems`.
 *
 * @example
 * ```ts
 * trustedOriginsOption(['https://App.example.com'], []); // ['https://app.example.com']
 * ```
 */
export const trustedOriginsOption = (raw: readonly string[], problems: string[]): string[] =>
  parseTrustedOrigins(raw, '--trusted-origin', problems);

/**
 * Validates `corsguard scan` options; every problem is reported at once in one USAGE error that says the fix.
 *
 * @example
 * ```ts
 * validateScanOptions({ ...raw, concurrency: '0' }); // throws: -c/--concurrency must be a whole number from 1 to 1024…
 * ```
 */
export function validateScanOptions(raw: RawScanOptions): ScanCommandOptions {
  const problems: string[] = [];
  const list = (v: string | string[] | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
  const outputs = resolveOutputs(list(raw.format), list(raw.output), problems);
  if (raw.stack !== undefined && !isStack(raw.stack)) {
    problems.push(`--stack must be one of ${STACKS.join(', ')}, got ${JSON.stringify(raw.stack)}`);
  }
  if (raw.poc !== undefined && raw.poc.trim() === '')
    problems.push('--poc needs a directory, e.g. --poc poc');
  if (raw.baseline !== undefined && raw.baseline.trim() === '')
    problems.push('--baseline needs a file, e.g. --baseline previous.json');
  const failOn = raw.failOn as FailOn;
  if (failOn !== 'none' && !SEVERITIES.includes(failOn)) {
    problems.push(
      `--fail-on must be one of ${[...SEVERITIES, 'none'].join(', ')}, got ${JSON.stringify(raw.failOn)}`,
    );
  }
  if (raw.method !== undefined && !TOKEN.test(raw.method))
    problems.push(`-X ${JSON.stringify(raw.method)} is not an HTTP method`);
  if (raw.verify && raw.queue !== undefined)
    problems.push('--verify runs Chromium in this process; drop --queue (or --verify)');
  const network = parseNetworkOptions(raw, problems);
  const jobTimeoutSeconds = queueProblems(raw, problems);
  const trustedOrigins = trustedOriginsOption(raw.trustedOrigin, problems);
  const discover = discoverProblems(raw, problems);
  throwProblems(problems);
  const scan: ScanManyOptions = {
    ...network,
    trustedOrigins,
    followRedirects: raw.followRedirects === true,
    ...(raw.thorough === true ? { thorough: true } : {}),
    ordered: !outputs.every((o) => o.format === 'jsonl'),
    ...(raw.method ? { method: raw.method } : {}),
  };
  return {
    scan,
    outputs,
    failOn,
    lab: raw.lab === true,
    verify: raw.verify === true,
    progress: raw.progress !== false,
    verbose: raw.verbose === true,
    jobTimeoutSeconds,
    ...(discover ? { discover } : {}),
    ...(raw.queue !== undefined ? { queue: raw.queue } : {}),
    ...(raw.color === undefined ? {} : { color: raw.color }),
    ...(raw.stack !== undefined && isStack(raw.stack) ? { stack: raw.stack } : {}),
    ...(raw.poc ? { poc: raw.poc } : {}),
    ...(raw.baseline ? { baseline: raw.baseline } : {}),
    ...(raw.input ? { input: raw.input } : {}),
  };
}

/** The `--queue` checks: what cannot go through the queue; returns `--job-timeout` in seconds. */
function queueProblems(raw: RawScanOptions, problems: string[]): number {
  const timeout = raw.jobTimeout ?? '300';
  const seconds = Number(timeout);
  if (!/^\d+$/.test(timeout.trim()) || seconds < 1 || seconds > 86_400)
    problems.push(
      `--job-timeout must be a whole number of seconds from 1 to 86400, got ${JSON.stringify(timeout)}`,
    );
  if (raw.queue === undefined) return seconds;
  if (raw.lab) problems.push('--queue scans a list (-i FILE or URLs), not --lab; drop one');
  if (raw.poc !== undefined)
    problems.push('--poc is not available with --queue; scan the URLs that matter without it');
  if (raw.cookie !== undefined || raw.header.length > 0) {
    problems.push(
      '--cookie and -H are not sent through --queue: they would be stored in PostgreSQL; scan authenticated URLs without --queue',
    );
  }
  return seconds;
}

/** The `--discover` checks: what it cannot be combined with, and `--discover-limit`. */
function discoverProblems(raw: RawScanOptions, problems: string[]): { limit: number } | undefined {
  if (!raw.discover) {
    if (raw.discoverLimit !== undefined)
      problems.push('--discover-limit needs --discover SITE-URL; add --discover or drop the limit');
    return undefined;
  }
  if (raw.lab) problems.push('--discover finds the endpoints of a site, not of --lab; drop one');
  if (raw.input !== undefined)
    problems.push('--discover starts from one site URL, not -i; give the site URL');
  if (raw.queue !== undefined)
    problems.push(
      '--discover runs in this process, not through --queue; drop --queue, or scan a list with -i',
    );
  const text = raw.discoverLimit ?? String(DISCOVERY_DEFAULTS.limit);
  const limit = Number(text);
  if (!/^\d+$/.test(text.trim()) || limit < 1 || limit > 1000) {
    problems.push(`--discover-limit must be a whole number from 1 to 1000, got ${JSON.stringify(text)}`);
    return undefined;
  }
  return { limit };
}
