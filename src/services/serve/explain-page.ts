import { STACK_LABELS, STACKS, type Stack } from '../../capabilities/remediation/index.js';
import { explanationHtml } from '../../outputs/explanation/index.js';
import { escapeHtml as h } from '../../outputs/kit/index.js';
import type { Explanation } from '../explain/index.js';
import { EXPLAIN_FIELDS } from './explain-input.js';
import type { FindingContext } from './explain-link.js';
import type { ResolvedServeOptions } from './options.js';
import { layout } from './pages.js';

/**
 * The `/explain` form's values (as typed: text), to fill it in again.
 *
 * @example
 * ```ts
 * const v: ExplainFormValues = { url: 'https://api.example.com/v1', origin: 'https://app.example.com', offline: 'on' };
 * ```
 */
export type ExplainFormValues = Partial<Record<(typeof EXPLAIN_FIELDS)[number], string>>;

/**
 * The form's values from a query or a form post: the known fields that are text, cut to a sane length.
 *
 * @example
 * ```ts
 * explainFormValues({ url: 'https://api.example.com/v1', origin: 'https://app.example.com', nope: 'x' });
 * // { url: 'https://api.example.com/v1', origin: 'https://app.example.com' }
 * ```
 */
export function explainFormValues(fields: Readonly<Record<string, unknown>>): ExplainFormValues {
  const out: Record<string, string> = {};
  for (const key of EXPLAIN_FIELDS) {
    const v = fields[key];
    if (typeof v === 'string') out[key] = v.slice(0, key === 'message' ? 32 * 1024 : 2048);
  }
  return out;
}

/**
 * What the `/explain` page shows besides the form.
 *
 * @example
 * ```ts
 * const input: ExplainPageInput = { values, explanation, context: findingContext(req.query) };
 * ```
 */
export interface ExplainPageInput {
  readonly values: ExplainFormValues;
  readonly explanation?: Explanation | undefined;
  readonly refusal?: { readonly code: string; readonly message: string } | undefined;
  readonly context?: FindingContext | undefined;
}

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'];

function options(choices: ReadonlyArray<readonly [string, string]>, selected: string | undefined): string {
  return choices
    .map(
      ([value, label]) =>
        `<option value="${h(value)}"${value === (selected ?? '') ? ' selected' : ''}>${h(label)}</option>`,
    )
    .join('');
}

function field(id: string, label: string, control: string, hint?: string, wide = false): string {
  return `<div class="field${wide ? ' wide' : ''}"><label for="${id}">${label}${hint ? ` <span class="hint" id="${id}-hint">${hint}</span>` : ''}</label>${control}</div>`;
}

function form(v: ExplainFormValues, context: FindingContext | undefined): string {
  const method = v.method?.toUpperCase();
  const methods: Array<[string, string]> = [
    ['', 'From the message, or GET'],
    ...METHODS.map((m): [string, string] => [m, m]),
    ...(method && !METHODS.includes(method) ? [[method, method] as [string, string]] : []),
  ];
  const credentials: Array<[string, string]> = [
    ['', 'From the message, or same-origin'],
    ['include', 'include (the page sends cookies)'],
    ['omit', 'omit'],
    ['same-origin', 'same-origin'],
  ];
  const stacks: Array<[string, string]> = [
    ['', 'Detect from the server’s headers'],
    ...STACKS.map((s): [string, string] => [s, STACK_LABELS[s as Stack]]),
  ];
  const hidden = context
    ? `<input type="hidden" name="finding" value="${h(context.finding)}">${context.scan ? `<input type="hidden" name="scan" value="${h(context.scan)}">` : ''}`
    : '';
  const text = (id: keyof ExplainFormValues, type: 'text' | 'url', placeholder: string, extra = '') =>
    `<input id="${id}" name="${id}" type="${type}" value="${h(v[id] ?? '')}" placeholder="${h(placeholder)}"${extra}>`;
  return `<form class="scan explain" method="post" action="/explain" data-testid="explain-form">${hidden}
<fieldset><legend>Paste the console message</legend>
${field('message', 'Console message (Chrome, Edge, Firefox or Safari)', `<textarea id="message" name="message" rows="4" placeholder="Access to fetch at 'https://api.example.com/v1/items' from origin 'https://app.example.com' has been blocked by CORS policy: …">${h(v.message ?? '')}</textarea>`)}
<label class="check" for="offline"><input type="checkbox" id="offline" name="offline"${v.offline === 'on' || v.offline === 'true' ? ' checked' : ''}> Offline: explain from the message alone, send nothing</label>
</fieldset>
<fieldset><legend>Or describe the request</legend>
<p class="hint">With a message, fill in only what it does not say (Firefox’s messages do not name the page’s origin); what you give here wins over the message.</p>
<div class="fields">
${field('url', 'URL the page requests', text('url', 'url', 'https://api.example.com/v1/items', ' autocomplete="url"'), undefined, true)}
${field('origin', 'Origin of the page', text('origin', 'text', 'https://app.example.com', ' autocomplete="off" spellcheck="false"'), 'or null, or * for any')}
${field('method', 'Method', `<select id="method" name="method">${options(methods, method)}</select>`)}
${field('headers', 'Request headers the page sets', text('headers', 'text', 'Authorization, X-Request-Id', ' autocomplete="off" spellcheck="false"'), 'names, comma-separated')}
${field('credentials', 'Credentials', `<select id="credentials" name="credentials">${options(credentials, v.credentials)}</select>`)}
${field('contentType', 'Content-Type the page sends', text('contentType', 'text', 'application/json', ' autocomplete="off" spellcheck="false"'))}
</div>
</fieldset>
${field('stack', 'Show the fix for', `<select id="stack" name="stack">${options(stacks, v.stack)}</select>`)}
<div><button type="submit">Explain</button></div>
</form>`;
}

function contextNote(c: FindingContext | undefined): string {
  if (!c) return '';
  const scan = c.scan ? ` of <a href="/scans/${h(c.scan)}">this scan</a>` : ' of a scan';
  return `<p class="banner" role="note" data-testid="explain-context">Prefilled from the finding <code>${h(c.finding)}</code>${scan}: the origin is the one corsguard’s probe sent to show it. If the answer is <strong>not blocked</strong>, a browser lets a page at that origin read this endpoint (with the visitor’s cookies when credentials is <code>include</code>); for an origin that is not one of your front ends, that is the attack.</p>`;
}

function whatIsSent(options: ResolvedServeOptions): string {
  const where = options.dangerouslyAllowPrivate
    ? 'any address, internal ones included (this server allows private targets)'
    : 'public addresses only, as for scans: loopback, private, link-local and cloud-metadata addresses are refused, and the address checked is the one connected to';
  return `<section class="panel-box" data-testid="explain-what-is-sent"><h2>What is sent, and what is not</h2><ul>
<li>With <strong>Offline</strong> and a message: nothing. Otherwise, from this server to the URL, what a browser sends: the preflight (<code>OPTIONS</code> with <code>Origin</code> and <code>Access-Control-Request-*</code>) when the request needs one, then, only if a browser would accept that preflight, the request with the same headers (placeholder values) and no body.</li>
<li>Never a method that may change data: a <code>PUT</code>, <code>POST</code>, <code>DELETE</code>… is stood in for by a <code>GET</code> with the same headers. No cookies, even with credentials <code>include</code>. For the real method or a signed-in answer, run <code>npx corsguard explain --send --cookie …</code> on your own machine.</li>
<li>Redirects are reported, never followed. Targets: ${where}; ports ${h(options.targetPorts.join(', '))}. At most ${options.explainsPerClient} live explanations a minute from one address.</li>
<li>Nothing is kept: the answer is shown to you and not stored.</li>
</ul></section>`;
}

/**
 * The `/explain` page: the answer when there is one (the same content as `corsguard explain`'s text),
 * a refusal when the last submission was refused, the finding it was opened from, then the form (a
 * console message, or the request's fields) and what is sent. Works without scripts; the site's script
 * adds a copy button to the snippet.
 *
 * @example
 * ```ts
 * reply.type('text/html').send(explainPage(options, { values: explainFormValues(req.query), context }));
 * ```
 */
export function explainPage(options: ResolvedServeOptions, input: ExplainPageInput): string {
  const { explanation, refusal, values, context } = input;
  const error = refusal
    ? `<p class="error-box" role="alert" data-testid="form-error" data-code="${h(refusal.code)}"><strong>${h(refusal.code)}</strong>: ${h(refusal.message)}</p>`
    : '';
  const answer = explanation
    ? explanationHtml(explanation, {
        otherStacks: 'Other stacks: choose one under <em>Show the fix for</em> below and explain again.',
      })
    : '';
  const intro = explanation
    ? ''
    : '<p>Paste the message your browser’s console printed, or describe the request: corsguard sends what a browser would, runs the browser’s CORS check step by step on the real answers, and tells you the failing check, whether the block is right, and the smallest safe fix for your server.</p>';
  const body = `<h1>Why is my request blocked?</h1>
${intro}${contextNote(context)}${error}${answer}
${explanation ? '<h2 class="again">Explain another request</h2>' : ''}${form(values, context)}
${whatIsSent(options)}
<p>Automate it: <code>POST /api/explain</code> in <a href="/api/openapi.json">the JSON API</a> answers the same explanation as <code>corsguard explain --format json</code>.</p>`;
  const title = explanation ? `Explanation: ${explanation.cause}` : 'Why is my request blocked?';
  return layout({ title, body, options });
}
