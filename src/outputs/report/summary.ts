import { gradeTarget, type ScanGrade, ScanGrader, type TargetGrade } from '../../capabilities/grade/index.js';
import { SEVERITIES, type Severity, type TargetResult } from '../../capabilities/scan/index.js';
import { type ExitCode, exitCodeOf } from '../kit/index.js';
import { isNew, type ReportFinding, type TargetBaseline } from './target.js';

/** Severity threshold for a failing exit code, or `none` to never fail on findings. */
export type FailOn = Severity | 'none';

/** Running totals over a scan; constant memory whatever the number of targets. */
export interface ScanSummary {
  targets: number;
  scanned: number;
  errors: number;
  requests: number;
  /** Every current finding by severity (with `--baseline`, unchanged ones included). */
  findings: Record<Severity, number>;
  /** Targets with at least one new finding at or above the fail-on threshold (every finding is new without `--baseline`). */
  failing: number;
  durationMs: number;
  failOn: FailOn;
  /** The whole-scan grade: the worst graded target; null when no target could be graded. */
  grade: ScanGrade | null;
  /** Present with `--baseline`: how many findings are new and unchanged, and which are fixed. */
  baseline?: BaselineSummary;
}

/**
 * What changed since a `--baseline` report, over all targets: the per-target {@link TargetBaseline}s
 * added up. `unverified` also counts the findings of baseline targets that were not scanned now.
 */
export interface BaselineSummary extends TargetBaseline {
  /** The baseline file as given on the command line. */
  file: string;
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
  add(
    result: TargetResult & {
      readonly findings: readonly ReportFinding[];
      readonly grade?: TargetGrade | null;
    },
  ): void {
    const s = this.summary;
    this.#grader.add(result.url, result.grade === undefined ? gradeTarget(result) : result.grade);
    s.grade = this.#grader.grade;
    s.targets++;
    s.requests += result.requests;
    if (result.error) s.errors++;
    else s.scanned++;
    for (const f of result.findings) s.findings[f.severity]++;
    // With a baseline only new findings fail: the baseline accepted the unchanged ones.
    if (result.findings.some((f) => isNew(f) && atOrAbove(f.severity, s.failOn))) s.failing++;
    s.durationMs = Date.now() - this.#started;
  }

  /** 1 when a new finding is at or above the threshold, else 3 when a target failed, else 0. */
  exitCode(): ExitCode {
    return exitCodeOf(this.summary);
  }
}
