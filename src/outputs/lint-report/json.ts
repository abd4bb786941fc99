import type { LintRun } from '../../capabilities/lint/index.js';
import { lintSummary } from './summary.js';

/** Version of the `corsguard lint --format json` document (`schema/lint.schema.json`). */
export const LINT_JSON_VERSION = 1;

/**
 * The JSON document of `corsguard lint --format json`: counts, then every finding (file, region, the
 * scanner's id, severity and title, the specific message, counterexample and fix) and every problem.
 *
 * @example
 * ```ts
 * JSON.parse(lintJson(run, '0.1.0')).findings[0].id; // 'origin-reflected'
 * ```
 */
export function lintJson(run: LintRun, version: string): string {
  const doc = {
    schemaVersion: LINT_JSON_VERSION,
    tool: 'corsguard',
    version,
    summary: lintSummary(run),
    findings: run.findings,
    problems: run.problems,
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
