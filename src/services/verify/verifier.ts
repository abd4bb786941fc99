import { isIP } from 'node:net';
import type { Finding, TargetResult, Verification } from '../../capabilities/scan/index.js';
import { parseResolve } from '../../capabilities/scan/index.js';
import { hostPort, startAttackerNet } from './attacker-net.js';
import { type Chromium, chromiumPath, launchChromium } from './chromium.js';
import { type VerifyPage, verifyPlan } from './plan.js';

/**
 * Options of {@link startVerifier}.
 *
 * @example
 * ```ts
 * const options: VerifyOptions = { resolve: ['api.example.com:443:203.0.113.7'], pinnedOnly: true };
 * ```
 */
export interface VerifyOptions {
  /** Chromium executable; default `CORSGUARD_CHROMIUM`, else `/usr/bin/chromium`. */
  readonly chromium?: string;
  /** curl-style `host:port:address` entries (`--resolve`, the lab, a pinned address): Chromium connects there. */
  readonly resolve?: readonly string[];
  /** Only targets with a `resolve` entry are reachable (the web app: its SSRF-checked, pinned address). */
  readonly pinnedOnly?: boolean;
  /** Accept any target certificate (`-k`, the lab). */
  readonly insecure?: boolean;
  /** `--cookie` value, set for each target's host before its pages load. */
  readonly cookie?: string;
  /** Budget of one page, default 10 s. */
  readonly pageTimeoutMs?: number;
  /** Budget of the whole run, default 300 s; findings past it stay unverified (a note says so). */
  readonly totalTimeoutMs?: number;
}

/**
 * A running `--verify`: one Chromium, one attacker net.
 *
 * @example
 * ```ts
 * const verifier: Verifier = await startVerifier();
 * for (const result of results) console.log((await verifier.verify(result)).findings.map((f) => f.verified?.read));
 * await verifier.close();
 * ```
 */
export interface Verifier {
  /** The result with `verified` on each finding that has a page to verify. */
  verify(result: TargetResult): Promise<TargetResult>;
  close(): Promise<void>;
}

const MAX_LINES = 5;
const MAX_CHARS = 200;

// C0 and C1 controls (ANSI escapes, newlines), DEL, and the bidi marks and overrides.
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are exactly the characters to replace
const UNSAFE = /[\u0000-\u001F\u007F-\u009F\u200E\u200F\u202A-\u202E\u2066-\u2069]+/g;

/** Chromium's CORS error names the URL and origin the finding already gives: only the reason is kept. */
const CORS_PREFIX =
  /^Access to (?:fetch|XMLHttpRequest) at '[^']*' from origin '[^']*' has been blocked by CORS policy: /;

/** One console line, inert: control characters become spaces, at most 200 characters. */
function line(text: string): string {
  const flat = text.replace(UNSAFE, ' ').trim().replace(CORS_PREFIX, 'Blocked by CORS policy: ');
  return flat.length > MAX_CHARS ? `${flat.slice(0, MAX_CHARS - 1)}…` : flat;
}

/**
 * Starts `--verify`: the attacker net on loopback and one headless Chromium (VERIFY_UNAVAILABLE when
 * there is none). Each target's findings are then verified one page at a time, each within its budget.
 *
 * @example
 * ```ts
 * const verifier = await startVerifier({ resolve: lab.resolve, insecure: true });
 * const checked = await verifier.verify(result); // checked.findings[0].verified?.read === true
 * await verifier.close();
 * ```
 */
export async function startVerifier(options: VerifyOptions = {}): Promise<Verifier> {
  const executable = chromiumPath(process.env, options.chromium);
  const net = await startAttackerNet();
  let browser: Chromium;
  try {
    browser = await launchChromium({
      executable,
      proxy: net.proxy,
      spki: net.spki,
      insecure: options.insecure === true,
    });
  } catch (error) {
    await net.close();
    throw error;
  }
  const pinned = parseResolve(options.resolve ?? []);
  const pageMs = options.pageTimeoutMs ?? 10_000;
  const deadline = Date.now() + (options.totalTimeoutMs ?? 300_000);
  const cookied = new Set<string>();
  let pageCount = 0;

  async function allow(url: URL): Promise<boolean> {
    const key = hostPort(url);
    // An IP-literal target is its own pin (the admission checked that very address).
    const literal = url.hostname.replace(/^\[(.*)\]$/, '$1');
    const address = pinned.get(key) ?? (isIP(literal) ? literal : undefined);
    if (address === undefined && options.pinnedOnly) return false;
    net.allowTarget(url.hostname, key.slice(key.lastIndexOf(':') + 1), address);
    if (options.cookie && !cookied.has(url.hostname)) {
      cookied.add(url.hostname);
      await browser.context.addCookies(cookiesFor(options.cookie, url));
    }
    return true;
  }

  async function load(p: VerifyPage): Promise<Verification> {
    const path = `/corsguard-verify-${++pageCount}.html`;
    const unhost = net.host(p.origin, path, p.html);
    const page = await browser.context.newPage();
    const said: string[] = [];
    const say = (text: string) => void (said.length < MAX_LINES && said.push(text));
    page.on('console', (m) => say(m.text()));
    page.on('pageerror', (e) => say(e.message));
    // One budget for the whole page (load, then the read), never past the run's.
    const ends = Math.min(Date.now() + pageMs, deadline);
    const left = () => Math.max(1, ends - Date.now());
    let state = '';
    let status = '';
    try {
      await page.goto(`${p.origin}${path}`, { timeout: left() });
      await page
        .waitForFunction(
          "['read', 'blocked'].includes(document.getElementById('status')?.dataset.state ?? '')",
          undefined,
          { timeout: left() },
        )
        .catch(() => say(`no answer within ${Math.round(pageMs / 1000)} s`));
      state = (await page.getAttribute('#status', 'data-state')) ?? '';
      status = (await page.textContent('#status')) ?? '';
    } catch (error) {
      say(`the page did not load: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      await page.close().catch(() => undefined);
      unhost();
    }
    // A WebSocket handshake accepted from the attacker origin is the hijack, even before a message.
    const read = state === 'read' || (p.kind === 'websocket' && state === 'open');
    const lines = [
      ...(p.note ? [p.note] : []),
      ...(status ? [`page: ${status.replace(/:\s*$/, '')}`] : []),
      ...said,
    ]
      .map(line)
      .filter((l) => l !== '');
    return {
      browser: 'chromium',
      version: browser.version,
      kind: p.kind,
      read,
      console: lines.slice(0, MAX_LINES),
    };
  }

  return {
    async verify(result) {
      const findings: Finding[] = [];
      let skipped = 0;
      for (const finding of result.findings) {
        const p = verifyPlan(result, finding);
        if (!p) {
          findings.push(finding);
        } else if (Date.now() >= deadline || !(await allow(new URL(result.url)))) {
          skipped++;
          findings.push(finding);
        } else {
          findings.push({ ...finding, verified: await load(p) });
        }
      }
      if (skipped === 0 && findings.every((f, i) => f === result.findings[i])) return result;
      const notes = [...result.notes];
      if (skipped > 0) {
        notes.push(`--verify: ${skipped} finding(s) not verified (time budget spent or target not pinned).`);
      }
      // Chromium keeps no SameSite=None cookie without Secure, and sends a Lax one on no cross-site read:
      // on http the "with cookies" reads ran without the --cookie, and a result must not claim they had it.
      const credentialed = findings.some((f) => f.verified?.kind === 'fetch-credentialed');
      if (options.cookie && credentialed && !secureScheme(new URL(result.url))) {
        notes.push(HTTP_COOKIE_NOTE);
      }
      return { ...result, findings, notes };
    },
    async close() {
      await browser.close();
      await net.close();
    },
  };
}

/** The note of a verified http target given `--cookie` (see `verify`). */
export const HTTP_COOKIE_NOTE =
  '--verify: this target is http, so Chromium sent the --cookie on none of the cross-site reads (it drops SameSite=None cookies that are not Secure, and sends Lax ones on top-level navigations only): the reads "with cookies" ran without them.';

const secureScheme = (url: URL): boolean => url.protocol === 'https:' || url.protocol === 'wss:';

/** `--cookie "a=1; b=2"` as browser cookies of the target's host (cross-site: SameSite=None, Secure on https). */
function cookiesFor(cookie: string, url: URL) {
  const secure = secureScheme(url);
  return cookie
    .split(';')
    .map((pair) => pair.trim())
    .filter((pair) => pair.includes('='))
    .map((pair) => ({
      name: pair.slice(0, pair.indexOf('=')).trim(),
      value: pair.slice(pair.indexOf('=') + 1).trim(),
      domain: url.hostname,
      path: '/',
      secure,
      httpOnly: true,
      sameSite: secure ? ('None' as const) : ('Lax' as const),
    }));
}
