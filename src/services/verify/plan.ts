import { exploitability, readEvidence } from '../../capabilities/explain/index.js';
import type { Finding, TargetResult, Verification } from '../../capabilities/scan/index.js';
import { corsCheck } from '../../core/browser/index.js';
import { fetchPage, nullOriginPage, websocketPage } from '../../outputs/poc/index.js';

/**
 * Where a sandboxed-iframe (`null` origin) page is served: any origin works, this one names itself.
 *
 * @example
 * ```ts
 * verifyPlan(result, nullOriginFinding)?.origin === NULL_HOST_ORIGIN; // true
 * ```
 */
export const NULL_HOST_ORIGIN = 'https://verify.corsguard.invalid';

/**
 * The page `--verify` loads for one finding, and what the browser model expects it to do.
 *
 * @example
 * ```ts
 * const p: VerifyPage = { kind: 'fetch-anonymous', origin: 'https://x.invalid', url, html, expected: true };
 * ```
 */
export interface VerifyPage {
  readonly kind: Verification['kind'];
  /** The origin the page is served from (the finding's attacker origin). */
  readonly origin: string;
  /** The victim URL the page reads (or the socket it opens). */
  readonly url: string;
  readonly html: string;
  /** What the browser model predicts: true when the page can read (the finding is exploitable). */
  readonly expected: boolean;
  /** Said first in the verification's `console` when the page is not where the finding says (see {@link pageOrigin}). */
  readonly note?: string;
}

/**
 * Where the page proving a finding is served: the finding's attacker origin, except that an https one is
 * served at its http twin when the target is http or ws. Chromium blocks an https page's read of an http
 * URL (mixed content), so an attacker uses an http page, whose Origin the server then judges itself.
 *
 * @example
 * ```ts
 * pageOrigin('https://x.invalid', 'http://api.example.com/me'); // { origin: 'http://x.invalid', note: '…' }
 * pageOrigin('https://x.invalid', 'https://api.example.com/me'); // { origin: 'https://x.invalid' }
 * ```
 */
export function pageOrigin(origin: string, target: string): { origin: string; note?: string } {
  if (!/^(http|ws):/.test(target) || !origin.startsWith('https:')) return { origin };
  const twin = `http:${origin.slice('https:'.length)}`;
  return {
    origin: twin,
    note: `page: served at ${twin}, not ${origin}: the target is not https, and Chromium blocks an https page's read of it (mixed content)`,
  };
}

const has = (headers: ReadonlyArray<readonly [string, string]>, name: string) =>
  headers.some(([n]) => n.toLowerCase() === name);

/**
 * The page that verifies a finding in a real browser, or undefined when there is nothing to verify.
 * Verified: every finding the browser model calls exploitable (a read with or without cookies, a hijacked
 * WebSocket), and every grant the model says a browser refuses (the response names the origin or `*`, yet
 * the CORS check fails: `*` with credentials, two Access-Control-Allow-Origin values…). The page asks
 * for cookies whenever the server allows credentials, since that is the read the server meant to grant.
 *
 * @example
 * ```ts
 * verifyPlan(result, reflected)?.kind;           // 'fetch-credentialed'
 * verifyPlan(result, wildcardWithCredentials);   // { kind: 'fetch-credentialed', expected: false, … }
 * verifyPlan(result, varyMissing);               // undefined
 * ```
 */
export function verifyPlan(result: TargetResult, finding: Finding): VerifyPage | undefined {
  const how = exploitability(finding);
  const title = `corsguard --verify: ${finding.id} on ${result.url}`;
  const served = pageOrigin(finding.origin, result.url);
  const note = served.note === undefined ? {} : { note: served.note };
  if (how === 'websocket') {
    const { origin } = served;
    const html = websocketPage({ title, url: result.url, origin, credentials: 'include' });
    return { kind: 'websocket', origin, url: result.url, html, expected: true, ...note };
  }
  const ev = readEvidence(finding);
  if (!ev || !/^https?:/.test(result.url)) return undefined;
  const headers = ev.response.headers;
  const credentials =
    finding.credentialed || has(headers, 'access-control-allow-credentials') ? 'include' : 'omit';
  const expected = corsCheck({ origin: finding.origin, credentials, headers }).ok;
  const refusedGrant = has(headers, 'access-control-allow-origin') && !expected;
  if (how === 'none' && !refusedGrant) return undefined;
  if (finding.origin === 'null') {
    // The sandboxed iframe's host page is held to mixed content like any other.
    const host = pageOrigin(NULL_HOST_ORIGIN, result.url).origin;
    const html = nullOriginPage({ title, url: result.url, origin: 'null', credentials });
    return { kind: 'null-origin', origin: host, url: result.url, html, expected };
  }
  const kind = credentials === 'include' ? 'fetch-credentialed' : 'fetch-anonymous';
  const html = fetchPage({ title, url: result.url, origin: served.origin, credentials });
  return { kind, origin: served.origin, url: result.url, html, expected, ...note };
}
