import {
  type FindingContext,
  type FindingId,
  mapFindings,
  type SeverityRule,
} from '../../../core/findings/index.js';

export type { FindingContext } from '../../../core/findings/index.js';

/** One row of the finding catalog: what a finding says about itself. */
export interface FindingRule {
  readonly title: string;
  /**
   * Severity when a page at the origin can read with cookies / only without cookies / not at all (the
   * server's intent is visible but browsers block the read). Rules that are not about reads use one value.
   */
  readonly severity: SeverityRule;
  readonly explain: (c: FindingContext) => string;
  readonly remediation: string;
}

/**
 * The finding catalog: title, severity rule, explanation and fix for every finding id, in registry order.
 * A view of the finding registry (`src/core/findings/`), where each id is declared.
 *
 * @example
 * ```ts
 * FINDING_CATALOG['origin-reflected'].severity.credentialed; // 'critical'
 * ```
 */
export const FINDING_CATALOG: Readonly<Record<FindingId, FindingRule>> = mapFindings(
  ({ title, severity, explain, remediation }) => ({ title, severity, explain, remediation }),
);
