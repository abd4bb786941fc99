import type { CheckRun, CheckSummary } from '../../capabilities/check/index.js';
import { type ExitCode, exitCodeOf } from '../kit/index.js';
import { formatCheckJson } from './json.js';
import { formatCheckJunit } from './junit.js';
import { formatCheckText } from './text.js';

/** Every `corsguard check --format`. */
export const CHECK_FORMATS = ['text', 'json', 'junit'] as const;

/** A check report format. */
export type CheckFormat = (typeof CHECK_FORMATS)[number];

/** What the check reports may need. */
export interface CheckReportOptions {
  readonly version: string;
  readonly color?: boolean;
  readonly verbose?: boolean;
}

/**
 * The report of a check run in one format.
 *
 * @example
 * ```ts
 * process.stdout.write(formatCheckReport(run, 'junit', { version: '0.1.0' }));
 * ```
 */
export function formatCheckReport(run: CheckRun, format: CheckFormat, options: CheckReportOptions): string {
  switch (format) {
    case 'json':
      return formatCheckJson(run, options.version);
    case 'junit':
      return formatCheckJunit(run);
    case 'text':
      return formatCheckText(run, { color: options.color === true, verbose: options.verbose === true });
  }
}

/**
 * The exit code of a check run (the output kit's `EXIT`): 1 when any violation was found, else 3 when probes could
 * not be sent, else 0.
 *
 * @example
 * ```ts
 * checkExitCode(summarizeCheck(results)); // 0 when the deployment matches its policy
 * ```
 */
export function checkExitCode(summary: CheckSummary): ExitCode {
  return exitCodeOf({ failing: summary.violations, errors: summary.errors });
}
