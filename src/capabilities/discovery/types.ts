/** What kind of document an endpoint was found in. */
export type DiscoveryKind = 'page' | 'script' | 'openapi' | 'well-known' | 'common-path';

/** Where one endpoint was found: the document's URL, its kind and (for pages and scripts) the line. */
export interface DiscoverySource {
  readonly url: string;
  readonly kind: DiscoveryKind;
  /** 1-based line in the document, when known. */
  readonly line?: number;
}

/** An endpoint worth scanning, with every place it was found (first first). */
export interface DiscoveredEndpoint {
  readonly url: string;
  readonly from: readonly DiscoverySource[];
}

/** Why a URL seen during discovery was not kept. */
export type DropReason =
  | 'third-party'
  | 'redirect-off-site'
  | 'static-asset'
  | 'over-budget'
  | 'not-http'
  | 'document-budget';

/** A URL seen but not kept (not requested either), and why. */
export interface DroppedUrl {
  readonly url: string;
  readonly reason: DropReason;
  readonly from: DiscoverySource;
}

/** One document fetched during discovery, and what came of it. */
export interface FetchedDocument {
  readonly url: string;
  readonly kind: DiscoveryKind;
  /** HTTP status, or absent when the request failed (see `error`). */
  readonly status?: number;
  /** Endpoints this document contributed. */
  readonly endpoints: number;
  /** True when the body was cut at the size limit. */
  readonly truncated?: boolean;
  /** Why the document gave nothing usable: a network error code, a parse error, a redirect. */
  readonly problem?: string;
}

/** What {@link discoverEndpoints} returns. */
export interface DiscoveryResult {
  /** The site URL discovery started from. */
  readonly site: string;
  /** The registrable domain (or the exact host, for an IP address) every endpoint is on. */
  readonly scope: string;
  /** Endpoints to scan, at most the endpoint budget, in the order found. */
  readonly endpoints: readonly DiscoveredEndpoint[];
  /** URLs not kept, and why (at most {@link MAX_DROPPED_LISTED}; `droppedTotal` counts them all). */
  readonly dropped: readonly DroppedUrl[];
  readonly droppedTotal: number;
  /** Documents requested, in order. */
  readonly documents: readonly FetchedDocument[];
  /** One-line notes for the reports: budgets reached, documents that did not parse, the time limit. */
  readonly notes: readonly string[];
}

/** Dropped URLs listed one by one in a result; beyond this only the count grows. */
export const MAX_DROPPED_LISTED = 100;
