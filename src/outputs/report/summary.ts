import { gradeTarget, type ScanGrade, ScanGrader, type TargetGrade } from '../../capabilities/grade/index.js';
import { SEVERITIES, type Severity, type TargetResult } from '../../capabilities/scan/index.js';
import { type ExitCode, exitCodeOf } from '../kit/index.js';

/** Severity threshold for a failing exit code, or `none` to never fail on findings. */
export type FailOn = Severity | 'none';

/** Running totals over a scan; constant memory whatever the number of targets. */
export interface ScanSummary {
  targets: number;
  scanned: number;
  errors: number;
  requests: number;
  findings: Record<Severity, number>;
  /** Targets with at least one finding at or above the fail-on threshold. */
  failing: number;
  durationMs: number;
  failOn: FailOn;
  /** The whole-scan grade: the worst graded target; null when no target could be graded. */
  grade: ScanGrade | null;
  /** Present with `--baseline`: findings and targets are then only the new ones. */
  baseline?: BaselineSummary;
}

/** What changed since a `--baseline` report. */
export interface BaselineSummary {
  /** The baseline file as given on the command line. */
  file: string;
  /** Findings not in the baseline (the only ones reported and counted for the exit code). */
  new: number;
  /** Findings also in the baseline (not reported). */
  unchanged: number;
  /** Baseline findings of the targets scanned now that are gone. */
  fixed: Array<{ url: string; id: string; severity: Severity; title: string; fingerprint: string }>;
}

/** Whether `severity` is at or above `threshold`. */
export function atOrAbove(severity: Severity, threshold: FailOn): boolean {
  return threshold !== 'none' && SEVERITIES.indexOf(severity) <= SEVERITIES.indexOf(threshold);
}

/**
 * Accumulates results into a {@link ScanSummary}.
 *
 * @example
 * ```ts
 * const s = new SummaryBuilder('high');
 * s.add(result);
 * s.exitCode(); // 1 if result has a high or critical finding
 * ```
 */
export class SummaryBuilder {
  readonly #started = Date.now();
  readonly #grader = new ScanGrader();
  readonly summary: ScanSummary;

  constructor(failOn: FailOn) {
    this.summary = {
      targets: 0,
      scanned: 0,
      errors: 0,
      requests: 0,
      findings: { critical: 0, high: 0, medium: 0, low: 0, info: 0 },
      failing: 0,
      durationMs: 0,
      failOn,
      grade: null,
    };
  }

  /** Counts one target; its grade is `result.grade` when given (see `withGrade`), else computed here. */
  add(result: TargetResult & { readonly grade?: TargetGrade | null }): void {
    const s = this.summary;
    this.#grader.add(result.url, result.grade === undefined ? gradeTarget(result) : result.grade);
    s.grade = this.#grader.grade;
    s.targets++;
    s.requests += result.requests;
    if (result.error) s.errors++;
    else s.scanned++;
    for (const f of result.findings) s.findings[f.severity]++;
    if (result.findings.some((f) => atOrAbove(f.severity, s.failOn))) s.failing++;
    s.durationMs = Date.now() - this.#started;
  }

  /** 1 when a finding is at or above the threshold, else 3 when a target failed, else 0. */
  exitCode(): ExitCode {
    return exitCodeOf(this.summary);
  }
}
