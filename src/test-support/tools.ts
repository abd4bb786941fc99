import { existsSync } from 'node:fs';

/** Path of the Chromium the browser tests drive (Debian's `chromium` package). */
export const CHROMIUM = process.env.CORSGUARD_CHROMIUM ?? '/usr/bin/chromium';

/** Microsoft's SARIF Multitool (npm `@microsoft/sarif-multitool`, Linux build): the official SARIF validator. */
export const SARIF_MULTITOOL = new URL(
  '../../node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool',
  import.meta.url,
).pathname;

/** Path of xmllint (Debian's `libxml2-utils`). */
export const XMLLINT = '/usr/bin/xmllint';

/**
 * Why an external tool a test needs is unavailable, or null when it is there. With
 * CORSGUARD_REQUIRE_SERVERS=1 (CI, after .ci/install-servers.sh) a missing tool throws instead of skipping.
 *
 * @example
 * ```ts
 * const missing = missingTool('chromium', CHROMIUM);
 * describe.skipIf(missing !== null)('in Chromium', () => { … });
 * ```
 */
export function missingTool(name: string, path: string): string | null {
  if (existsSync(path)) return null;
  const why = `${name} is not installed at ${path}`;
  if (process.env.CORSGUARD_REQUIRE_SERVERS === '1') {
    throw new Error(
      `${name} is required by CORSGUARD_REQUIRE_SERVERS=1 but ${why}; run .ci/install-servers.sh`,
    );
  }
  return why;
}

/** Chromium flags for tests: no sandbox (containers), no GPU, no background traffic. */
export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
];
