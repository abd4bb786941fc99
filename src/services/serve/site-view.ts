import type { DiscoverySource } from '../../capabilities/discovery/index.js';
import type { StoredScan, StoredSite } from '../../capabilities/store/index.js';
import type { SiteDiscovery } from './submit.js';

/** One discovered endpoint of a site, with its scan as it is now (absent if the scan is gone). */
export interface SiteEndpoint {
  readonly url: string;
  readonly id: string;
  readonly from: readonly DiscoverySource[];
  readonly scan?: StoredScan;
}

/**
 * A bare site's discovery joined with the current state of each endpoint's scan: what `/sites/{id}` and
 * `GET /api/sites/{id}` show.
 *
 * @example
 * ```ts
 * const view = await siteView(stored, (scanId) => store.get(scanId));
 * view.endpoints.filter((e) => e.scan?.status === 'done').length;
 * ```
 */
export interface SiteView extends Pick<SiteDiscovery, 'id' | 'site' | 'scope' | 'skipped' | 'notes'> {
  readonly createdAt: Date;
  readonly endpoints: readonly SiteEndpoint[];
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const KINDS = new Set(['page', 'script', 'openapi', 'well-known', 'common-path']);

function sourceOf(v: unknown): DiscoverySource | undefined {
  const o = (v ?? {}) as Record<string, unknown>;
  if (typeof o.url !== 'string' || typeof o.kind !== 'string' || !KINDS.has(o.kind)) return undefined;
  const line = typeof o.line === 'number' && Number.isInteger(o.line) ? { line: o.line } : {};
  return { url: o.url, kind: o.kind as DiscoverySource['kind'], ...line };
}

/**
 * A stored site as {@link SiteView}; `scanOf` gives a scan by id, undefined when there is none. The stored
 * discovery is read field by field (what is not of the expected shape is left out).
 */
export async function siteView(
  stored: StoredSite,
  scanOf: (id: string) => Promise<StoredScan | undefined>,
): Promise<SiteView> {
  const d = stored.discovery;
  const endpoints = await Promise.all(
    list(d.scans).map(async (raw): Promise<SiteEndpoint> => {
      const e = (raw ?? {}) as Record<string, unknown>;
      const scanId = str(e.id);
      const scan = scanId === '' ? undefined : await scanOf(scanId);
      const from = list(e.from)
        .map(sourceOf)
        .filter((s): s is DiscoverySource => s !== undefined);
      return { url: str(e.url), id: scanId, from, ...(scan ? { scan } : {}) };
    }),
  );
  return {
    id: stored.id,
    site: stored.site,
    scope: str(d.scope),
    createdAt: stored.createdAt,
    endpoints,
    skipped: list(d.skipped).map((raw) => {
      const s = (raw ?? {}) as Record<string, unknown>;
      return { url: str(s.url), reason: str(s.reason) };
    }),
    notes: list(d.notes)
      .map(str)
      .filter((n) => n !== ''),
  };
}
