import type { ProbeFamily } from '../probes/index.js';
import type { SeverityRule } from './severity.js';

/** What an explanation or remediation is written about. */
export interface FindingContext {
  /** The probe origin that demonstrates it. */
  readonly origin: string;
  /** The scanned URL. */
  readonly url: string;
  /** The browser model says a page at `origin` reads responses with the victim's cookies. */
  readonly credentialed: boolean;
}

/**
 * The exploration stage that sends a probe family (`exploreOrigins`): 1 the arbitrary origin, then the
 * bypass generators in three stages, most general first, so earlier hits explain (and skip) later probes.
 */
export type ExploreStage = 1 | 2 | 3 | 4;

/**
 * Where a finding comes from: a granted probe of an origin family (sent at `stage` of the exploration), or
 * the analyzer function of the scanner that raises it from the observed responses.
 */
export type FindingSource =
  | { readonly family: Exclude<ProbeFamily, 'discovery' | 'combined'>; readonly stage: ExploreStage }
  | { readonly analyzer: string };

/**
 * Everything about one finding id, declared once in the registry; the catalog, the score table, the
 * wording, the family map, the docs tables and the lab coverage are views of it.
 */
export interface FindingDefinition {
  /** One-line summary (the finding's `title`). */
  readonly title: string;
  readonly source: FindingSource;
  readonly severity: SeverityRule;
  /**
   * Grading: points deducted from 100 at the rule's worst severity, and the one thing to do first (shown in
   * the remediation plan, in priority order with the other findings).
   */
  readonly score: { readonly modifier: number; readonly recommendation: string };
  /**
   * Plain language for a web developer who is not a CORS specialist: what the server does (one sentence,
   * after "The server") and who can host a page at an accepted origin (`{origin}` is replaced).
   */
  readonly wording: { readonly serverDoes: string; readonly who: string };
  /**
   * The row of docs/findings.md: what the server does, in markdown, and the severity column when it says
   * more than the rule (the default is `credentialed / anonymous`, or one value when they are equal).
   */
  readonly docs: { readonly does: string; readonly severity?: string };
  /** What an attacker does with it, in plain language. */
  readonly explain: (c: FindingContext) => string;
  /** How to fix it. */
  readonly remediation: string;
  /**
   * What a page can demonstrate in a browser from the finding's own evidence: a cross-origin `read`, a
   * hijacked `websocket`, or `none` by itself (a configuration weakness). Decides the exploitability and
   * the proof-of-concept pages.
   */
  readonly demonstrates: 'read' | 'websocket' | 'none';
  /** Path of the lab endpoint that demonstrates it (`src/capabilities/lab/endpoints.ts`). */
  readonly lab: string;
}
