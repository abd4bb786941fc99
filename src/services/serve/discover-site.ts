import {
  type DiscoveryResult,
  type DocumentFetcher,
  discoverEndpoints,
} from '../../capabilities/discovery/index.js';
import { Engine, type EngineOptions } from '../../capabilities/scan/index.js';
import { CorsguardError } from '../../core/errors/index.js';
import type { Admission } from './admission.js';

/** Discovery's bounds in the web app: smaller than the CLI's, since it runs while the submission waits. */
export const SERVE_DISCOVERY = {
  limit: 10,
  maxDocuments: 20,
  maxScripts: 5,
  maxBodyBytes: 2 * 1024 * 1024,
  maxTimeoutMs: 20_000,
} as const;

/**
 * Whether a submitted URL is a bare site, scanned by discovering its endpoints first: a domain alone
 * (`example.com`) or an http(s) URL with no path, query or fragment (`https://example.com/`).
 *
 * @example
 * ```ts
 * isBareSite('example.com');              // true
 * isBareSite('https://example.com/');     // true
 * isBareSite('https://example.com/api');  // false
 * ```
 */
export function isBareSite(raw: string): boolean {
  const t = raw.trim();
  if (/^[a-z0-9-]+(?:\.[a-z0-9-]+)+\.?$/i.test(t) && !/^[\d.]+$/.test(t)) return true;
  if (!/^https?:\/\/[^/?#]+\/?$/i.test(t)) return false;
  try {
    const u = new URL(t);
    return u.pathname === '/' && u.search === '' && u.username === '' && u.password === '';
  } catch {
    return false;
  }
}

/** The site URL of a bare site (`https://` added to a domain alone). */
export const siteUrlOf = (raw: string): string =>
  /^https?:\/\//i.test(raw.trim()) ? raw.trim() : `https://${raw.trim()}/`;

/**
 * A document fetcher for discovery behind the server's SSRF gate: every URL is admitted first (scheme,
 * port, every resolved address checked) and fetched through an engine pinned to the checked address;
 * a refused URL is never connected to (a `TARGET_FORBIDDEN` error for that document). Redirects are
 * returned, not followed (discovery admits each hop again).
 *
 * @example
 * ```ts
 * const fetcher = gatedFetcher(admission, { timeoutMs: 5000 });
 * await discoverEndpoints('https://example.com/', fetcher);
 * await fetcher.close();
 * ```
 */
export function gatedFetcher(
  admission: Admission,
  network: EngineOptions,
): DocumentFetcher & { close(): Promise<void> } {
  const engines = new Map<string, Engine>();
  return {
    async fetchText(req) {
      const admitted = await admission.admit(req.url);
      if (!admitted.ok) throw new CorsguardError('TARGET_FORBIDDEN', admitted.message);
      const key = `${admitted.resolve.join(',')} ${admitted.insecure}`;
      let engine = engines.get(key);
      if (!engine) {
        engine = new Engine({ ...network, resolve: admitted.resolve, insecure: admitted.insecure });
        engines.set(key, engine);
      }
      return engine.fetchText({ ...req, url: admitted.url });
    },
    async close() {
      await Promise.all([...engines.values()].map((e) => e.close()));
    },
  };
}

/**
 * Discovers a bare site's endpoints for the web app, every request through the SSRF gate (see
 * {@link gatedFetcher}), within {@link SERVE_DISCOVERY} and the scan's time budget.
 *
 * @example
 * ```ts
 * const found = await discoverSite('example.com', admission, { timeoutMs: 10_000 }, 60_000);
 * ```
 */
export async function discoverSite(
  raw: string,
  admission: Admission,
  network: EngineOptions,
  scanTimeoutMs: number,
): Promise<DiscoveryResult> {
  const fetcher = gatedFetcher(admission, network);
  try {
    return await discoverEndpoints(siteUrlOf(raw), fetcher, {
      limit: SERVE_DISCOVERY.limit,
      maxDocuments: SERVE_DISCOVERY.maxDocuments,
      maxScripts: SERVE_DISCOVERY.maxScripts,
      maxBodyBytes: SERVE_DISCOVERY.maxBodyBytes,
      timeoutMs: Math.min(scanTimeoutMs, SERVE_DISCOVERY.maxTimeoutMs),
    });
  } finally {
    await fetcher.close();
  }
}
