import type { TextExchange } from '../scan/index.js';
import { networkErrorCode } from '../scan/index.js';
import { endpointUrl, inScope, isStaticAsset } from './scope.js';
import {
  type DiscoveredEndpoint,
  type DiscoveryKind,
  type DiscoveryResult,
  type DiscoverySource,
  type DroppedUrl,
  type DropReason,
  type FetchedDocument,
  MAX_DROPPED_LISTED,
} from './types.js';

/** Sources kept per endpoint (the first ones). */
const MAX_SOURCES = 10;

const WHY: Readonly<Record<DropReason, string>> = {
  'third-party': 'not on the site, never requested',
  'redirect-off-site': 'redirects off the site, not followed',
  'static-asset': 'static assets, not APIs',
  'over-budget': 'over the endpoint limit',
  'not-http': 'not http(s) or ws(s)',
  'document-budget': 'not fetched: over the document budget',
};

/**
 * What one discovery collects: endpoints (deduplicated, in scope, within the limit), dropped URLs,
 * documents and notes; {@link Collector.result} turns it into the {@link DiscoveryResult}.
 *
 * @example
 * ```ts
 * const c = new Collector('https://www.shop.test/', 'shop.test', 50);
 * c.endpoint('/api/cart', 'https://www.shop.test/', { url: 'https://www.shop.test/', kind: 'page' });
 * ```
 */
export class Collector {
  readonly documents: FetchedDocument[] = [];
  /** Called with each new endpoint (discovery then tries API descriptions on a new origin). */
  onEndpoint: ((url: URL) => void) | undefined;
  readonly #endpoints = new Map<string, { url: string; from: DiscoverySource[] }>();
  readonly #dropped: DroppedUrl[] = [];
  readonly #droppedSeen = new Set<string>();
  readonly #counts = new Map<DropReason, number>();
  readonly #notes: string[] = [];

  constructor(
    readonly site: string,
    readonly scope: string,
    readonly limit: number,
  ) {}

  /** Considers one endpoint URL (relative to `base`); returns 1 when it is new and kept, else 0. */
  endpoint(raw: string, base: string, from: DiscoverySource): number {
    const url = endpointUrl(raw, base);
    if (!url) {
      if (/^[a-z][a-z0-9+.-]*:/i.test(raw)) this.drop(raw, 'not-http', from);
      return 0;
    }
    if (!inScope(url, this.scope)) return this.drop(url.href, 'third-party', from);
    if (isStaticAsset(url)) return this.drop(url.href, 'static-asset', from);
    if (url.href === this.site) return 0;
    const known = this.#endpoints.get(url.href);
    if (known) {
      const dup = known.from.some((f) => f.url === from.url && f.line === from.line && f.kind === from.kind);
      if (!dup && known.from.length < MAX_SOURCES) known.from.push(from);
      return 0;
    }
    if (this.#endpoints.size >= this.limit) return this.drop(url.href, 'over-budget', from);
    this.#endpoints.set(url.href, { url: url.href, from: [from] });
    this.onEndpoint?.(url);
    return 1;
  }

  /** Records a URL not kept; returns 0 (no endpoint added). */
  drop(url: string, reason: DropReason, from: DiscoverySource): 0 {
    const key = `${reason} ${url}`;
    if (this.#droppedSeen.has(key)) return 0;
    this.#droppedSeen.add(key);
    this.#counts.set(reason, (this.#counts.get(reason) ?? 0) + 1);
    if (this.#dropped.length < MAX_DROPPED_LISTED) this.#dropped.push({ url, reason, from });
    return 0;
  }

  /** Records a fetched document. */
  document(
    item: { url: URL; kind: DiscoveryKind },
    res: TextExchange,
    problem?: string,
    endpoints = 0,
  ): void {
    this.documents.push({
      url: item.url.href,
      kind: item.kind,
      status: res.status,
      endpoints,
      ...(res.truncated ? { truncated: true } : {}),
      ...(problem ? { problem } : {}),
    });
  }

  /** Records a document whose request failed. */
  failed(item: { url: URL; kind: DiscoveryKind }, err: unknown): void {
    const problem = networkErrorCode(err);
    this.documents.push({ url: item.url.href, kind: item.kind, endpoints: 0, problem });
    if (item.kind === 'page') this.note(`${item.url.href}: the page could not be fetched (${problem}).`);
  }

  note(text: string): void {
    if (this.#notes.length < 50) this.#notes.push(text);
  }

  result(maxDocuments: number): DiscoveryResult {
    const endpoints: DiscoveredEndpoint[] = [...this.#endpoints.values()];
    const summary = `Discovered ${endpoints.length} endpoint(s) on ${this.scope} from ${this.documents.length} document(s).`;
    const drops = [...this.#counts].map(([reason, n]) => {
      const hosts = [...new Set(this.#dropped.filter((d) => d.reason === reason).map((d) => hostOf(d.url)))];
      const named =
        reason === 'third-party' || reason === 'redirect-off-site'
          ? `: ${hosts.slice(0, 10).join(', ')}`
          : '';
      const budget =
        reason === 'document-budget'
          ? ` of ${maxDocuments} documents`
          : reason === 'over-budget'
            ? ` of ${this.limit} (--discover-limit)`
            : '';
      return `Dropped ${n} URL(s), ${WHY[reason]}${budget}${named}.`;
    });
    return {
      site: this.site,
      scope: this.scope,
      endpoints,
      dropped: this.#dropped,
      droppedTotal: [...this.#counts.values()].reduce((a, b) => a + b, 0),
      documents: this.documents,
      notes: [summary, ...drops, ...this.#notes],
    };
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
