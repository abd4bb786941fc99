import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { CorsguardError } from '../../core/errors/index.js';

/**
 * Where corsguard looks for Chromium unless `CORSGUARD_CHROMIUM` says otherwise: Debian's `chromium`.
 *
 * @example
 * ```ts
 * chromiumPath({}); // DEFAULT_CHROMIUM, when it exists
 * ```
 */
export const DEFAULT_CHROMIUM = '/usr/bin/chromium';

/**
 * The Chromium executable `--verify` uses, or a VERIFY_UNAVAILABLE error saying how to get one.
 *
 * @example
 * ```ts
 * chromiumPath(process.env); // '/usr/bin/chromium'
 * chromiumPath({ CORSGUARD_CHROMIUM: '/nope' }); // throws VERIFY_UNAVAILABLE
 * ```
 */
export function chromiumPath(env: NodeJS.ProcessEnv = process.env, given?: string): string {
  const path = given ?? (env.CORSGUARD_CHROMIUM || DEFAULT_CHROMIUM);
  if (!existsSync(path)) throw unavailable(`${path} does not exist`);
  return path;
}

function unavailable(why: string, cause?: unknown): CorsguardError {
  return new CorsguardError(
    'VERIFY_UNAVAILABLE',
    `--verify needs Chromium (${why}): install Debian's chromium or set CORSGUARD_CHROMIUM=/path`,
    cause === undefined ? undefined : { cause },
  );
}

/**
 * How to start the browser: its executable and where its traffic goes.
 *
 * @example
 * ```ts
 * const options: LaunchOptions = { executable: '/usr/bin/chromium', proxy: net.proxy, spki: net.spki, insecure: false };
 * ```
 */
export interface LaunchOptions {
  readonly executable: string;
  /** The attacker net's proxy: every request goes through it. */
  readonly proxy: string;
  /** SPKI hash of the attacker pages' certificate (accepted, no other). */
  readonly spki: string;
  /** Accept any certificate from the targets too (`-k`, the lab). */
  readonly insecure: boolean;
}

/**
 * A running headless Chromium with its temporary profile.
 *
 * @example
 * ```ts
 * const browser: Chromium = await launchChromium(options);
 * console.log(browser.version); // '156.0.8078.114'
 * ```
 */
export interface Chromium {
  readonly version: string;
  readonly context: BrowserContext;
  close(): Promise<void>;
}

/**
 * Launches headless Chromium once, with a temporary persistent profile that allows third-party cookies (a
 * credentialed cross-site read is one), all traffic through the attacker net's proxy (loopback too), and no
 * background traffic. `close` stops it and deletes the profile.
 *
 * @example
 * ```ts
 * const browser = await launchChromium({ executable: '/usr/bin/chromium', proxy, spki, insecure: false });
 * const page = await browser.context.newPage();
 * await browser.close();
 * ```
 */
export async function launchChromium(options: LaunchOptions): Promise<Chromium> {
  let chromium: typeof import('playwright-core').chromium;
  try {
    ({ chromium } = await import('playwright-core'));
  } catch (error) {
    throw unavailable('the playwright-core package is missing', error);
  }
  const profile = await mkdtemp(join(tmpdir(), 'corsguard-verify-'));
  try {
    await mkdir(join(profile, 'Default'));
    await writeFile(
      join(profile, 'Default', 'Preferences'),
      JSON.stringify({ profile: { cookie_controls_mode: 0, block_third_party_cookies: false } }),
    );
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: options.executable,
      headless: true,
      timeout: 30_000,
      ...(options.insecure ? { ignoreHTTPSErrors: true } : {}),
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--no-first-run',
        `--proxy-server=${options.proxy}`,
        '--proxy-bypass-list=<-loopback>',
        // Chromium itself resolves no name: every host is reached through the proxy, which allows only the
        // attacker pages and the targets (at their pinned address).
        '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
        `--ignore-certificate-errors-spki-list=${options.spki}`,
        ...(options.insecure ? ['--ignore-certificate-errors'] : []),
        '--disable-features=ThirdPartyStoragePartitioning,TrackingProtection3pcd,LocalNetworkAccessChecks',
      ],
    });
    const version = context.browser()?.version() ?? 'unknown';
    return {
      version,
      context,
      close: async () => {
        await context.close().catch(() => undefined);
        await rm(profile, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(profile, { recursive: true, force: true });
    if (error instanceof CorsguardError) throw error;
    const first = (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
    throw unavailable(`${options.executable} did not start: ${first.slice(0, 160)}`, error);
  }
}
