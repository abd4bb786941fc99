import { evidenceLines, explainFinding } from '../../capabilities/explain/index.js';
import { remediationPlan, STACK_LABELS, type Stack } from '../../capabilities/remediation/index.js';
import { type Finding, SEVERITIES, type Severity } from '../../capabilities/scan/index.js';
import { escapeMarkdown, fencedCode } from '../kit/index.js';
import type { ReportWriter, Sink } from './json.js';
import type { ScanSummary } from './summary.js';
import type { ReportTarget } from './target.js';

const ICON: Readonly<Record<Severity, string>> = {
  critical: '🟥',
  high: '🟧',
  medium: '🟨',
  low: '🟦',
  info: '⬜',
};

const code = (s: string) => `<code>${escapeMarkdown(s)}</code>`;

function findingBlock(t: ReportTarget, f: Finding): string {
  const e = explainFinding(f, t.url);
  const evidence = f.evidence
    .map(evidenceLines)
    .map((l) => fencedCode([...l.request, '', ...l.response].join('\n'), 'http'))
    .join('\n\n');
  return [
    `- **${escapeMarkdown(f.id)}** on ${code(t.url)}: ${escapeMarkdown(f.title)}`,
    '',
    '  <details><summary>What it means, evidence and fix</summary>',
    '',
    `  ${escapeMarkdown(e.serverDoes)} ${escapeMarkdown(e.attackerCan)}`,
    '',
    `  **How sure:** ${e.certainty.level}. ${escapeMarkdown(e.certainty.text)}`,
    '',
    `  **Fix:** ${escapeMarkdown(f.remediation)}`,
    '',
    evidence
      .split('\n')
      .map((l) => (l === '' ? '' : `  ${l}`))
      .join('\n'),
    '',
    '  </details>',
  ].join('\n');
}

/**
 * The Markdown report, sized for a pull-request comment: a grade table, findings grouped by severity with
 * collapsible evidence, the remediation plan and what changed since the baseline. Everything from the
 * network is escaped; evidence sits in code fences longer than any backtick run it contains.
 *
 * @example
 * ```ts
 * markdownReport(targets, summary, {}); // '## corsguard: grade F\n\n| Target | Grade | …'
 * ```
 */
export function markdownReport(
  targets: readonly ReportTarget[],
  summary: ScanSummary,
  options: { stack?: Stack },
): string {
  const out: string[] = [];
  const g = summary.grade;
  out.push(`## corsguard: ${g ? `grade ${g.letter} (${g.score}/100, worst target)` : 'no grade'}`, '');
  out.push('| Target | Grade | Score | Critical | High | Medium | Low | Info |');
  out.push('| --- | :-: | --: | --: | --: | --: | --: | --: |');
  for (const t of targets) {
    const count = (s: Severity) => t.findings.filter((f) => f.severity === s).length;
    const grade = t.grade ? t.grade.letter : `— (${escapeMarkdown(t.error?.code ?? 'error')})`;
    out.push(
      `| ${code(t.url)} | ${grade} | ${t.grade ? t.grade.score : '—'} | ${SEVERITIES.map(count).join(' | ')} |`,
    );
  }
  out.push('');
  for (const sev of SEVERITIES) {
    const items = targets.flatMap((t) => t.findings.filter((f) => f.severity === sev).map((f) => ({ t, f })));
    if (items.length === 0) continue;
    out.push(`### ${ICON[sev]} ${sev[0]?.toUpperCase()}${sev.slice(1)} (${items.length})`, '');
    for (const { t, f } of items) out.push(findingBlock(t, f), '');
  }
  const plans = targets.filter((t) => t.findings.length > 0).map((t) => remediationPlan(t, options));
  if (plans.length > 0) {
    out.push('### Remediation plan', '');
    for (const p of plans) {
      const stack = p.stack
        ? ` (${STACK_LABELS[p.stack]}${p.stackSource === 'detected' ? ', detected' : ''})`
        : '';
      out.push(`<details><summary>${code(p.url)}${escapeMarkdown(stack)}</summary>`, '');
      for (const s of p.steps) {
        out.push(
          `${s.order}. **${escapeMarkdown(s.recommendation)}** ${escapeMarkdown(s.remediation)} _(${s.id}, +${s.points} points)_`,
        );
        for (const snip of s.snippets) out.push('', fencedCode(snip.code, snip.language));
      }
      out.push('', '</details>', '');
    }
  }
  const errors = targets.filter((t) => t.error);
  if (errors.length > 0) {
    out.push('### Not scanned', '');
    for (const t of errors)
      out.push(`- ${code(t.url)}: ${escapeMarkdown(`${t.error?.code}: ${t.error?.message}`)}`);
    out.push('');
  }
  if (summary.baseline) {
    const b = summary.baseline;
    out.push(
      `### Since the baseline`,
      '',
      `${b.new} new, ${b.unchanged} unchanged, ${b.fixed.length} fixed.`,
      '',
    );
    for (const f of b.fixed) out.push(`- ✅ fixed **${escapeMarkdown(f.id)}** on ${code(f.url)}`);
    if (b.fixed.length > 0) out.push('');
  }
  const counts = SEVERITIES.map((s) => `${summary.findings[s]} ${s}`).join(', ');
  out.push(`<sub>${summary.targets} target(s), ${summary.errors} error(s); findings: ${counts}.</sub>`, '');
  return out.join('\n');
}

/**
 * The `--format markdown` writer: buffers the targets and writes the Markdown report at the end.
 *
 * @example
 * ```ts
 * const w = markdownWriter(stream, { stack: 'express' });
 * ```
 */
export function markdownWriter(out: Sink, options: { stack?: Stack }): ReportWriter {
  const targets: ReportTarget[] = [];
  return {
    target: (t) => void targets.push(t),
    end: (summary) => void out.write(markdownReport(targets, summary, options)),
  };
}
