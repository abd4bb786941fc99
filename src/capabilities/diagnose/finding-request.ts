import { getHeader, parseTokenList } from '../../core/browser/index.js';
import type { Finding } from '../scan/index.js';
import type { BrowserRequest } from './request.js';

/**
 * The cross-origin request a scan finding stands for, to explain as a browser sees it: a page at the
 * finding's probe origin (the attacker's page corsguard played) asking for the URL of its evidence.
 * For a preflight probe, the method and headers it asked for (`Access-Control-Request-Method` and
 * `-Headers`); else the probe's own method. Credentials `include` when the browser model found a
 * credentialed read, or when the answer has `Access-Control-Allow-Credentials` at all (so the
 * explanation shows what it does to a request with cookies: `ACAO: *` or `ACAC: True` then blocks it,
 * Fetch §4.9 CORS check steps 3 and 7); `omit` otherwise. Null for a finding without evidence.
 *
 * @example
 * ```ts
 * findingRequest(reflectedFinding);
 * // { url: 'https://api.example/me', origin: 'https://x7.invalid', method: 'GET', headers: [], credentials: 'include' }
 * ```
 */
export function findingRequest(finding: Finding): BrowserRequest | null {
  const evidence =
    finding.evidence.find((e) => e.request.headers.origin === finding.origin) ?? finding.evidence[0];
  if (evidence === undefined || finding.origin === '') return null;
  const sent = evidence.request.headers;
  const preflight = evidence.request.method === 'OPTIONS' && sent['access-control-request-method'];
  const method = preflight ? (sent['access-control-request-method'] as string) : evidence.request.method;
  const headers: string[] = [];
  if (preflight && !parseTokenList(sent['access-control-request-headers'] ?? '', headers)) headers.length = 0;
  const acac = getHeader(evidence.response.headers, 'access-control-allow-credentials');
  return {
    url: evidence.request.url,
    origin: finding.origin,
    method,
    headers,
    credentials: finding.credentialed || acac !== null ? 'include' : 'omit',
  };
}
