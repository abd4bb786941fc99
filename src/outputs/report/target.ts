import type { DiscoverySource } from '../../capabilities/discovery/index.js';
import { gradeTarget, type TargetGrade } from '../../capabilities/grade/index.js';
import type { Finding, Severity, TargetResult } from '../../capabilities/scan/index.js';

/** A current finding compared with a `--baseline` report: not in it (`new`) or in it (`unchanged`). */
export type BaselineState = 'new' | 'unchanged';

/** A finding as reported: with `--baseline`, it carries its {@link BaselineState}. */
export interface ReportFinding extends Finding {
  readonly baseline?: BaselineState;
}

/** A finding of the baseline report, as the baseline file gave it (fixed findings are listed this way). */
export interface BaselineFinding {
  readonly url: string;
  readonly id: string;
  readonly severity: Severity;
  readonly title: string;
  readonly fingerprint: string;
}

/** How one target compares with the baseline. */
export interface TargetBaseline {
  /** Current findings not in the baseline. */
  new: number;
  /** Current findings also in the baseline (still there: they count for the grade). */
  unchanged: number;
  /** Baseline findings of this target that a complete scan no longer finds. */
  fixed: BaselineFinding[];
  /** Baseline findings not found by a scan that did not complete: neither unchanged nor proven fixed. */
  unverified: number;
}

/**
 * A target as reported: the scan result plus its grade (`null` when the target errored); with
 * `--baseline`, every finding carries its state and `baseline` says what changed.
 */
export interface ReportTarget extends TargetResult {
  readonly findings: readonly ReportFinding[];
  readonly grade: TargetGrade | null;
  readonly baseline?: TargetBaseline;
  /** With `scan --discover`: where the endpoint was found (page, script and line, API description…). */
  readonly discoveredFrom?: readonly DiscoverySource[];
}

/**
 * Adds the grade to a scan result. The grade is always computed from every finding of the scan, unchanged
 * ones included when `--baseline` is given.
 *
 * @example
 * ```ts
 * withGrade(result).grade?.letter; // 'F'
 * ```
 */
export function withGrade(result: TargetResult): ReportTarget {
  return { ...result, grade: gradeTarget(result) };
}

/**
 * Whether a finding is new: not in the baseline, or no baseline given. Only new findings fail `--fail-on`.
 *
 * @example
 * ```ts
 * isNew({ ...finding, baseline: 'unchanged' }); // false
 * isNew(finding); // true (no baseline)
 * ```
 */
export function isNew(f: ReportFinding): boolean {
  return f.baseline !== 'unchanged';
}
