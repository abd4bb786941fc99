/** How bad a finding is. Ordered from most to least severe in {@link SEVERITIES}. */
export type Severity = 'critical' | 'high' | 'medium' | 'low' | 'info';

/**
 * All severities, most severe first.
 *
 * @example
 * ```ts
 * SEVERITIES.indexOf('critical') < SEVERITIES.indexOf('low'); // true
 * ```
 */
export const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low', 'info'];

/**
 * Severity of a finding when a page at the probe origin can read with cookies / only without cookies / not
 * at all (the server's intent is visible but browsers block the read). Rules that are not about reads use
 * one value three times.
 */
export interface SeverityRule {
  readonly credentialed: Severity;
  readonly anonymous: Severity;
  readonly unreadable: Severity;
}

/**
 * The worst case of a severity rule: the severity the score modifier is written for.
 *
 * @example
 * ```ts
 * worstSeverity({ credentialed: 'critical', anonymous: 'low', unreadable: 'info' }); // 'critical'
 * ```
 */
export function worstSeverity(rule: SeverityRule): Severity {
  const ranks = [rule.credentialed, rule.anonymous, rule.unreadable].map((s) => SEVERITIES.indexOf(s));
  return SEVERITIES[Math.min(...ranks)] ?? rule.credentialed;
}

/**
 * A rule whose severity does not depend on readability.
 *
 * @example
 * ```ts
 * flat('low'); // { credentialed: 'low', anonymous: 'low', unreadable: 'low' }
 * ```
 */
export function flat(severity: Severity): SeverityRule {
  return { credentialed: severity, anonymous: severity, unreadable: severity };
}
