import { CorsguardError } from '../core/errors/index.js';
import { discoverTargets } from '../services/scan/index.js';
import type { ScanCommandOptions } from './scan-options.js';

type DiscoveryResult = Awaited<ReturnType<typeof discoverTargets>>;

/**
 * `scan --discover SITE`: runs discovery with the scan's network options and returns what it found. Its
 * notes go to stderr unless a text report on stdout shows them already.
 *
 * @example
 * ```ts
 * const discovery = await discoverForScan(['https://www.example.com/'], opts, io);
 * ```
 */
export async function discoverForScan(
  urls: readonly string[],
  opts: ScanCommandOptions & { discover: { limit: number } },
  io: { readonly stderr: NodeJS.WriteStream },
): Promise<DiscoveryResult> {
  const [site] = urls;
  if (site === undefined || urls.length !== 1) {
    throw new CorsguardError(
      'USAGE',
      `--discover takes one site URL, got ${urls.length}; write it like corsguard scan --discover https://www.example.com/`,
    );
  }
  const discovery = await discoverTargets(site, opts.scan, { limit: opts.discover.limit });
  const textOnStdout = opts.outputs.some((o) => o.format === 'text' && o.file === undefined);
  if (!textOnStdout) for (const note of discovery.notes) io.stderr.write(`corsguard: discover: ${note}\n`);
  if (discovery.endpoints.length === 0) {
    io.stderr.write(
      `corsguard: discover: no endpoint found on ${discovery.scope}; give the API URLs to scan directly (or check --resolve and the site URL)\n`,
    );
  }
  return discovery;
}
