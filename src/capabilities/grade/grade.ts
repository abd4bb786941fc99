import { type Finding, type FindingId, SEVERITIES, type Severity, type TargetResult } from '../scan/index.js';
import { SCORE_TABLE, SEVERITY_WEIGHT } from './score-table.js';

/** Letter grades, best first. */
export type Letter = 'A+' | 'A' | 'B' | 'C' | 'D' | 'F';

/** All letters, best first. */
export const LETTERS: readonly Letter[] = ['A+', 'A', 'B', 'C', 'D', 'F'];

/** The grade of one scanned target. */
export interface TargetGrade {
  /** 0–100 after caps. */
  readonly score: number;
  readonly letter: Letter;
  /** Why the score was capped, when it was (a critical or high finding). */
  readonly cap?: string;
  /** Points lost per finding id, most first. */
  readonly deductions: ReadonlyArray<{
    readonly id: FindingId;
    readonly severity: Severity;
    readonly points: number;
  }>;
}

/** The grade of a whole scan: its worst graded target. */
export interface ScanGrade {
  readonly score: number;
  readonly letter: Letter;
  /** URL of the target that sets the scan grade. */
  readonly target: string;
  readonly graded: number;
  /** Targets that errored and got no grade. */
  readonly ungraded: number;
}

/** Minimum score of each letter below A+ (A+ is exactly 100, which only a target without findings reaches). */
export const LETTER_THRESHOLDS: ReadonlyArray<readonly [Letter, number]> = [
  ['A', 90],
  ['B', 80],
  ['C', 70],
  ['D', 60],
  ['F', 0],
];

/** Highest score allowed when a finding of this severity is present. */
const CAPS: Partial<Record<Severity, number>> = { critical: 59, high: 79 };

/**
 * Points a finding costs: the row's modifier scaled by the finding's actual severity relative to the row's
 * severity (`modifier × weight(actual) / weight(row)`), rounded, at least 1.
 *
 * @example
 * ```ts
 * findingCost('origin-reflected', 'critical'); // 60
 * findingCost('origin-reflected', 'low');      // 15 (readable without cookies only)
 * ```
 */
export function findingCost(id: FindingId, severity: Severity): number {
  const row = SCORE_TABLE[id];
  return Math.max(1, Math.round((row.modifier * SEVERITY_WEIGHT[severity]) / SEVERITY_WEIGHT[row.severity]));
}

/**
 * Letter of a score: A+ only at 100, then A ≥ 90, B ≥ 80, C ≥ 70, D ≥ 60, F below.
 *
 * @example
 * ```ts
 * letterOf(100); // 'A+'
 * letterOf(85);  // 'B'
 * ```
 */
export function letterOf(score: number): Letter {
  if (score >= 100) return 'A+';
  for (const [letter, min] of LETTER_THRESHOLDS) if (score >= min) return letter;
  return 'F';
}

function worstPerId(findings: readonly Finding[]): Map<FindingId, Severity> {
  const worst = new Map<FindingId, Severity>();
  for (const f of findings) {
    const seen = worst.get(f.id);
    if (seen === undefined || SEVERITIES.indexOf(f.severity) < SEVERITIES.indexOf(seen))
      worst.set(f.id, f.severity);
  }
  return worst;
}

/**
 * Grades one target: 100 minus the cost of each finding id (once per id, at its worst severity), floored at
 * 0; any critical finding caps the score at 59 (F), any high at 79 (C). A target that errored gets no grade
 * (`null`): a partial scan cannot vouch for the configuration.
 *
 * @example
 * ```ts
 * gradeTarget({ url, requests: 70, durationMs: 40, findings: [], notes: [] }); // { score: 100, letter: 'A+', deductions: [] }
 * ```
 */
export function gradeTarget(result: TargetResult): TargetGrade | null {
  if (result.error) return null;
  const deductions = [...worstPerId(result.findings)]
    .map(([id, severity]) => ({ id, severity, points: findingCost(id, severity) }))
    .sort((a, b) => b.points - a.points);
  let score = Math.max(0, 100 - deductions.reduce((sum, d) => sum + d.points, 0));
  let cap: string | undefined;
  for (const sev of ['critical', 'high'] as const) {
    const limit = CAPS[sev];
    if (limit !== undefined && deductions.some((d) => d.severity === sev) && score > limit) {
      score = limit;
      cap = `a ${sev} finding caps the grade at ${letterOf(limit)}`;
      break;
    }
  }
  return { score, letter: letterOf(score), ...(cap ? { cap } : {}), deductions };
}

/**
 * Accumulates the whole-scan grade: the worst graded target (lowest score). One weak endpoint is enough to
 * be attacked, so a mean would hide it. `null` when no target could be graded.
 *
 * @example
 * ```ts
 * const g = new ScanGrader();
 * g.add('https://a/', gradeTarget(a));
 * g.grade; // { score: 41, letter: 'F', target: 'https://a/', graded: 1, ungraded: 0 }
 * ```
 */
export class ScanGrader {
  #worst: { score: number; letter: Letter; target: string } | undefined;
  #graded = 0;
  #ungraded = 0;

  add(url: string, grade: TargetGrade | null): void {
    if (grade === null) {
      this.#ungraded++;
      return;
    }
    this.#graded++;
    if (this.#worst === undefined || grade.score < this.#worst.score) {
      this.#worst = { score: grade.score, letter: grade.letter, target: url };
    }
  }

  get grade(): ScanGrade | null {
    if (this.#worst === undefined) return null;
    return { ...this.#worst, graded: this.#graded, ungraded: this.#ungraded };
  }
}
