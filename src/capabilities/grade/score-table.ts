import { type FindingId, mapFindings, type Severity, worstSeverity } from '../../core/findings/index.js';

/** One row of the score table: what a finding id costs and what to do first. */
export interface ScoreRow {
  /** The severity the modifier is written for: the finding's worst case (readable with cookies, when that applies). */
  readonly severity: Severity;
  /** Points deducted from 100 when the finding has `severity`; scaled by {@link SEVERITY_WEIGHT} otherwise. */
  readonly modifier: number;
  /** The one thing to do, in priority order with the other rows (shown in the remediation plan). */
  readonly recommendation: string;
}

/**
 * How much a finding's actual severity counts relative to its row's severity: a finding the browser model
 * downgraded (readable only without cookies, or not readable at all) costs proportionally less.
 *
 * @example
 * ```ts
 * // origin-reflected row: critical, 60 points. Seen without cookies (low): 60 × 0.25 / 1 = 15 points.
 * SEVERITY_WEIGHT.low / SEVERITY_WEIGHT.critical; // 0.25
 * ```
 */
export const SEVERITY_WEIGHT: Readonly<Record<Severity, number>> = {
  critical: 1,
  high: 0.8,
  medium: 0.5,
  low: 0.25,
  info: 0.1,
};

/**
 * The score table: every finding id → severity, modifier (points) and recommendation, in registry order. A
 * view of the finding registry (`src/core/findings/`): the severity is the worst case of the id's severity
 * rule, the modifier and recommendation are the registry's `score`. docs/grading.md prints it.
 *
 * @example
 * ```ts
 * SCORE_TABLE['origin-reflected']; // { severity: 'critical', modifier: 60, recommendation: '…' }
 * ```
 */
export const SCORE_TABLE: Readonly<Record<FindingId, ScoreRow>> = mapFindings(({ severity, score }) => ({
  severity: worstSeverity(severity),
  modifier: score.modifier,
  recommendation: score.recommendation,
}));
