import type { CheckResult } from './run-check.js';

/** The result for one URL of a `corsguard check` run. */
export interface CheckUrlResult extends CheckResult {
  /** The path override whose policy applied (`/public/`), or null for the environment's own policy. */
  readonly path: string | null;
}

/** A whole `corsguard check` run: which policy, and one result per URL. */
export interface CheckRun {
  readonly policyFile: string;
  readonly environment: string;
  readonly results: readonly CheckUrlResult[];
}

/** Totals of a check run. */
export interface CheckSummary {
  readonly urls: number;
  readonly probes: number;
  readonly violations: number;
  /** Probes that could not be sent. */
  readonly errors: number;
  /** Violations per code. */
  readonly byCode: Readonly<Record<string, number>>;
}

/**
 * Totals over a run.
 *
 * @example
 * ```ts
 * summarizeCheck(run.results); // { urls: 2, probes: 104, violations: 1, errors: 0, byCode: { 'vary-missing': 1 } }
 * ```
 */
export function summarizeCheck(results: readonly CheckResult[]): CheckSummary {
  const byCode: Record<string, number> = {};
  let probes = 0;
  let violations = 0;
  let errors = 0;
  for (const r of results) {
    probes += r.probes;
    violations += r.violations.length;
    errors += r.errors.length;
    for (const v of r.violations) byCode[v.code] = (byCode[v.code] ?? 0) + 1;
  }
  return { urls: results.length, probes, violations, errors, byCode };
}
