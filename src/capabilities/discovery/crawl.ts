import { API_ORIGIN_DESCRIPTION_PATHS } from './candidates.js';
import type { Collector } from './collector.js';
import { endpointUrl, inScope } from './scope.js';
import type { DiscoveryKind, DiscoverySource } from './types.js';

/** Lower first: the page, the descriptions it links, its scripts, the usual places, other API origins. */
export const PRIORITY = {
  page: 0,
  linked: 1,
  script: 2,
  usual: 3,
  commonPath: 4,
  apiOrigin: 5,
} as const;

/** One document to fetch. */
export interface Item {
  readonly url: URL;
  readonly kind: DiscoveryKind;
  readonly priority: number;
  /** Same-site redirects followed to reach it. */
  readonly hops: number;
  /** For a script: the page it runs in (the base of the URLs it requests). */
  readonly pageBase?: string;
}

/**
 * The crawl's frontier: documents queued by priority, each URL once, only on the site, scripts within their
 * budget; a new API origin gets its usual API descriptions queued.
 *
 * @example
 * ```ts
 * const crawl = new Crawl(collector, 10);
 * crawl.enqueue('/app.js', 'https://www.shop.test/', 'script', PRIORITY.script, from);
 * ```
 */
export class Crawl {
  readonly #queue: Item[] = [];
  readonly #queued = new Set<string>();
  readonly #origins = new Set<string>();
  #scripts = 0;

  constructor(
    readonly collector: Collector,
    readonly maxScripts: number,
  ) {
    collector.onEndpoint = (url) => this.#apiOrigin(url);
  }

  get size(): number {
    return this.#queue.length;
  }

  /** Queues a document (relative to `base`); off-site ones are dropped unrequested. */
  enqueue(
    raw: string,
    base: string,
    kind: DiscoveryKind,
    priority: number,
    from: DiscoverySource,
    extra: Pick<Item, 'pageBase'> = {},
  ): void {
    const url = endpointUrl(raw, base);
    if (!url || !/^https?:$/.test(url.protocol)) return;
    if (!inScope(url, this.collector.scope)) {
      this.collector.drop(url.href, 'third-party', from);
      return;
    }
    if (this.#queued.has(url.href)) return;
    if (kind === 'script' && this.#scripts >= this.maxScripts) {
      this.collector.drop(url.href, 'document-budget', from);
      return;
    }
    if (kind === 'script') this.#scripts++;
    if (kind === 'page') this.#origins.add(url.origin);
    this.#queued.add(url.href);
    this.#queue.push({ url, kind, priority, hops: 0, ...extra });
  }

  /** Queues the next hop of a same-site redirect; false when already queued. */
  redirect(item: Item, next: URL): boolean {
    if (this.#queued.has(next.href)) return false;
    this.#queued.add(next.href);
    this.#queue.push({ ...item, url: next, hops: item.hops + 1 });
    return true;
  }

  /** Takes up to `n` documents, highest priority first (in the order queued within a priority). */
  take(n: number): Item[] {
    this.#queue.sort((a, b) => a.priority - b.priority);
    return this.#queue.splice(0, n);
  }

  /** Drops what is still queued (the document budget or the time ran out). */
  dropRest(): void {
    for (const item of this.#queue.splice(0))
      this.collector.drop(item.url.href, 'document-budget', { url: item.url.href, kind: item.kind });
  }

  #apiOrigin(url: URL): void {
    if (this.#origins.has(url.origin) || !/^https?:$/.test(url.protocol)) return;
    this.#origins.add(url.origin);
    const from: DiscoverySource = { url: url.href, kind: 'openapi' };
    for (const p of API_ORIGIN_DESCRIPTION_PATHS)
      this.enqueue(p, url.origin, 'openapi', PRIORITY.apiOrigin, from);
  }
}
