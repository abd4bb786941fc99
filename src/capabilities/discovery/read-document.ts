import { getHeader } from '../../core/browser/index.js';
import type { TextExchange } from '../scan/index.js';
import { readApiDescription } from './api-description.js';
import { type BundleScan, bundleUrls } from './bundle-urls.js';
import { type Crawl, type Item, PRIORITY } from './crawl.js';
import { type PageParts, readPage } from './html-page.js';
import { endpointUrl, inScope } from './scope.js';
import type { DiscoverySource } from './types.js';

/** A fetched document and what its scripts hold (parsed ahead, concurrently). */
export interface Fetched {
  readonly item: Item;
  readonly res: TextExchange;
  readonly page?: PageParts;
  /** The script's scan, or the page's inline scripts' scans (in `page.scripts` order). */
  readonly scans: readonly (BundleScan | undefined)[];
}

/** Inline scripts read per page; the rest are skipped (and said so). */
export const MAX_INLINE_SCRIPTS = 20;

const ok = (res: TextExchange) => res.status >= 200 && res.status < 300;
const RELATIVE_OR_HTTP = /^(?:\.|\/|https?:)/;

/** A script's URLs (`bundleUrls`), unless discovery's time is up. */
function scriptUrls(text: string, name: string, signal: AbortSignal | undefined): BundleScan {
  if (signal?.aborted) return { urls: [], imports: [], problem: 'not read: discovery ran out of time' };
  return bundleUrls(text, name);
}

/**
 * Reads the scripts of a fetched page or script, for a whole wave at once before {@link readDocument}
 * applies the results in order.
 *
 * @example
 * ```ts
 * const fetched = await prepare(item, res);
 * ```
 */
export async function prepare(item: Item, res: TextExchange, signal?: AbortSignal): Promise<Fetched> {
  if (!ok(res) || (item.kind !== 'page' && item.kind !== 'script')) return { item, res, scans: [] };
  if (item.kind === 'script') return { item, res, scans: [scriptUrls(res.body, item.url.pathname, signal)] };
  const page = readPage(res.body);
  let inline = 0;
  const scans = await Promise.all(
    page.scripts.map((s) =>
      s.kind === 'inline' && inline++ < MAX_INLINE_SCRIPTS
        ? scriptUrls(s.text, 'inline.js', signal)
        : undefined,
    ),
  );
  return { item, res, page, scans };
}

/**
 * Applies one fetched document to the crawl: endpoints to the collector, scripts and descriptions to the
 * queue; a same-site redirect is queued as the next hop (at most `maxRedirects`), an off-site one dropped
 * unrequested. Records the document.
 *
 * @example
 * ```ts
 * readDocument(crawl, await prepare(item, res), 3);
 * ```
 */
export function readDocument(crawl: Crawl, fetched: Fetched, maxRedirects: number): void {
  const { problem, added } = outcome(crawl, fetched, maxRedirects);
  crawl.collector.document(fetched.item, fetched.res, problem, added);
}

type Outcome = { readonly problem?: string | undefined; readonly added: number };

function outcome(crawl: Crawl, fetched: Fetched, maxRedirects: number): Outcome {
  const { item, res } = fetched;
  const c = crawl.collector;
  const url = item.url.href;
  const from: DiscoverySource = { url, kind: item.kind };
  const location = getHeader(res.headers, 'location');
  if (res.status >= 300 && res.status < 400 && location !== null) {
    const next = endpointUrl(location, url);
    if (!next || !inScope(next, c.scope)) {
      c.drop(next?.href ?? location, 'redirect-off-site', from);
      return { problem: `redirect to ${next?.href ?? location} not followed (off-site)`, added: 0 };
    }
    const queued = item.hops < maxRedirects && crawl.redirect(item, next);
    return {
      problem: `${queued ? 'same-site redirect to' : 'redirect not followed to'} ${next.href}`,
      added: 0,
    };
  }
  if (item.kind === 'common-path') {
    const html = /html/i.test(getHeader(res.headers, 'content-type') ?? '');
    const api = (ok(res) && !html) || [401, 403, 405].includes(res.status);
    if (api) return { added: c.endpoint(url, url, from) };
    return { problem: `HTTP ${res.status}${html ? ' (HTML)' : ''}: not an API`, added: 0 };
  }
  if (!ok(res)) return { problem: `HTTP ${res.status}`, added: 0 };
  if (item.kind === 'page') return { added: page(crawl, fetched) };
  if (item.kind === 'script') {
    const scan = fetched.scans[0];
    if (!scan) return { added: 0 };
    const added = script(crawl, item, scan, { url, kind: 'script' }, item.pageBase ?? url, 0);
    return { problem: scan.problem, added };
  }
  const description = readApiDescription(res.body);
  let added = 0;
  for (const e of description.endpoints) added += c.endpoint(e, url, from);
  for (const d of description.descriptions) crawl.enqueue(d, url, 'openapi', PRIORITY.linked, from);
  return { problem: description.problem, added };
}

/** The page's linked descriptions and scripts queued, its inline scripts read. */
function page(crawl: Crawl, fetched: Fetched): number {
  const url = fetched.item.url.href;
  const parts = fetched.page;
  if (!parts) return 0;
  const base = endpointUrl(parts.base ?? url, url)?.href ?? url;
  for (const d of parts.apiDescriptions)
    crawl.enqueue(d.href, base, 'openapi', PRIORITY.linked, { url, kind: 'page', line: d.line });
  let added = 0;
  let skipped = 0;
  parts.scripts.forEach((s, i) => {
    if (s.kind === 'external') {
      crawl.enqueue(
        s.src,
        base,
        'script',
        PRIORITY.script,
        { url, kind: 'page', line: s.line },
        { pageBase: base },
      );
      return;
    }
    const scan = fetched.scans[i];
    if (!scan) {
      skipped++;
      return;
    }
    added += script(crawl, fetched.item, scan, { url, kind: 'page' }, base, s.line - 1);
    if (scan.problem) crawl.collector.note(`${url} (inline script at line ${s.line}): ${scan.problem}`);
  });
  if (skipped > 0)
    crawl.collector.note(
      `${url}: ${skipped} inline script(s) over the ${MAX_INLINE_SCRIPTS} read per page were skipped.`,
    );
  return added;
}

/** A script's endpoints (relative to the page it runs in) and imported chunks (relative to the script). */
function script(
  crawl: Crawl,
  item: Item,
  scan: BundleScan,
  where: { url: string; kind: 'page' | 'script' },
  pageBase: string,
  lineOffset: number,
): number {
  const c = crawl.collector;
  let added = 0;
  for (const u of scan.urls) added += c.endpoint(u.url, pageBase, { ...where, line: u.line + lineOffset });
  const importBase = where.kind === 'script' ? where.url : pageBase;
  for (const i of scan.imports)
    if (RELATIVE_OR_HTTP.test(i.url))
      crawl.enqueue(
        i.url,
        importBase,
        'script',
        PRIORITY.script,
        { ...where, line: i.line + lineOffset },
        { pageBase },
      );
  if (scan.problem && where.kind === 'script') c.note(`${item.url.href}: ${scan.problem}`);
  return added;
}
