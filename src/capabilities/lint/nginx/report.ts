import type { FindingId } from '../../../core/findings/index.js';
import { lintFinding } from '../finding.js';
import type { LineIndex } from '../region.js';
import type { AnalyzerResult, LintFix, LintReach } from '../types.js';

/** The file being analyzed and where its findings go. */
export interface NginxContext {
  readonly file: string;
  readonly lines: LineIndex;
  readonly out: AnalyzerResult;
}

/** Reports one nginx finding over `[start, end)` of the file. */
export function report(
  ctx: NginxContext,
  id: FindingId,
  reach: LintReach,
  rule: string,
  range: { readonly start: number; readonly end: number },
  message: string,
  fix?: LintFix,
): void {
  ctx.out.findings.push(
    lintFinding({
      id,
      reach,
      message,
      rule,
      language: 'nginx',
      file: ctx.file,
      lines: ctx.lines,
      start: range.start,
      end: range.end,
      ...(fix ? { fix } : {}),
    }),
  );
}

/**
 * Writes a string as an nginx double-quoted word that nginx reads back as exactly that string (nginx turns
 * `\"`, `\'`, `\\` into the character and `\t`, `\r`, `\n` into control characters; every other `\x` stays).
 *
 * @example
 * ```ts
 * nginxQuote('^https://app\\.example\\.com$'); // '"^https://app\\.example\\.com$"'
 * ```
 */
export function nginxQuote(value: string): string {
  let out = '"';
  for (let i = 0; i < value.length; i++) {
    const c = value[i] as string;
    if (c === '"') out += '\\"';
    else if (c === '\\' && /["'\\trn]/.test(value[i + 1] ?? '')) out += '\\\\';
    else if (c === '\\' && i === value.length - 1) out += '\\\\';
    else out += c;
  }
  return `${out}"`;
}
