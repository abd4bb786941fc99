import type { DiscoverySource } from '../../capabilities/discovery/index.js';
import { LETTERS } from '../../capabilities/grade/index.js';
import { escapeHtml as h } from '../../outputs/kit/index.js';
import { gradeOf, targetOf } from './history.js';
import type { ResolvedServeOptions } from './options.js';
import { layout } from './pages.js';
import type { SiteEndpoint, SiteView } from './site-view.js';

const KIND_LABEL: Record<DiscoverySource['kind'], string> = {
  page: 'page',
  script: 'script',
  openapi: 'API description',
  'well-known': '/.well-known/ document',
  'common-path': 'common API path',
};

/** `script https://…/app.js line 5`: where an endpoint was found (text only: a URL from the site is never a link). */
const sourceHtml = (s: DiscoverySource): string =>
  `${h(KIND_LABEL[s.kind])} <code>${h(s.url)}</code>${s.line === undefined ? '' : ` line ${s.line}`}`;

const pending = (e: SiteEndpoint): boolean => e.scan?.status === 'queued' || e.scan?.status === 'running';

function statusCell(e: SiteEndpoint): string {
  const s = e.scan;
  if (!s) return '<span class="notes">no longer stored</span>';
  if (s.status === 'failed')
    return `<span class="failed">failed</span> <code>${h(s.error?.code ?? 'FAILED')}</code>`;
  if (s.status !== 'done') return s.status === 'queued' ? 'queued' : 'running…';
  const t = targetOf(s);
  if (t?.error) return `<span class="failed">no answer</span> <code>${h(t.error.code)}</code>`;
  return 'done';
}

function item(e: SiteEndpoint): string {
  const grade = e.scan ? gradeOf(e.scan)?.letter : undefined;
  const findings = e.scan ? targetOf(e.scan)?.findings.length : undefined;
  const from = e.from.map(sourceHtml).join('; ');
  return `<li class="endpoint" data-testid="site-endpoint" data-url="${h(e.url)}"><p class="endpoint-head"><span class="grade-letter" data-testid="endpoint-grade">${grade ? h(grade) : '–'}</span> <a href="/scans/${h(e.id)}">${h(e.url)}</a></p><p class="notes"><span data-testid="endpoint-status">${statusCell(e)}</span>${findings === undefined ? '' : ` · ${findings} finding(s)`}</p><p class="notes found-in">Found in: ${from || 'the site itself'}</p></li>`;
}

/**
 * `/sites/{id}`: a bare site scanned through discovery. Every endpoint found, with where it was found, its
 * scan's status, grade and findings (each links to the scan's page), the worst grade so far, and what
 * was found but not scanned, and why. While scans are pending the page reloads itself every 3 seconds.
 *
 * @example
 * ```ts
 * reply.type('text/html').send(sitePage(options, await siteView(stored, (id) => store.get(id))));
 * ```
 */
export function sitePage(options: ResolvedServeOptions, view: SiteView): string {
  const waiting = view.endpoints.filter(pending).length;
  const letters = view.endpoints
    .map((e) => (e.scan ? gradeOf(e.scan)?.letter : undefined))
    .filter((l): l is string => l !== undefined);
  const worst = letters.sort((a, b) => LETTERS.indexOf(b as never) - LETTERS.indexOf(a as never))[0];
  const found = view.endpoints.length + view.skipped.length;
  const notScanned = view.skipped.length > 0 ? `, ${view.skipped.length} not scanned (below)` : '';
  const scanned =
    waiting > 0
      ? `${view.endpoints.length} to scan, ${waiting} still queued or running (this page reloads itself)`
      : `${view.endpoints.length} scanned`;
  const summary = `<p data-testid="site-summary" data-pending="${waiting}">${found} endpoint(s) found on <strong>${h(view.scope)}</strong>: ${scanned}${notScanned}.${worst ? ` Worst grade${waiting > 0 ? ' so far' : ''}: <strong class="grade-letter" data-testid="site-worst">${h(worst)}</strong>.` : ''}</p>`;
  const skipped =
    view.skipped.length === 0
      ? ''
      : `<section class="panel-box" data-testid="site-skipped"><h2>Found, not scanned</h2><ul>${view.skipped
          .map((s) => `<li><code>${h(s.url)}</code>: ${h(s.reason)}</li>`)
          .join('')}</ul></section>`;
  const notes =
    view.notes.length === 0
      ? ''
      : `<section class="panel-box"><h2>Notes</h2><ul>${view.notes.map((n) => `<li>${h(n)}</li>`).join('')}</ul></section>`;
  const body = `<h1>CORS scan of the site <span class="url">${h(view.site)}</span></h1>
<p class="notes">corsguard looked for the endpoints this site's pages, scripts and API descriptions use on the same site, and scans each on its own.</p>
${summary}
<ul class="site-endpoints" data-testid="site-endpoints">${view.endpoints.map(item).join('')}</ul>
${skipped}${notes}`;
  return layout({
    title: `CORS scan of ${view.site}`,
    options,
    body,
    ...(waiting > 0 ? { reloadSeconds: 3 } : {}),
  });
}
