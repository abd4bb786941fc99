import { type CheckRun, summarizeCheck } from '../../capabilities/check/index.js';

/** Version of the `corsguard check --format json` document. */
export const CHECK_REPORT_FORMAT = 1;

/**
 * The `--format json` report: `{ tool, format, command: 'check', policy, results, summary }`.
 *
 * @example
 * ```ts
 * JSON.parse(formatCheckJson(run, '0.1.0')).summary.violations; // 0
 * ```
 */
export function formatCheckJson(run: CheckRun, version: string): string {
  const doc = {
    tool: { name: 'corsguard', version },
    format: CHECK_REPORT_FORMAT,
    command: 'check',
    policy: { file: run.policyFile, environment: run.environment },
    results: run.results.map(({ probeIds: _ids, ...r }) => r),
    summary: summarizeCheck(run.results),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
