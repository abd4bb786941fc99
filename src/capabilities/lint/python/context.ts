import { lintFinding } from '../finding.js';
import { judgeOriginEntry } from '../origin-entry.js';
import { type RegexSite, regexFindings } from '../regex-findings.js';
import type { LineIndex } from '../region.js';
import type { LintFinding, LintFix, LintPattern, LintProblem, LintReach } from '../types.js';
import { type Node, pyString } from './ast.js';

/** Everything the Python checks share about one file. */
export interface PyContext {
  readonly file: string;
  readonly lines: LineIndex;
  /** The last value given to each plain name anywhere in the file. */
  readonly values: ReadonlyMap<string, Node>;
  readonly findings: LintFinding[];
  readonly problems: LintProblem[];
}

/** Where a Python check reports: its rule, the credentials seen with it, and what it is in the code's words. */
export interface PySite {
  readonly rule: string;
  readonly reach: LintReach;
  readonly what: string;
}

/** Follows a name to its value (at most 8 steps). */
export function pyResolve(node: Node | null | undefined, ctx: PyContext): Node | undefined {
  let n = node ?? undefined;
  for (let i = 0; i < 8 && n?.type === 'identifier'; i++) {
    const next = ctx.values.get(n.text);
    if (!next || next === n) break;
    n = next;
  }
  return n;
}

/**
 * Reports a finding at a Python node (the one way the Python checks build findings).
 *
 * @example
 * ```ts
 * pyReport(ctx, 'origin-reflected', node, site, 'CORS_ALLOW_ALL_ORIGINS with credentials reflects every Origin');
 * ```
 */
export function pyReport(
  ctx: PyContext,
  id: LintFinding['id'],
  at: Node,
  site: PySite,
  message: string,
  fix?: LintFix,
): void {
  ctx.findings.push(
    lintFinding({
      id,
      reach: site.reach,
      message: `${site.what}: ${message}`,
      rule: site.rule,
      language: 'python',
      file: ctx.file,
      lines: ctx.lines,
      start: at.startIndex,
      end: at.endIndex,
      ...(fix ? { fix } : {}),
    }),
  );
}

/** Judges each literal origin of an allowlist (`null`, localhost, `http://`). */
export function pyEntries(ctx: PyContext, nodes: readonly Node[], site: PySite): void {
  for (const n of nodes) {
    const value = pyString(n);
    const verdict = value === undefined ? undefined : judgeOriginEntry(value);
    if (verdict) pyReport(ctx, verdict.id, n, site, verdict.reason);
  }
}

/** Proves an origin regex written as a Python string literal, with an exact fix rewriting the literal. */
export function pyRegex(
  ctx: PyContext,
  node: Node,
  source: string,
  pattern: Omit<LintPattern, 'source'>,
  site: PySite,
  fixText?: string,
): void {
  const quote = source.includes('"') ? "'" : '"';
  const at: RegexSite = {
    file: ctx.file,
    lines: ctx.lines,
    start: node.startIndex,
    end: node.endIndex,
    language: 'python',
    rule: site.rule,
    reach: site.reach,
    // A string check (`origin.endswith(…)`) was turned into an equivalent regex: name it as written.
    describe:
      node.type === 'string'
        ? `${site.what}: the origin regex r"${source}"`
        : `${site.what}: ${node.text.slice(0, 80)}`,
    fixEdit: (fixed) =>
      node.type === 'string' && !fixed.includes(quote) && !fixed.endsWith('\\')
        ? { start: node.startIndex, end: node.endIndex, text: `r${quote}${fixed}${quote}` }
        : undefined,
    ...(fixText ? { fixText } : {}),
  };
  const r = regexFindings({ source, ...pattern }, at);
  ctx.findings.push(...r.findings);
  ctx.problems.push(...r.problems);
}
