import { FINDINGS, type FindingId } from '../../core/findings/index.js';
import type { LineIndex } from './region.js';
import { snippetOf } from './region.js';
import type { LintFinding, LintFix, LintLanguage, LintPattern, LintReach } from './types.js';

/** What an analyzer says about one finding; {@link lintFinding} turns it into the reported data. */
export interface FindingInput {
  readonly id: FindingId;
  readonly reach: LintReach;
  readonly message: string;
  readonly rule: string;
  readonly language: LintLanguage;
  readonly file: string;
  readonly lines: LineIndex;
  /** UTF-16 offsets of the flagged source in the file. */
  readonly start: number;
  readonly end: number;
  readonly counterexample?: string;
  readonly pattern?: LintPattern;
  readonly fix?: LintFix;
}

/**
 * Builds a lint finding, the one way every analyzer does: the severity and title come from the finding
 * registry (the same as `scan`'s for that id and reach), the region and snippet from the offsets.
 *
 * @example
 * ```ts
 * const lines = new LineIndex(text);
 * lintFinding({ id: 'origin-reflected', reach: 'credentialed', message: 'cors({ origin: true }) reflects every Origin',
 *   rule: 'js/cors-options', language: 'javascript', file: 'app.js', lines, start: 10, end: 40 });
 * ```
 */
export function lintFinding(input: FindingInput): LintFinding {
  const definition = FINDINGS[input.id];
  const region = input.lines.region(input.start, input.end);
  return {
    id: input.id,
    severity: definition.severity[input.reach],
    title: definition.title,
    message: input.message,
    file: input.file,
    region,
    snippet: snippetOf(input.lines.lineText(region.line)),
    language: input.language,
    rule: input.rule,
    ...(input.counterexample === undefined ? {} : { counterexample: input.counterexample }),
    ...(input.pattern === undefined ? {} : { pattern: input.pattern }),
    ...(input.fix === undefined ? {} : { fix: withRegion(input.fix, input.lines) }),
  };
}

function withRegion(fix: LintFix, lines: LineIndex): LintFix {
  if (fix.edit === undefined) return fix;
  return { ...fix, edit: { ...fix.edit, region: lines.region(fix.edit.start, fix.edit.end) } };
}
