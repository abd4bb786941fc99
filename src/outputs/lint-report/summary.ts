import type { LintRun } from '../../capabilities/lint/index.js';
import { SEVERITIES, type Severity } from '../../core/findings/index.js';

/** Counts of a lint run, the same in every format. */
export interface LintSummary {
  readonly files: number;
  readonly skipped: number;
  readonly findings: number;
  readonly bySeverity: Readonly<Record<Severity, number>>;
  readonly problems: number;
}

/**
 * The counts of a lint run.
 *
 * @example
 * ```ts
 * lintSummary(run).bySeverity.critical; // 2
 * ```
 */
export function lintSummary(run: LintRun): LintSummary {
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const f of run.findings) bySeverity[f.severity]++;
  return {
    files: run.files,
    skipped: run.skipped,
    findings: run.findings.length,
    bySeverity,
    problems: run.problems.length,
  };
}
