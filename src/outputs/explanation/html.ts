import type { Explanation, Verdict } from '../../capabilities/diagnose/index.js';
import { STACKS } from '../../capabilities/remediation/index.js';
import { escapeHtml as h } from '../kit/index.js';

/** The verdict's label, as the text output words it. */
const VERDICT_LABEL: Readonly<Record<Verdict, string>> = {
  'fix-server': 'fix the server',
  'working-as-intended': 'working as intended: keep the block',
  'not-cors': 'not a CORS problem',
  'not-blocked': 'not blocked',
};

/**
 * Options of {@link explanationHtml}.
 *
 * @example
 * ```ts
 * explanationHtml(e, { level: 2, otherStacks: 'Other stacks: pick one in the form.' });
 * ```
 */
export interface ExplanationHtmlOptions {
  /** The line under the snippet saying how to get it for another stack (HTML, not escaped). */
  readonly otherStacks?: string;
  /** Level of the answer's heading (its sections are one below). Default 2. */
  readonly level?: 2 | 3;
}

const headerLine = ([name, value]: readonly [string, string]) => `${name}: ${value}`;

function list(tag: 'ul' | 'ol', items: readonly string[], attrs = ''): string {
  return `<${tag}${attrs}>${items.map((i) => `<li>${h(i)}</li>`).join('')}</${tag}>`;
}

/**
 * The explanation as an HTML section, with the content of the text output: the request, the cause and
 * where it failed, its description and Fetch step, Chrome's and Firefox's wording, the browser model's
 * steps (✓/✗), the evidence, the verdict with the summary, the safe alternatives or the changes, the
 * header delta as a -/+ diff, the snippet (`pre.snippet`, which a page script may give a copy button)
 * and the notes. Every value is HTML-escaped: header values come from the server explained and may
 * be hostile. Stable `data-testid`s: `explanation` (with `data-cause` and `data-verdict`),
 * `explained-request`, `cause`, `wording`, `steps` (`step` items with `data-ok`), `evidence`,
 * `verdict`, `advice`, `changes`, `delta`, `fix-snippet`, `explain-notes`.
 *
 * @example
 * ```ts
 * explanationHtml(await explainRequest(input));
 * // '<section class="explanation" data-testid="explanation" data-cause="preflight-method" data-verdict="fix-server">…'
 * ```
 */
export function explanationHtml(e: Explanation, options: ExplanationHtmlOptions = {}): string {
  const n = options.level ?? 2;
  const sub = n + 1;
  const r = e.request;
  const extra = [
    `credentials: ${r.credentials}`,
    ...(r.headers.length > 0 ? [`headers: ${r.headers.join(', ')}`] : []),
    ...(r.contentType ? [`content-type: ${r.contentType}`] : []),
  ].join('; ');
  const request = `<p class="explained-request" data-testid="explained-request"><code>${h(r.method)} ${h(r.url)}</code> from <code>${h(r.origin)}</code> <span class="notes">(${h(extra)})</span></p>`;
  const where =
    e.stage === 'preflight' ? ' at the preflight' : e.stage === 'response' ? ' at the response' : '';
  const blocked = e.cause !== 'no-error';
  const headline = blocked
    ? `<span class="mark fail" aria-hidden="true">✗</span> Blocked${where}: <code>${h(e.cause)}</code>`
    : `<span class="mark ok" aria-hidden="true">✓</span> Not blocked: <code>${h(e.cause)}</code>`;
  const wording = [
    e.wording.chrome ? `<dt>Chrome</dt><dd><code>${h(e.wording.chrome)}</code></dd>` : '',
    e.wording.firefox
      ? `<dt>Firefox</dt><dd><code>${h(e.wording.firefox)}</code>${e.wording.firefoxCode ? ` (${h(e.wording.firefoxCode)})` : ''}</dd>`
      : '',
  ].join('');
  const steps = e.steps
    .map(
      (s) =>
        `<li class="step" data-testid="step" data-ok="${s.ok}"><span class="mark ${s.ok ? 'ok' : 'fail'}" aria-hidden="true">${s.ok ? '✓' : '✗'}</span><span class="sr-only">${s.ok ? 'passed' : 'failed'}: </span><code>${h(s.name)}</code> ${h(s.detail)}</li>`,
    )
    .join('');
  const ev = e.evidence;
  const evidenceLines = [
    ...(ev.status !== undefined ? [`status ${ev.status}`] : []),
    ...(ev.networkError !== undefined ? [`network error ${ev.networkError}`] : []),
    ...(ev.location !== undefined ? [`Location: ${ev.location}`] : []),
    ...ev.headers.map(headerLine),
  ];
  const evidence =
    evidenceLines.length === 0
      ? ''
      : `<h${sub}>Evidence${ev.exchange ? ` (${h(ev.exchange)})` : ''}</h${sub}><pre class="evidence" data-testid="evidence">${h(evidenceLines.join('\n'))}</pre>`;
  const untrusted = e.untrusted
    ? `<p class="notes">(${h(e.untrusted.kind)}: no loosening of the server is offered)</p>`
    : '';
  const verdict = `<div class="verdict verdict-${e.verdict}" data-testid="verdict"><h${sub}>Verdict: <span class="badge verdict-${e.verdict}">${h(e.verdict)}</span> ${h(VERDICT_LABEL[e.verdict])}</h${sub}><p>${h(e.summary)}</p>${untrusted}</div>`;
  const advice =
    e.advice.length === 0 ? '' : `<h${sub}>Instead</h${sub}>${list('ul', e.advice, ' data-testid="advice"')}`;
  return `<section class="explanation" data-testid="explanation" data-cause="${h(e.cause)}" data-verdict="${e.verdict}" aria-labelledby="explanation-cause">
${request}
<h${n} id="explanation-cause" class="cause" data-testid="cause">${headline}</h${n}>
<p>${h(e.description)}</p>
<p class="notes">${h(e.fetchStep)}</p>
${wording ? `<dl class="wording" data-testid="wording">${wording}</dl>` : ''}
<h${sub}>Steps (the browser model, in order)</h${sub}><ol class="steps" data-testid="steps">${steps}</ol>
${evidence}
${verdict}
${advice}${fixHtml(e, sub, options)}${e.notes.length === 0 ? '' : `<h${sub}>Notes</h${sub}>${list('ul', e.notes, ' class="notes" data-testid="explain-notes"')}`}
</section>`;
}

function fixHtml(e: Explanation, level: number, options: ExplanationHtmlOptions): string {
  const fix = e.fix;
  if (!fix) return '';
  const hn = (text: string) => `<h${level}>${text}</h${level}>`;
  const changes =
    fix.changes.length === 0
      ? ''
      : `${hn('Changes')}${list(
          'ol',
          fix.changes.map((c) => c.text),
          ' data-testid="changes"',
        )}`;
  const policy =
    fix.policyChanges === undefined
      ? ''
      : hn('Policy file') +
        (fix.policyChanges.length > 0
          ? list('ul', fix.policyChanges)
          : '<p>The policy already allows this request: the server does not follow it. Deploy the configuration below.</p>');
  const delta = fix.delta
    .map((d) => {
      const lines = [
        ...d.removed.map((x) => `<span class="del">- ${h(headerLine(x))}</span>`),
        ...d.added.map((x) => `<span class="add">+ ${h(headerLine(x))}</span>`),
      ];
      return lines.length === 0
        ? ''
        : `${hn(`Header delta (${h(d.exchange)})`)}<pre class="delta" data-testid="delta">${lines.join('\n')}</pre>`;
    })
    .join('');
  const s = fix.snippet;
  const how = fix.stackSource === 'detected' ? ' (detected from the server headers)' : '';
  const others = options.otherStacks ?? `Other stacks: <code>--stack ${h(STACKS.join('|'))}</code>`;
  const verified =
    fix.verified === true
      ? '<p class="notes" data-testid="fix-verified">The browser model accepts the answers of the fixed configuration for this request.</p>'
      : '';
  return `${changes}${policy}${delta}${hn(`Fix for ${h(s.stack)}${how}: <code>${h(s.filename)}</code>`)}<pre class="snippet" data-testid="fix-snippet" data-language="${h(s.language)}">${h(s.code.trimEnd())}</pre><p class="notes">${others}</p>${verified}`;
}
