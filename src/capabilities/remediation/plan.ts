import { parseTupleOrigin } from '../../core/origin/index.js';
import { discoveryProbes } from '../../core/probes/index.js';
import { findingCost, SCORE_TABLE } from '../grade/index.js';
import {
  FINDING_CATALOG,
  type Finding,
  type FindingId,
  SEVERITIES,
  type Severity,
  type TargetResult,
  TRUSTED_ORIGINS_NOTE,
} from '../scan/index.js';
import {
  keptOrigins,
  PLACEHOLDER_ORIGIN,
  type Snippet,
  type SnippetContext,
  snippetsFor,
} from './snippets.js';
import { detectStacks, STACKS, type Stack } from './stacks.js';

/** One step of a remediation plan: one finding id. */
export interface RemediationStep {
  /** 1 = do this first. */
  readonly order: number;
  readonly id: FindingId;
  readonly severity: Severity;
  readonly title: string;
  /** Grade points won back by this step. */
  readonly points: number;
  /** The short priority action from the score table. */
  readonly recommendation: string;
  /** The full fix from the finding catalog. */
  readonly remediation: string;
  /** Snippets per stack (the chosen or detected stack first); empty until generators exist. */
  readonly snippets: readonly Snippet[];
}

/** The fix-it list of one target, most dangerous first. */
export interface RemediationPlan {
  readonly url: string;
  /** The stack snippets are written for: `--stack`, else detected from headers, else null. */
  readonly stack: Stack | null;
  readonly stackSource: 'option' | 'detected' | null;
  /** Stacks suggested by the response headers. */
  readonly detected: readonly Stack[];
  readonly steps: readonly RemediationStep[];
}

/** Origins the scan found trusted (the `trustedOrigins` field, or the note of older reports). */
export function trustedOriginsOf(result: TargetResult): string[] {
  if (result.trustedOrigins) return [...result.trustedOrigins];
  // Reports written before the trustedOrigins field only have the note.
  const note = result.notes.find((n) => n.startsWith(TRUSTED_ORIGINS_NOTE));
  if (!note) return [];
  return note
    .slice(TRUSTED_ORIGINS_NOTE.length)
    .replace(/\.$/, '')
    .split(', ')
    .filter((o) => o !== '');
}

/**
 * The context a snippet generator gets for one finding of a target.
 *
 * @example
 * ```ts
 * snippetContext(result, finding).allowedOrigins; // ['https://app.example.com']
 * ```
 */
export function snippetContext(result: TargetResult, finding: Finding): SnippetContext {
  return { ...targetContext(result), finding };
}

/** The part of a {@link SnippetContext} that is the same for every finding of a target (computed once per plan). */
function targetContext(result: TargetResult): Omit<SnippetContext, 'finding'> {
  const credentials = result.findings.some((f) =>
    f.evidence.some((e) =>
      e.response.headers.some(([k, v]) => k === 'access-control-allow-credentials' && v === 'true'),
    ),
  );
  return { url: result.url, allowedOrigins: frontEndsOf(result), credentials };
}

/**
 * Findings that show the server grants origins by a pattern: every subdomain (a wildcard, or a suffix or
 * substring check). Then the discovery guesses it granted (`admin.`, `dev.`, `staging.`… of the site)
 * say nothing about which front ends are real.
 */
const PATTERN_TRUST: ReadonlySet<FindingId> = new Set([
  'subdomain-trusted',
  'suffix-match-bypass',
  'substring-match-bypass',
]);

/**
 * The trusted origins a fix may keep: all of them, unless the server grants by a pattern; then only
 * those corsguard did not guess (named with `--trusted-origin`, named by the server's own
 * Access-Control-Allow-Origin, or of another site). The probe list is never proposed as an allowlist.
 *
 * @example
 * ```ts
 * frontEndsOf(suffixMatchingTarget); // ['https://shop.victim.test'] (declared), not admin./dev./staging.
 * ```
 */
export function frontEndsOf(result: TargetResult): string[] {
  const trusted = trustedOriginsOf(result);
  if (!result.findings.some((f) => PATTERN_TRUST.has(f.id))) return trusted;
  let guessed: Set<string>;
  try {
    const own = parseTupleOrigin(new URL(result.url).origin);
    guessed = new Set(discoveryProbes(own, []).map((p) => p.origin));
  } catch {
    return trusted;
  }
  return trusted.filter((o) => !guessed.has(o));
}

function worstFinding(findings: readonly Finding[], id: FindingId): Finding | undefined {
  return findings
    .filter((f) => f.id === id)
    .sort((a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity))[0];
}

/**
 * The ordered remediation plan of a target: one step per finding id, most severe first, then the one worth
 * the most grade points; each step joins the catalog's fix, the score table's recommendation and the
 * snippets for the stack (`--stack` wins over detection; with neither, snippets for every stack are asked for).
 *
 * @example
 * ```ts
 * remediationPlan(result, { stack: 'express' }).steps[0]; // { order: 1, id: 'origin-reflected', … }
 * ```
 */
export function remediationPlan(
  result: TargetResult,
  options: {
    stack?: Stack;
    /** `false`: the steps without snippets (cheaper). Default true. */
    snippets?: boolean;
  } = {},
): RemediationPlan {
  const detected = detectStacks(result);
  const stack = options.stack ?? detected[0] ?? null;
  const stackSource = options.stack ? 'option' : stack ? 'detected' : null;
  const ids = [...new Set(result.findings.map((f) => f.id))];
  const stacks = options.snippets === false ? [] : stack ? [stack] : STACKS;
  const shared = stacks.length > 0 ? targetContext(result) : undefined;
  const steps = ids
    .map((id) => {
      const finding = worstFinding(result.findings, id);
      if (!finding) throw new Error('unreachable: id without finding');
      return { id, finding, points: findingCost(id, finding.severity) };
    })
    .sort(
      (a, b) =>
        SEVERITIES.indexOf(a.finding.severity) - SEVERITIES.indexOf(b.finding.severity) ||
        b.points - a.points,
    )
    .map(
      ({ id, finding, points }, i): RemediationStep => ({
        order: i + 1,
        id,
        severity: finding.severity,
        title: finding.title,
        points,
        recommendation: SCORE_TABLE[id].recommendation,
        remediation: FINDING_CATALOG[id].remediation,
        snippets: shared ? stacks.flatMap((s) => snippetsFor(s, { ...shared, finding })) : [],
      }),
    );
  return { url: result.url, stack, stackSource, detected, steps };
}

/**
 * The fix of a finding (its catalog text), with its example allowlist (`["https://app.example.com"]`) replaced
 * by the trusted origins the scan saw the server grant, when any is safe to keep.
 *
 * @example
 * ```ts
 * fixText(result, finding); // '… new Set(["https://app.victim.com"]).has(origin) …'
 * ```
 */
export function fixText(result: TargetResult, finding: Finding): string {
  const text = finding.remediation;
  const kept = keptOrigins(snippetContext(result, finding));
  if (kept.length === 0) return text;
  return text
    .replaceAll(JSON.stringify([PLACEHOLDER_ORIGIN]), JSON.stringify(kept))
    .replaceAll(PLACEHOLDER_ORIGIN, kept.join(', '));
}
