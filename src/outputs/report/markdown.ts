import type { DiscoveryResult } from '../../capabilities/discovery/index.js';
import { evidenceLines, explainFinding } from '../../capabilities/explain/index.js';
import {
  type RemediationPlan,
  remediationPlan,
  STACK_LABELS,
  STACKS,
  type Stack,
} from '../../capabilities/remediation/index.js';
import { SEVERITIES, type Severity } from '../../capabilities/scan/index.js';
import { codeSpan, escapeHtml, escapeMarkdown, fencedCode } from '../kit/index.js';
import { discoveryDigest, sourceLabel } from './discovery.js';
import type { ReportWriter, Sink } from './json.js';
import type { ScanSummary } from './summary.js';
import { isNew, type ReportFinding, type ReportTarget } from './target.js';
import { verifiedText } from './verified.js';

/** GitHub refuses a pull-request comment longer than this many characters. */
export const MARKDOWN_COMMENT_LIMIT = 65_536;
/** Kept free under the limit for the closing lines (errors, baseline, totals). */
const RESERVE = 6_000;
/** At most this many targets get a row in the grade table; the others are counted. */
const MAX_TABLE_ROWS = 200;
/** At most this many URLs discovery dropped are listed; the others are counted. */
const MAX_DROPPED_ROWS = 30;
/** At most this many fixed baseline findings are listed; the others are counted. */
const MAX_FIXED_ROWS = 30;

const ICON: Readonly<Record<Severity, string>> = {
  critical: '🟥',
  high: '🟧',
  medium: '🟨',
  low: '🟦',
  info: '⬜',
};

type Detail = 'full' | 'compact';

/** A finding's state in front of its line: 🆕 new, or unchanged since the baseline (still open). */
const STATE: Readonly<Record<NonNullable<ReportFinding['baseline']>, string>> = {
  new: '🆕 **new** ',
  unchanged: '⏸️ _unchanged since the baseline_ ',
};

function findingBlock(t: ReportTarget, f: ReportFinding, detail: Detail): string {
  const state = f.baseline ? STATE[f.baseline] : '';
  const verified = f.verified
    ? ` — ${f.verified.read ? '🔓' : '🔒'} verified: ${escapeMarkdown(verifiedText(f.verified))}`
    : '';
  const head = `- ${state}**${escapeMarkdown(f.id)}** on ${codeSpan(t.url)}: ${escapeMarkdown(f.title)}${verified}`;
  if (detail === 'compact') return head;
  const browserSaid = f.verified?.console.length
    ? [`  **Chromium said:**`, '', indent(fencedCode(f.verified.console.join('\n'), 'text')), '']
    : [];
  const e = explainFinding(f, t.url);
  const evidence = f.evidence
    .map(evidenceLines)
    .map((l) => fencedCode([...l.request, '', ...l.response].join('\n'), 'http'))
    .join('\n\n');
  return [
    head,
    '',
    // Raw HTML: GitHub does not parse Markdown inside <summary>, so it is HTML-escaped, not Markdown-escaped.
    '  <details><summary>What it means, evidence and fix</summary>',
    '',
    `  ${escapeMarkdown(e.serverDoes)} ${escapeMarkdown(e.attackerCan)}`,
    '',
    `  **How sure:** ${e.certainty.level}. ${escapeMarkdown(e.certainty.text)}`,
    '',
    `  **Fix:** ${escapeMarkdown(f.remediation)}`,
    '',
    ...browserSaid,
    evidence
      .split('\n')
      .map((l) => (l === '' ? '' : `  ${l}`))
      .join('\n'),
    '',
    '  </details>',
  ].join('\n');
}

/** Indents every non-empty line by two spaces (inside a list item). */
const indent = (text: string): string =>
  text
    .split('\n')
    .map((l) => (l === '' ? '' : `  ${l}`))
    .join('\n');

/** One target's remediation plan: steps, and snippets only for its stack, under a heading naming it. */
function planBlock(p: RemediationPlan, detail: Detail): string {
  const label = p.stack
    ? `${STACK_LABELS[p.stack]}${p.stackSource === 'detected' ? ', detected' : ''}`
    : null;
  const out = [
    `<details><summary>${escapeHtml(p.url)}${label ? ` (${escapeHtml(label)})` : ''}</summary>`,
    '',
  ];
  for (const s of p.steps) {
    out.push(
      `${s.order}. **${escapeMarkdown(s.recommendation)}** ${escapeMarkdown(s.remediation)} _(${s.id}, +${s.points} points)_`,
    );
    if (detail === 'compact' || p.stack === null) continue;
    const snippets = s.snippets.filter((snip) => snip.stack === p.stack);
    for (const snip of snippets) {
      out.push('', `   **${escapeMarkdown(STACK_LABELS[snip.stack])}** (${codeSpan(snip.filename)}):`, '');
      out.push(fencedCode(snip.code, snip.language));
    }
  }
  if (p.stack === null && detail === 'full') {
    out.push(
      '',
      `No stack was detected: run with ${codeSpan('--stack')} ${STACKS.map((s) => codeSpan(s)).join(', ')} for a configuration snippet.`,
    );
  }
  out.push('', '</details>', '');
  return out.join('\n');
}

/** How bad a target is, for the order in which details are kept when the comment must shrink. */
function priority(t: ReportTarget): number {
  const worst = t.findings.reduce((m, f) => Math.min(m, SEVERITIES.indexOf(f.severity)), SEVERITIES.length);
  return worst * 1000 + (t.grade?.score ?? 100);
}

/** Options of the Markdown report: the stack whose snippets to show, and `scan --discover`'s result. */
interface MarkdownOptions {
  readonly stack?: Stack;
  readonly discovery?: DiscoveryResult;
}

/** With `scan --discover`: where the endpoints came from, and (collapsed) the URLs not kept. */
function discoveryBlock(d: DiscoveryResult): string[] {
  const digest = discoveryDigest(d);
  const dropped = digest.dropped.slice(0, MAX_DROPPED_ROWS);
  const more = digest.more + digest.dropped.length - dropped.length;
  return [
    `### ${escapeMarkdown(digest.heading)}`,
    '',
    ...digest.notes.map((n) => `- ${escapeMarkdown(n)}`),
    ...(dropped.length > 0
      ? [
          '',
          `<details><summary>${digest.dropped.length + digest.more} URL(s) seen but not kept</summary>`,
          '',
          ...dropped.map((x) => `- ${codeSpan(x)}`),
          ...(more > 0 ? [`- … and ${more} more`] : []),
          '',
          '</details>',
        ]
      : []),
    '',
  ];
}

function render(
  targets: readonly ReportTarget[],
  summary: ScanSummary,
  options: MarkdownOptions,
  detail: ReadonlyMap<ReportTarget, Detail | 'omitted'>,
): string {
  const out: string[] = [];
  const g = summary.grade;
  out.push(`## corsguard: ${g ? `grade ${g.letter} (${g.score}/100, worst target)` : 'no grade'}`, '');
  if (options.discovery) out.push(...discoveryBlock(options.discovery));
  const cut = targets.filter((t) => detail.get(t) !== 'full' && t.findings.length > 0).length;
  const omitted = targets.filter((t) => detail.get(t) === 'omitted').length;
  if (cut > 0) {
    out.push(
      `> Shortened to fit a pull-request comment (GitHub refuses more than ${MARKDOWN_COMMENT_LIMIT.toLocaleString('en')} characters): ${cut} target(s) are shown without evidence and snippets${omitted > 0 ? `, ${omitted} of them not at all` : ''}. The HTML and JSON reports (${codeSpan('-o html=FILE')}, ${codeSpan('-o json=FILE')}) have everything.`,
      '',
    );
  }
  // Severity columns count every current finding (what the grade is computed from); with a baseline the
  // last columns say how many of them are new or unchanged, and how many baseline findings are fixed.
  const baseline = summary.baseline !== undefined;
  out.push(
    `| Target | Grade | Score | Critical | High | Medium | Low | Info |${baseline ? ' New | Unchanged | Fixed |' : ''}`,
  );
  out.push(`| --- | :-: | --: | --: | --: | --: | --: | --: |${baseline ? ' --: | --: | --: |' : ''}`);
  for (const t of targets.slice(0, MAX_TABLE_ROWS)) {
    const count = (s: Severity) => t.findings.filter((f) => f.severity === s).length;
    const grade = t.grade ? t.grade.letter : `— (${escapeMarkdown(t.error?.code ?? 'error')})`;
    const b = t.baseline;
    const states = baseline ? ` ${b?.new ?? 0} | ${b?.unchanged ?? 0} | ${b?.fixed.length ?? 0} |` : '';
    // Raw HTML in the cell: a line break and small print, as GitHub renders them in a table.
    const from = t.discoveredFrom?.length
      ? `<br><sub>found in ${t.discoveredFrom.map((x) => codeSpan(sourceLabel(x), true)).join(', ')}</sub>`
      : '';
    out.push(
      `| ${codeSpan(t.url, true)}${from} | ${grade} | ${t.grade ? t.grade.score : '—'} | ${SEVERITIES.map(count).join(' | ')} |${states}`,
    );
  }
  if (targets.length > MAX_TABLE_ROWS) out.push('', `… and ${targets.length - MAX_TABLE_ROWS} more targets.`);
  out.push('');
  const shown = targets.filter((t) => detail.get(t) !== 'omitted');
  for (const sev of SEVERITIES) {
    const items = shown.flatMap((t) => t.findings.filter((f) => f.severity === sev).map((f) => ({ t, f })));
    if (items.length === 0) continue;
    // New findings first: they are what a pull request adds.
    items.sort((a, b) => Number(isNew(b.f)) - Number(isNew(a.f)));
    const fresh = items.filter(({ f }) => isNew(f)).length;
    const split = baseline ? `: ${fresh} new, ${items.length - fresh} unchanged` : '';
    out.push(`### ${ICON[sev]} ${sev[0]?.toUpperCase()}${sev.slice(1)} (${items.length}${split})`, '');
    for (const { t, f } of items)
      out.push(findingBlock(t, f, detail.get(t) === 'full' ? 'full' : 'compact'), '');
  }
  const plans = shown
    .filter((t) => t.findings.length > 0)
    .map((t) => ({ t, p: remediationPlan(t, options) }));
  if (plans.length > 0) {
    out.push('### Remediation plan', '');
    for (const { t, p } of plans) out.push(planBlock(p, detail.get(t) === 'full' ? 'full' : 'compact'));
  }
  const errors = targets.filter((t) => t.error).slice(0, 50);
  if (errors.length > 0) {
    out.push('### Not scanned or not graded', '');
    for (const t of errors)
      out.push(
        `- ${codeSpan(t.url)}: ${escapeMarkdown(`${t.error?.code}: ${t.error?.message}`.slice(0, 400))}`,
      );
    out.push('');
  }
  if (summary.baseline) {
    const b = summary.baseline;
    const unverified =
      b.unverified > 0
        ? ` ${b.unverified} baseline finding(s) not re-checked: their target was not scanned now, or not completely, so they are neither unchanged nor fixed.`
        : '';
    out.push(
      `### Since the baseline`,
      '',
      `${b.new} new, ${b.unchanged} unchanged (still open), ${b.fixed.length} fixed.${unverified}`,
      '',
    );
    // Values from the baseline file: escaped like those from the network, and clipped to fit the comment.
    for (const f of b.fixed.slice(0, MAX_FIXED_ROWS))
      out.push(
        `- ✅ fixed **${escapeMarkdown(f.id.slice(0, 60))}** (${f.severity}) on ${codeSpan(f.url.slice(0, 200))}: ${escapeMarkdown(f.title.slice(0, 120))}`,
      );
    if (b.fixed.length > MAX_FIXED_ROWS) out.push(`- … and ${b.fixed.length - MAX_FIXED_ROWS} more fixed.`);
    if (b.fixed.length > 0) out.push('');
  }
  const counts = SEVERITIES.map((s) => `${summary.findings[s]} ${s}`).join(', ');
  const states = summary.baseline
    ? ` (${summary.baseline.new} new, ${summary.baseline.unchanged} unchanged)`
    : '';
  out.push(
    `<sub>${summary.targets} target(s), ${summary.errors} error(s); findings: ${counts}${states}.</sub>`,
    '',
  );
  return out.join('\n');
}

/**
 * The Markdown report, for a pull-request comment: a grade table first, then findings grouped by
 * severity with collapsible explanations and evidence, and the remediation plan with snippets for the
 * detected or chosen stack only. It always fits GitHub's 65,536-character comment limit: when the full
 * report would not, the least severe targets lose their evidence and snippets first, then whole targets
 * are left out, and the comment says so. Text from the network is escaped for where it lands (Markdown
 * text, code spans, code fences longer than any backtick run, HTML in `<summary>`), so GitHub shows it
 * as the plain text it is.
 *
 * @example
 * ```ts
 * markdownReport(targets, summary, {}); // '## corsguard: grade F\n\n| Target | Grade | …'
 * ```
 */
export function markdownReport(
  targets: readonly ReportTarget[],
  summary: ScanSummary,
  options: MarkdownOptions,
): string {
  const detail = new Map<ReportTarget, Detail | 'omitted'>(targets.map((t) => [t, 'full']));
  let text = render(targets, summary, options, detail);
  if (text.length <= MARKDOWN_COMMENT_LIMIT - RESERVE) return text;
  // Least severe first: they give up their details, then their place, until the comment fits.
  const order = targets.filter((t) => t.findings.length > 0).sort((a, b) => priority(b) - priority(a));
  // In batches (a twentieth of the targets at a time), so a long list costs a few dozen renders.
  const batch = Math.max(1, Math.ceil(order.length / 20));
  for (const step of ['compact', 'omitted'] as const) {
    for (let i = 0; i < order.length; i += batch) {
      for (const t of order.slice(i, i + batch)) detail.set(t, step);
      text = render(targets, summary, options, detail);
      if (text.length <= MARKDOWN_COMMENT_LIMIT - RESERVE) return text;
    }
  }
  return text;
}

/**
 * The `--format markdown` writer: buffers the targets and writes the Markdown report at the end.
 *
 * @example
 * ```ts
 * const w = markdownWriter(stream, { stack: 'express' });
 * ```
 */
export function markdownWriter(out: Sink, options: MarkdownOptions): ReportWriter {
  const targets: ReportTarget[] = [];
  return {
    target: (t) => void targets.push(t),
    end: (summary) => void out.write(markdownReport(targets, summary, options)),
  };
}
