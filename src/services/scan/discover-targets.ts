import {
  type DiscoveryOptions,
  type DiscoveryResult,
  discoverEndpoints,
} from '../../capabilities/discovery/index.js';
import { Engine, type EngineOptions } from '../../capabilities/scan/index.js';

/**
 * `corsguard scan --discover`: finds a site's endpoints worth scanning (see `discoverEndpoints`) with the
 * scan's own network settings (`--resolve`, `-k`, `--proxy`, `-H`, `--cookie`, timeouts, per-host
 * limits). Scan `result.endpoints` next, passing the result as `discovery` to `runScan`/`scanStream` so
 * each target says where it was found.
 *
 * @example
 * ```ts
 * const discovery = await discoverTargets('https://www.example.com/', { resolve: [] }, { limit: 20 });
 * await runScan(discovery.endpoints.map((e) => e.url), { discovery, reports });
 * ```
 */
export async function discoverTargets(
  site: string,
  network: EngineOptions = {},
  options: DiscoveryOptions = {},
): Promise<DiscoveryResult> {
  const engine = new Engine(network);
  try {
    return await discoverEndpoints(site, engine, options);
  } finally {
    await engine.close();
  }
}
