import type { Lab } from '../../capabilities/lab/index.js';
import { STACK_LABELS, STACKS, type Stack } from '../../capabilities/remediation/index.js';
import type { StoredScan } from '../../capabilities/store/index.js';
import { escapeHtml as h } from '../../outputs/kit/index.js';
import type { PocPage } from '../../outputs/poc/index.js';
import { targetSection } from '../../outputs/report/index.js';
import { explainHref } from './explain-link.js';
import { type Changes, gradeOf, gradeTimeline, targetOf } from './history.js';
import type { ResolvedServeOptions } from './options.js';

/** The pages' Content-Security-Policy: only this server's stylesheet and script, nothing inline, no frames. */
export const PAGE_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/**
 * What {@link layout} wraps: the page's title and body.
 *
 * @example
 * ```ts
 * const shell: Shell = { title: 'CORS scan', body: '<h1>…</h1>', options };
 * ```
 */
export interface Shell {
  readonly title: string;
  readonly body: string;
  readonly options: ResolvedServeOptions;
  /** Reload every 2 s when scripts are off (a running scan's page). */
  readonly refresh?: boolean;
  /** Reload every so many seconds, scripts on or off (a page of several scans still running). */
  readonly reloadSeconds?: number;
}

/**
 * The shell of every page: head (stylesheet, script, CSP-friendly: nothing inline), the site header with
 * its navigation, the private-targets banner when they are allowed, the main content, the footer.
 *
 * @example
 * ```ts
 * layout({ title: 'Why is my request blocked?', body: '<h1>…</h1>', options });
 * ```
 */
export function layout(s: Shell): string {
  const banner = s.options.dangerouslyAllowPrivate
    ? '<p class="banner" data-testid="private-banner" role="note"><strong>Private targets allowed:</strong> this server scans loopback, private and link-local addresses too (--allow-private). Do not expose it to the internet.</p>'
    : s.options.allowCidrs.length > 0
      ? `<p class="banner" data-testid="private-banner" role="note"><strong>Internal networks allowed:</strong> ${h(s.options.allowCidrs.join(', '))}.</p>`
      : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${h(s.title)} · corsguard</title>
<link rel="icon" href="data:,"><link rel="stylesheet" href="/assets/app.css"><script src="/assets/app.js" defer></script>
${s.refresh ? '<noscript><meta http-equiv="refresh" content="2"></noscript>' : ''}${s.reloadSeconds ? `<meta http-equiv="refresh" content="${s.reloadSeconds}">` : ''}</head>
<body><a class="skip" href="#main">Skip to content</a>
<header class="site"><a class="brand" href="/">corsguard</a><nav aria-label="Site"><a href="/">New scan</a> · <a href="/explain">Explain a CORS error</a> · <a href="/monitor">Monitoring</a> · <a href="/api/openapi.json">API</a></nav></header>
${banner}<main id="main">${s.body}</main>
<footer class="notes"><p>corsguard ${h(s.options.version)} — the CORS check of the Fetch standard, applied to your endpoint.</p></footer>
</body></html>
`;
}

/** The values to put back into the form after a refusal. */
export interface FormValues {
  readonly url?: string;
  readonly trustedOrigins?: string;
  readonly stack?: string;
  readonly verify?: string;
}

function scanForm(values: FormValues): string {
  const stacks = ['', ...STACKS]
    .map(
      (s) =>
        `<option value="${s}"${values.stack === s ? ' selected' : ''}>${s === '' ? 'Detect from the response' : h(STACK_LABELS[s as Stack])}</option>`,
    )
    .join('');
  return `<form class="scan" method="post" action="/scans" data-testid="scan-form">
<label for="url">URL of an API endpoint</label>
<input id="url" name="url" type="url" required placeholder="https://api.example.com/v1/me" value="${h(values.url ?? '')}" autocomplete="url">
<details><summary>More options</summary>
<label for="trustedOrigins">Your front ends (origins the API should trust), one per line</label>
<textarea id="trustedOrigins" name="trustedOrigins" rows="3" placeholder="https://app.example.com">${h(values.trustedOrigins ?? '')}</textarea>
<label for="stack">Show fixes for</label>
<select id="stack" name="stack">${stacks}</select>
<label class="check" for="verify"><input id="verify" name="verify" type="checkbox" value="on"${values.verify ? ' checked' : ''}> Verify in a real browser</label>
<p class="notes" id="verify-help">Loads each exploitable finding's proof of concept in headless Chromium on this server, from the attacker's origin, against this URL only (at the address checked), and shows whether the browser read the response.</p>
</details>
<div><button type="submit">Scan</button></div>
</form>`;
}

function labList(lab: Lab): string {
  const items = lab.targets
    .map(
      (t) =>
        `<li data-testid="lab-endpoint"><form method="post" action="/scans"><input type="hidden" name="url" value="${h(t.url)}"><button type="submit" class="secondary" aria-label="Scan ${h(t.endpoint.path)}">Scan</button></form><span><code>${h(t.endpoint.path)}</code> ${h(t.endpoint.description)}</span></li>`,
    )
    .join('');
  return `<section class="panel-box" data-testid="lab"><h2>The built-in lab</h2><p class="notes">Intentionally vulnerable endpoints running on this machine (<code>${h(lab.host)}</code>, pinned to loopback): scan one to see every finding corsguard knows.</p><ul class="lab-list">${items}</ul></section>`;
}

/**
 * The landing page: one URL field (+ trusted origins and stack), what is sent and what is not, the lab's
 * endpoints when `--lab` runs it, and a refusal when the last submission was refused.
 *
 * @example
 * ```ts
 * reply.type('text/html').send(landingPage(options, lab));
 * ```
 */
export function landingPage(
  options: ResolvedServeOptions,
  lab: Lab | undefined,
  refusal?: { code: string; message: string },
  values: FormValues = {},
): string {
  const error = refusal
    ? `<p class="error-box" role="alert" data-testid="form-error" data-code="${h(refusal.code)}"><strong>${h(refusal.code)}</strong>: ${h(refusal.message)}</p>`
    : '';
  const where = options.dangerouslyAllowPrivate
    ? 'any address, internal ones included (this server allows private targets)'
    : 'public addresses only: loopback, private, link-local and cloud-metadata addresses are refused, in every spelling, and the address checked is the one connected to';
  const body = `<h1>Is your CORS configuration safe?</h1>
<p>Paste an API URL: corsguard sends the requests a browser would from other sites' pages and tells you which sites can read it, how sure it is, and the fix for your stack.</p>
${error}${scanForm(values)}
<section class="panel-box" data-testid="what-is-sent"><h2>What is sent, and what is not</h2><ul>
<li>Up to about 80 <code>GET</code> and <code>OPTIONS</code> requests (a few when the first answers already show the problem) from this server to that URL, each with a different <code>Origin</code> header; ${options.requestsPerSecond > 0 ? `at most ${options.requestsPerSecond} a second, ` : ''}${Math.round(options.scanTimeoutMs / 1000)} s at most.</li>
<li>No cookies, no credentials, no request body; redirects are reported, never followed.</li>
<li>With <em>Verify in a real browser</em>: headless Chromium on this server loads the proof-of-concept page of each exploitable finding from the attacker's origin (served by this server on loopback) against that URL only, at the address checked; it can reach nothing else.</li>
<li>Targets: ${where}; ports ${h(options.targetPorts.join(', '))}.</li>
<li>The result is kept and shown to anyone with its link, and in the history of that URL. Cookies or headers sent for an authenticated scan (API only) are never stored, logged or shown.</li>
</ul></section>
${lab ? labList(lab) : ''}
<p>A request of your own page blocked? <a href="/explain">Explain the CORS error</a>: paste the console message, get the failing check and the safe fix.</p>
<p>Automate it: <a href="/api/openapi.json">the JSON API</a> (<code>POST /api/scans</code>, <code>POST /api/explain</code>).</p>`;
  return layout({ title: 'CORS scan', body, options });
}

/** A page for a refusal or a missing scan. */
export function errorPage(options: ResolvedServeOptions, error: { code: string; message: string }): string {
  const body = `<h1>Not possible</h1><p class="error-box" role="alert" data-testid="page-error" data-code="${h(error.code)}"><strong>${h(error.code)}</strong>: ${h(error.message)}</p><p><a href="/">Start a new scan</a></p>`;
  return layout({ title: error.code, body, options });
}

/** Everything the scan page shows besides the scan itself. */
export interface ScanPageInput {
  readonly scan: StoredScan;
  /** The URL's recent scans, newest first (this one included). */
  readonly history: readonly StoredScan[];
  readonly changes: Changes | undefined;
  readonly pocs: readonly PocPage[];
  /** Position in the queue, when queued. */
  readonly position: number | undefined;
}

function againForm(scan: StoredScan): string {
  const trusted = (scan.request.trustedOrigins ?? []).join('\n');
  return `<form method="post" action="/scans" data-testid="scan-again"><input type="hidden" name="url" value="${h(scan.url)}"><input type="hidden" name="trustedOrigins" value="${h(trusted)}"><input type="hidden" name="stack" value="${h(scan.request.stack ?? '')}"><input type="hidden" name="force" value="on">${scan.request.verify ? '<input type="hidden" name="verify" value="on">' : ''}<button type="submit">Scan again</button></form>`;
}

function progress(scan: StoredScan, position: number | undefined): string {
  const text = scan.status === 'queued' ? `Queued${position ? ` (position ${position})` : ''}` : 'Running…';
  return `<section class="progress" data-live-scan="${h(scan.id)}" data-testid="progress" aria-live="polite"><h2 data-testid="progress-status">${text}</h2><p class="notes">This page updates as the probes are answered (without JavaScript it reloads every 2 seconds).</p><ul class="probe-log" data-testid="probe-log" aria-label="Latest answers, newest first"></ul></section>`;
}

function changesHtml(c: Changes | undefined): string {
  if (!c) return '';
  const list = (items: Changes['added'], label: string, testid: string) =>
    items.length === 0
      ? ''
      : `<p><strong>${label}:</strong></p><ul data-testid="${testid}">${items.map((f) => `<li data-id="${h(f.id)}"><span class="badge ${h(f.severity)}">${h(f.severity)}</span> ${h(f.title)} <code>${h(f.id)}</code></li>`).join('')}</ul>`;
  const when = utc(c.previous.createdAt);
  const none =
    c.added.length === 0 && c.fixed.length === 0
      ? '<p data-testid="no-change">No finding appeared or went away.</p>'
      : '';
  const rest =
    c.unverified > 0
      ? `<p class="notes">${c.unverified} earlier finding(s) could not be re-checked.</p>`
      : '';
  return `<section class="panel-box" data-testid="changes"><h2>Since the previous scan</h2><p class="notes">Compared with <a href="/scans/${h(c.previous.id)}">the scan of ${when} UTC</a>.</p>${none}${list(c.added, 'New', 'changes-new')}${list(c.fixed, 'Fixed', 'changes-fixed')}${rest}</section>`;
}

/** A time in UTC as `YYYY-MM-DD HH:MM:SS`. */
const utc = (d: Date): string => d.toISOString().slice(0, 19).replace('T', ' ');

/** {@link utc}, with the date and the time each kept on one line. */
const stamp = (d: Date): string => {
  const [day, time] = utc(d).split(' ');
  return `<span class="nowrap">${day}</span> <span class="nowrap">${time}</span>`;
};

function historyHtml(current: StoredScan, history: readonly StoredScan[]): string {
  if (history.length < 2) return '';
  const rows = history
    .map((s) => {
      const g = gradeOf(s);
      const t = targetOf(s);
      const here = s.id === current.id ? ' aria-current="page"' : '';
      return `<tr data-testid="history-row" data-id="${h(s.id)}"${here}><td><a href="/scans/${h(s.id)}">${stamp(s.createdAt)}</a></td><td>${h(s.status)}</td><td data-testid="history-grade">${g ? h(g.letter) : '–'}</td><td>${t ? t.findings.length : '–'}</td></tr>`;
    })
    .join('');
  return `<section class="panel-box history" data-testid="history"><h2>Earlier scans of this URL</h2>${gradeTimeline(history)}<table><thead><tr><th scope="col">When (UTC)</th><th scope="col">Status</th><th scope="col">Grade</th><th scope="col">Findings</th></tr></thead><tbody>${rows}</tbody></table></section>`;
}

function pocHtml(scan: StoredScan, pocs: readonly PocPage[]): string {
  if (pocs.length === 0) return '';
  const items = pocs
    .map(
      (p) =>
        `<li><a href="/scans/${h(scan.id)}/poc/${h(p.fileName)}" download data-testid="poc-link">${h(p.findingId)}</a> — ${p.origin === 'null' ? 'open it from any page (it reads from a sandboxed iframe, whose origin is null)' : `host it at <code>${h(p.origin)}</code>`}, while logged in to the target.</li>`,
    )
    .join('');
  return `<section class="panel-box" data-testid="pocs"><h2>Proof-of-concept pages</h2><p class="notes">Each page reads the target from an attacker's origin the way a browser would allow it.</p><ul>${items}</ul></section>`;
}

/**
 * A scan's page: live progress while it runs (events, or a refresh without scripts); then the grade card,
 * findings, remediation tabs and notes rendered by the HTML report's `targetSection`, what changed since
 * the previous scan, proof-of-concept downloads, the badge, "scan again" and the URL's history.
 *
 * @example
 * ```ts
 * reply.type('text/html').send(scanPage(options, { scan, history, changes, pocs, position }));
 * ```
 */
export function scanPage(options: ResolvedServeOptions, input: ScanPageInput, origin: string): string {
  const { scan } = input;
  const title = `CORS scan of ${scan.url}`;
  const heading = `<h1>CORS scan of <span class="url">${h(scan.url)}</span></h1>`;
  if (scan.status === 'queued' || scan.status === 'running') {
    return layout({ title, options, refresh: true, body: `${heading}${progress(scan, input.position)}` });
  }
  const t = targetOf(scan);
  const stack = scan.request.stack as Stack | undefined;
  const result = t
    ? targetSection(t, 0, stack, { explainHref: (f) => explainHref(f, scan.id, stack) })
    : `<p class="error-box" role="alert" data-testid="scan-failed" data-code="${h(scan.error?.code ?? 'FAILED')}"><strong>${h(scan.error?.code ?? 'FAILED')}</strong>: ${h(scan.error?.message ?? 'the scan failed')}</p>`;
  const when = utc(scan.finishedAt ?? scan.createdAt);
  const badge = t
    ? `<section class="panel-box" data-testid="badge"><h2>Badge</h2><p><img src="/badge/${h(scan.id)}.svg" alt="CORS grade ${h(gradeOf(scan)?.letter ?? 'none')}" height="20"></p><pre class="snippet" data-language="markdown">${h(`[![CORS grade](${origin}/badge/${scan.id}.svg)](${origin}/scans/${scan.id})`)}</pre></section>`
    : '';
  const body = `${heading}<p class="notes">Scanned ${when} UTC.</p>${againForm(scan)}${changesHtml(input.changes)}${result}${pocHtml(scan, input.pocs)}${badge}${historyHtml(scan, input.history)}`;
  return layout({ title, options, body });
}
