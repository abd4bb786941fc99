import type { HttpExchange } from '../engine/http-client.js';
import type { Finding, FindingId, Severity } from '../types.js';
import { FINDING_CATALOG } from './catalog.js';
import { toEvidence } from './evidence.js';

/** How far a page at the probe origin gets, by the browser model. */
export type Access = 'credentialed' | 'anonymous' | 'unreadable';

/** Everything needed to build one finding. */
export interface FindingInput {
  readonly url: string;
  readonly origin: string;
  readonly origins?: readonly string[];
  readonly access: Access;
  readonly exchanges: readonly HttpExchange[];
  /** Overrides the catalog's severity when the analyzer knows better (e.g. preflight granted only to trusted origins). */
  readonly severity?: Severity;
  /** Extra sentence appended to the explanation (what exactly was seen). */
  readonly detail?: string;
}

/**
 * Builds a finding from the catalog row of `id`: severity from the browser-model access, explanation and
 * fix in plain language, evidence redacted (at most 3 exchanges).
 *
 * @example
 * ```ts
 * makeFinding('origin-reflected', { url, origin: 'https://x.invalid', access: 'credentialed', exchanges: [ex] }).severity; // 'critical'
 * ```
 */
export function makeFinding(id: FindingId, input: FindingInput): Finding {
  const rule = FINDING_CATALOG[id];
  const credentialed = input.access === 'credentialed';
  const ctx = { origin: input.origin, url: input.url, credentialed };
  const explanation = rule.explain(ctx);
  return {
    id,
    severity: input.severity ?? rule.severity[input.access],
    title: rule.title,
    credentialed,
    origin: input.origin,
    origins: input.origins ?? [input.origin],
    evidence: input.exchanges.slice(0, 3).map(toEvidence),
    explanation: input.detail ? `${explanation} ${input.detail}` : explanation,
    remediation: rule.remediation,
  };
}
