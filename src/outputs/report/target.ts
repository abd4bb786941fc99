import { gradeTarget, type TargetGrade } from '../../capabilities/grade/index.js';
import type { TargetResult } from '../../capabilities/scan/index.js';

/** A target as reported: the scan result plus its grade (`null` when the target errored). */
export interface ReportTarget extends TargetResult {
  readonly grade: TargetGrade | null;
}

/**
 * Adds the grade to a scan result. The grade is always computed from every finding of the scan, even when
 * `--baseline` later hides the findings that are not new.
 *
 * @example
 * ```ts
 * withGrade(result).grade?.letter; // 'F'
 * ```
 */
export function withGrade(result: TargetResult): ReportTarget {
  return { ...result, grade: gradeTarget(result) };
}
