import { CorsguardError } from '../../core/errors/index.js';
import type { TextExchange } from '../scan/index.js';
import { COMMON_API_PATHS, OPENAPI_PATHS, WELL_KNOWN_PATHS } from './candidates.js';
import { Collector } from './collector.js';
import { Crawl, PRIORITY } from './crawl.js';
import { prepare, readDocument } from './read-document.js';
import { siteScope } from './scope.js';
import type { DiscoveryResult, DiscoverySource } from './types.js';

/** Fetches one document (GET, body cut at `maxBytes`, redirects returned); the scan `Engine` is one. */
export interface DocumentFetcher {
  fetchText(req: { url: string; maxBytes: number; signal?: AbortSignal }): Promise<TextExchange>;
}

/** Bounds of {@link discoverEndpoints}. */
export interface DiscoveryOptions {
  /** Endpoints kept (`--discover-limit`); the rest are dropped as over budget. Default 50. */
  readonly limit?: number;
  /** Documents requested at most (page, scripts, API descriptions, common paths). Default 30. */
  readonly maxDocuments?: number;
  /** Scripts fetched at most (within `maxDocuments`). Default 10. */
  readonly maxScripts?: number;
  /** Bytes read of one document; the rest is not read. Default 5 MiB. */
  readonly maxBodyBytes?: number;
  /** Time for the whole discovery, in ms. Default 60000. */
  readonly timeoutMs?: number;
  /** Same-site redirects of a document followed (each hop checked again); off-site ones never are. Default 3. */
  readonly maxRedirects?: number;
}

/** The defaults of {@link DiscoveryOptions}. */
export const DISCOVERY_DEFAULTS = {
  limit: 50,
  maxDocuments: 30,
  maxScripts: 10,
  maxBodyBytes: 5 * 1024 * 1024,
  timeoutMs: 60_000,
  maxRedirects: 3,
} as const;

/** Documents fetched at once. */
const WAVE = 4;

/**
 * Finds the endpoints of a site worth scanning, bounded and on the site only: the page's scripts (inline
 * and same-site `src`, with their imported chunks) read for fetch/XHR/axios/jQuery/WebSocket/GraphQL URLs,
 * the API descriptions the page links (`rel=service-desc`), OpenAPI/Swagger documents and `/.well-known/`
 * API catalogs at the usual paths, and common API paths that answer like an API. Only URLs on the site's
 * registrable domain (by the Public Suffix List) are requested or kept; third-party ones and off-site
 * redirects are dropped unrequested. Every endpoint says where it was found; what was dropped, and why, is
 * in `dropped` and `notes`. Never throws for a network or parse problem (those are reported).
 *
 * @example
 * ```ts
 * const engine = new Engine({ timeoutMs: 5000 });
 * const found = await discoverEndpoints('https://www.example.com/', engine, { limit: 20 });
 * for (const e of found.endpoints) console.log(e.url, e.from[0]?.kind);
 * await engine.close();
 * ```
 */
export async function discoverEndpoints(
  site: string,
  fetcher: DocumentFetcher,
  options: DiscoveryOptions = {},
): Promise<DiscoveryResult> {
  const o = { ...DISCOVERY_DEFAULTS, ...options };
  const start = siteUrl(site);
  const c = new Collector(start.href, siteScope(start), o.limit);
  const crawl = new Crawl(c, o.maxScripts);
  const self: DiscoverySource = { url: start.href, kind: 'page' };
  crawl.enqueue(start.href, start.href, 'page', PRIORITY.page, self);
  for (const p of WELL_KNOWN_PATHS) crawl.enqueue(p, start.origin, 'well-known', PRIORITY.usual, self);
  for (const p of OPENAPI_PATHS) crawl.enqueue(p, start.origin, 'openapi', PRIORITY.usual, self);
  for (const p of COMMON_API_PATHS) crawl.enqueue(p, start.origin, 'common-path', PRIORITY.commonPath, self);

  const signal = AbortSignal.timeout(o.timeoutMs);
  while (crawl.size > 0 && c.documents.length < o.maxDocuments && !signal.aborted) {
    const wave = crawl.take(Math.min(WAVE, o.maxDocuments - c.documents.length));
    const answers = await Promise.all(
      wave.map(async (item) => {
        try {
          const res = await fetcher.fetchText({ url: item.url.href, maxBytes: o.maxBodyBytes, signal });
          return await prepare(item, res, signal);
        } catch (err) {
          return { item, err };
        }
      }),
    );
    for (const answer of answers) {
      if ('err' in answer) {
        c.failed(answer.item, answer.err);
        continue;
      }
      if (answer.res.truncated)
        c.note(`${answer.item.url.href}: only the first ${o.maxBodyBytes} bytes were read.`);
      readDocument(crawl, answer, o.maxRedirects);
    }
  }
  if (signal.aborted)
    c.note(
      `Discovery stopped at its time limit of ${Math.round(o.timeoutMs / 1000)} s; what it found by then is scanned.`,
    );
  crawl.dropRest();
  return c.result(o.maxDocuments);
}

function siteUrl(site: string): URL {
  const raw = /^[a-z][a-z0-9+.-]*:\/\//i.test(site.trim()) ? site.trim() : `https://${site.trim()}`;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new CorsguardError(
      'USAGE',
      `--discover ${JSON.stringify(site)} is not a site URL; write it like https://www.example.com/`,
    );
  }
  if (!/^https?:$/.test(url.protocol))
    throw new CorsguardError(
      'USAGE',
      `--discover ${site}: discovery starts from an http or https page, e.g. https://www.example.com/`,
    );
  url.hash = '';
  return url;
}
