import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { LintEdit, LintFinding } from '../../capabilities/lint/index.js';

/** What {@link applyFixes} changed. */
export interface AppliedFixes {
  /** Findings whose exact edit was written. */
  readonly applied: readonly LintFinding[];
  /** Files rewritten. */
  readonly files: readonly string[];
  /** Findings whose edit was not applied: it overlapped another edit, or the file changed since it was linted. */
  readonly skipped: readonly LintFinding[];
}

/**
 * Writes the exact edits of the findings that have one (the simple cases: a pattern with its dots escaped
 * and anchored, proven safe). Edits are applied from the end of each file so offsets stay valid; an edit
 * that overlaps one already applied, or whose replaced text is no longer what was linted, is skipped and
 * counted, never applied blindly.
 *
 * @example
 * ```ts
 * const run = await lintPaths(['.'], { cwd });
 * const { applied } = await applyFixes(run.findings, cwd, (file) => texts.get(file));
 * ```
 */
export async function applyFixes(
  findings: readonly LintFinding[],
  cwd: string,
  linted: (file: string) => string | undefined,
): Promise<AppliedFixes> {
  const byFile = new Map<string, { finding: LintFinding; edit: LintEdit }[]>();
  for (const finding of findings) {
    const edit = finding.fix?.edit;
    if (!edit) continue;
    const list = byFile.get(finding.file) ?? [];
    list.push({ finding, edit });
    byFile.set(finding.file, list);
  }
  const applied: LintFinding[] = [];
  const skipped: LintFinding[] = [];
  const files: string[] = [];
  for (const [file, edits] of byFile) {
    const path = resolve(cwd, file);
    let text = await readFile(path, 'utf8');
    if (text !== linted(file)) {
      skipped.push(...edits.map((e) => e.finding));
      continue;
    }
    edits.sort((a, b) => b.edit.start - a.edit.start);
    let floor = Number.POSITIVE_INFINITY;
    let changed = false;
    const seen = new Set<string>();
    for (const { finding, edit } of edits) {
      const key = `${edit.start}:${edit.end}:${edit.text}`;
      if (seen.has(key)) {
        applied.push(finding); // the same edit, proposed by two findings on one pattern
        continue;
      }
      if (edit.end > floor) {
        skipped.push(finding);
        continue;
      }
      text = text.slice(0, edit.start) + edit.text + text.slice(edit.end);
      floor = edit.start;
      seen.add(key);
      applied.push(finding);
      changed = true;
    }
    if (changed) {
      await writeFile(path, text);
      files.push(file);
    }
  }
  return { applied, files, skipped };
}
