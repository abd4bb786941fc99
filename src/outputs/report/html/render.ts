import type { DiscoveryResult } from '../../../capabilities/discovery/index.js';
import { explainFinding } from '../../../capabilities/explain/index.js';
import {
  remediationPlan,
  STACK_LABELS,
  STACKS,
  type Stack,
  snippetContext,
  snippetsFor,
} from '../../../capabilities/remediation/index.js';
import type { Finding } from '../../../capabilities/scan/index.js';
import { escapeHtml as h } from '../../kit/index.js';
import { discoveryDigest, sourceLabel } from '../discovery.js';
import type { ScanSummary } from '../summary.js';
import type { ReportFinding, ReportTarget } from '../target.js';
import { verifiedText } from '../verified.js';
import { severityChart } from './chart.js';
import { REPORT_CSS } from './style.js';

function gradeCard(t: ReportTarget): string {
  if (!t.grade) {
    return `<div class="grade-card ungraded" data-testid="grade-card" data-grade="none"><span class="letter">–</span><span>No grade: the scan failed (${h(t.error?.code ?? 'error')})</span></div>`;
  }
  const g = t.grade;
  return `<div class="grade-card grade-${h(g.letter)}" data-testid="grade-card" data-grade="${h(g.letter)}" data-score="${g.score}"><span class="letter">${h(g.letter)}</span><span class="score">${g.score}/100</span>${g.cap ? `<span class="cap">${h(g.cap)}</span>` : ''}</div>`;
}

/** The label of a finding's baseline state (fixed text only). */
const STATE_LABEL = { new: 'new', unchanged: 'unchanged since baseline' } as const;

/**
 * Options of {@link targetSection}.
 *
 * @example
 * ```ts
 * targetSection(t, 0, undefined, { explainHref: (f) => `/explain?origin=${encodeURIComponent(f.origin)}` });
 * ```
 */
export interface TargetSectionOptions {
  /**
   * A link for each finding to the explanation of the request it stands for (`corsguard serve` links
   * its `/explain` page); undefined for none. Off in the static report, which has no page to link to.
   */
  readonly explainHref?: (finding: ReportFinding) => string | undefined;
}

function findingHtml(t: ReportTarget, f: ReportFinding, options: TargetSectionOptions): string {
  const e = explainFinding(f, t.url);
  const state = f.baseline
    ? `<span class="badge state-${f.baseline}" data-testid="baseline-state">${STATE_LABEL[f.baseline]}</span> `
    : '';
  const evidence = e.evidence
    .map((l) => `<pre class="evidence">${h([...l.request, '', ...l.response].join('\n'))}</pre>`)
    .join('');
  return `<article class="finding sev-${f.severity}" data-testid="finding" data-id="${h(f.id)}" data-severity="${f.severity}" data-exploitable="${e.exploitability}"${f.baseline ? ` data-baseline="${f.baseline}"` : ''}>
<h3>${state}<span class="badge ${f.severity}">${f.severity}</span> ${h(f.title)} <code>${h(f.id)}</code></h3>
<p class="server-does">${h(e.serverDoes)}</p>
<p class="attacker-can">${h(e.attackerCan)}</p>
<p class="certainty" data-level="${e.certainty.level}"><strong>How sure:</strong> ${h(e.certainty.text)}</p>
${verifiedHtml(f)}<details><summary>Evidence (${f.evidence.length} exchange(s))</summary>${evidence}</details>${explainLink(f, options)}
</article>`;
}

/** What `--verify` saw in Chromium: the verdict, and what the browser said (escaped: it quotes the target). */
function verifiedHtml(f: ReportFinding): string {
  const v = f.verified;
  if (!v) return '';
  const said = v.console.length
    ? `<details><summary>Chromium said</summary><pre class="console">${h(v.console.join('\n'))}</pre></details>`
    : '';
  return `<p class="verified" data-testid="verified" data-read="${v.read}"><span class="badge ${v.read ? 'read' : 'not-read'}">${v.read ? 'exploit confirmed' : 'browser refused'}</span> Verified: ${h(verifiedText(v))}</p>${said}
`;
}

function explainLink(f: ReportFinding, options: TargetSectionOptions): string {
  const href = options.explainHref?.(f);
  if (href === undefined) return '';
  return `<p class="explain-link"><a href="${h(href)}" data-testid="explain-link">Explain it as a browser sees it: a request from <code>${h(f.origin)}</code></a></p>`;
}

function tabs(t: ReportTarget, f: Finding, key: string, first: Stack | null): string {
  const order = first ? [first, ...STACKS.filter((s) => s !== first)] : STACKS;
  return `<div class="tabs" data-testid="remediation-tabs">${order
    .map((stack, i) => {
      const id = `${key}-${stack}`;
      const snippets = snippetsFor(stack, snippetContext(t, f));
      const panel =
        snippets.length === 0
          ? `<p class="empty" data-testid="snippets-empty">No ${h(STACK_LABELS[stack])} snippet yet: apply the fix above by hand.</p>`
          : snippets
              .map((s) => `<pre class="snippet" data-language="${h(s.language)}">${h(s.code)}</pre>`)
              .join('');
      return `<input type="radio" name="${key}" id="${id}"${i === 0 ? ' checked' : ''}><label for="${id}">${h(STACK_LABELS[stack])}</label><div class="panel" data-stack="${stack}">${panel}</div>`;
    })
    .join('')}</div>`;
}

function remediationHtml(t: ReportTarget, index: number, stack: Stack | undefined): string {
  if (t.findings.length === 0) return '';
  const plan = remediationPlan(t, stack ? { stack } : {});
  const steps = plan.steps
    .map((s) => {
      const f = t.findings.find((x) => x.id === s.id);
      if (!f) return '';
      return `<li data-testid="remediation-step" data-id="${h(s.id)}"><strong>${h(s.recommendation)}</strong> <span class="badge ${s.severity}">${s.severity}</span> +${s.points} points<p>${h(s.remediation)}</p>${tabs(t, f, `t${index}-${s.order}`, plan.stack)}</li>`;
    })
    .join('');
  const detected = plan.detected.length
    ? ` Detected from the response headers: ${plan.detected.map((s) => STACK_LABELS[s]).join(', ')}.`
    : '';
  return `<section class="remediation" data-testid="remediation"><h3>Remediation plan</h3><p class="notes">Most dangerous first.${h(detected)}</p><ol>${steps}</ol></section>`;
}

/**
 * One target's section of the report: grade card, findings (explanation, how sure, evidence), what changed
 * since the baseline, the remediation plan with a tab per stack, and notes. `index` keeps the tab ids of
 * several targets on one page apart. `corsguard serve` shows a scan with it, so both look the same; it
 * also passes `explainHref`, which links each finding to its `/explain` page.
 *
 * @example
 * ```ts
 * const html = targetSection(withGrade(result), 0, 'nginx'); // <section class="target" …>
 * targetSection(t, 0, undefined, { explainHref: (f) => `/explain?origin=${encodeURIComponent(f.origin)}` });
 * ```
 */
export function targetSection(
  t: ReportTarget,
  index: number,
  stack: Stack | undefined,
  options: TargetSectionOptions = {},
): string {
  const error = t.error
    ? `<p class="error" data-testid="target-error">${h(`${t.error.code}: ${t.error.message}`)}</p>`
    : '';
  const findings = t.findings.length
    ? t.findings.map((f) => findingHtml(t, f, options)).join('')
    : t.error
      ? ''
      : '<p class="ok" data-testid="no-findings">No finding: this endpoint is correctly configured for everything corsguard checks.</p>';
  const notes = t.notes.length
    ? `<ul class="notes">${t.notes.map((n) => `<li>${h(n)}</li>`).join('')}</ul>`
    : '';
  const from = t.discoveredFrom?.length
    ? `<p class="notes" data-testid="found-in">Found in: ${t.discoveredFrom.map((x) => `<code>${h(sourceLabel(x))}</code>`).join(', ')}</p>`
    : '';
  return `<section class="target" data-testid="target" data-url="${h(t.url)}"><h2>${h(t.url)}</h2>${from}${gradeCard(t)}${error}${findings}${fixedHtml(t)}${remediationHtml(t, index, stack)}${notes}</section>`;
}

/** With a baseline: the target's fixed findings (values from the baseline file, escaped) and what was not re-checked. */
function fixedHtml(t: ReportTarget): string {
  if (!t.baseline) return '';
  const { fixed, unverified } = t.baseline;
  const list = fixed.length
    ? `<ul class="fixed" data-testid="fixed-list">${fixed.map((f) => `<li data-testid="fixed" data-id="${h(f.id)}"><span class="badge state-fixed">fixed</span> <span class="badge ${f.severity}">${f.severity}</span> ${h(f.title)} <code>${h(f.id)}</code></li>`).join('')}</ul>`
    : '';
  const rest = unverified
    ? `<p class="notes" data-testid="unverified">${unverified} baseline finding(s) not re-checked: the scan did not complete, so they are neither unchanged nor fixed.</p>`
    : '';
  return list || rest
    ? `<section class="baseline-fixed"><h3>Since the baseline</h3>${list}${rest}</section>`
    : '';
}

/** Options of {@link htmlReport}. */
export interface HtmlReportOptions {
  readonly version: string;
  readonly stack?: Stack;
  /** With `scan --discover`: what was found and dropped (each target says where it was found). */
  readonly discovery?: DiscoveryResult;
}

/** With `scan --discover`: the site, the notes, and (collapsed) the URLs seen but not kept. */
function discoveryHtml(d: DiscoveryResult): string {
  const digest = discoveryDigest(d);
  const notes = digest.notes.map((n) => `<li>${h(n)}</li>`).join('');
  const dropped = digest.dropped.map((x) => `<li><code>${h(x)}</code></li>`).join('');
  const more = digest.more > 0 ? `<li>… and ${digest.more} more</li>` : '';
  return `<section class="panel-box" data-testid="discovery"><h2>${h(digest.heading)}</h2>${notes ? `<ul>${notes}</ul>` : ''}${
    dropped
      ? `<details><summary>${digest.dropped.length + digest.more} URL(s) seen but not kept</summary><ul>${dropped}${more}</ul></details>`
      : ''
  }</section>`;
}

/**
 * The self-contained HTML report: inline CSS and SVG only, no script, no external resource (a strict
 * Content-Security-Policy forbids them), every value from the network HTML-escaped. Elements carry stable
 * `data-testid` attributes: `scan-grade`, `severity-chart`, `target`, `grade-card`, `finding`,
 * `remediation`, `remediation-tabs`, `snippets-empty`, `baseline`; with `--baseline` each finding has
 * `data-baseline` (`new`, `unchanged`) and a `baseline-state` badge, and each target lists its `fixed`
 * findings (`fixed-list`) and says how many could not be re-checked (`unverified`).
 *
 * @example
 * ```ts
 * fs.writeFileSync('report.html', htmlReport(targets, summary, { version: '0.1.0' }));
 * ```
 */
export function htmlReport(
  targets: readonly ReportTarget[],
  summary: ScanSummary,
  options: HtmlReportOptions,
): string {
  const g = summary.grade;
  const scanGrade = g
    ? `<div class="grade-card grade-${h(g.letter)}" data-testid="scan-grade" data-grade="${h(g.letter)}" data-score="${g.score}"><span class="letter">${h(g.letter)}</span><span class="score">${g.score}/100 — worst of ${g.graded} graded target(s)</span></div>`
    : '<div class="grade-card ungraded" data-testid="scan-grade" data-grade="none"><span>No target could be graded</span></div>';
  const b = summary.baseline;
  const unverified = b?.unverified
    ? ` ${b.unverified} not re-checked (their target was not scanned now, or not completely).`
    : '';
  // Fixed findings are listed under their target; here only the counts.
  const baseline = b
    ? `<section class="panel-box" data-testid="baseline" data-new="${b.new}" data-unchanged="${b.unchanged}" data-fixed="${b.fixed.length}"><h2>Since the baseline ${h(b.file)}</h2><p>${b.new} new, ${b.unchanged} unchanged (still open), ${b.fixed.length} fixed.${unverified}</p></section>`
    : '';
  const discovery = options.discovery ? discoveryHtml(options.discovery) : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>corsguard report</title><style>${REPORT_CSS}</style></head>
<body><header><h1>corsguard report</h1>${scanGrade}<p class="notes">${summary.targets} target(s), ${summary.errors} error(s), ${summary.requests} requests; corsguard ${h(options.version)}</p></header>
<section class="panel-box"><h2>Findings by severity</h2>${severityChart(summary.findings)}</section>
${baseline}${discovery}
<main>${targets.map((t, i) => targetSection(t, i, options.stack)).join('\n')}</main>
</body></html>
`;
}
