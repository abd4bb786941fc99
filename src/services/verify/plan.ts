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
  if (how === 'websocket') {
    const origin =
      result.url.startsWith('ws:') && finding.origin.startsWith('https:')
        ? `http:${finding.origin.slice('https:'.length)}`
        : finding.origin;
    const html = websocketPage({ title, url: result.url, origin, credentials: 'include' });
    return { kind: 'websocket', origin, url: result.url, html, expected: true };
  }
  const ev = readEvidence(finding);
  if (!ev || !/^https?:/.test(result.url)) return undefined;
  const headers = ev.response.headers;
  const credentials =
    finding.credentialed || has(headers, 'access-control-allow-credentials') ? 'include' : 'omit';
  const expected = corsCheck({ origin: finding.origin, credentials, headers }).ok;
  const refusedGrant = has(headers, 'access-control-allow-origin') && !expected;
  if (how === 'none' && !refusedGrant) return undefined;
  const input = { title, url: result.url, origin: finding.origin, credentials } as const;
  if (finding.origin === 'null') {
    const html = nullOriginPage(input);
    return { kind: 'null-origin', origin: NULL_HOST_ORIGIN, url: result.url, html, expected };
  }
  const kind = credentials === 'include' ? 'fetch-credentialed' : 'fetch-anonymous';
  return { kind, origin: finding.origin, url: result.url, html: fetchPage(input), expected };
}
