import {
  corsCheck,
  extractHeaderListValues,
  getHeader,
  preflightCheck,
} from '../../../core/browser/index.js';
import { makeFinding } from '../findings/make-finding.js';
import type { Finding } from '../types.js';
import type { HttpScanData, PreflightObservation } from './scan-data.js';

/** Browsers cap Access-Control-Max-Age at 86400 s at most (Firefox); more is never honoured. */
export const MAX_HONOURED_MAX_AGE = 86_400;

/** Does the preflight pass by the browser model? Private Network Access is only judged when `privateNetwork` is set. */
function passes(p: PreflightObservation, credentials: 'include' | 'omit', privateNetwork = false): boolean {
  const request = { ...p.request, credentials, privateNetwork };
  return preflightCheck(request, { status: p.exchange.status, headers: p.exchange.headers }).result.ok;
}

/** What a preflight answer gives away beyond a fixed list: `*` or the echo of our random header. */
function permissiveness(p: PreflightObservation): string | undefined {
  const methods = extractHeaderListValues(p.exchange.headers, 'access-control-allow-methods');
  const headers = extractHeaderListValues(p.exchange.headers, 'access-control-allow-headers');
  const methodList = Array.isArray(methods) ? methods : [];
  const headerList = Array.isArray(headers) ? headers.map((h) => h.toLowerCase()) : [];
  if (headerList.includes(p.customHeader)) return `It echoed the made-up request header ${p.customHeader}.`;
  if (headerList.includes('*')) return 'It answered Access-Control-Allow-Headers: *.';
  if (methodList.includes('*')) return 'It answered Access-Control-Allow-Methods: *.';
  return undefined;
}

/** Whether the preflight response grants the origin itself (Fetch §CORS check on the preflight response). */
function grantsOrigin(p: PreflightObservation, credentials: 'include' | 'omit'): boolean {
  return corsCheck({ origin: p.origin, credentials, headers: p.exchange.headers }).ok;
}

/**
 * `preflight-permissive`: a preflight that grants the origin approves any header (echo of a random header
 * name, or `*`) or any method (`*`), whatever the fixed parts of its answer. Medium when an untrusted origin
 * is granted with credentials (arbitrary methods and headers with the victim's cookies), informational when
 * only trusted origins get it.
 */
export function analyzePreflightPermissive(data: HttpScanData): Finding[] {
  for (const p of [...data.preflights].sort((a, b) => Number(a.trusted) - Number(b.trusted))) {
    const detail = permissiveness(p);
    if (!detail || !grantsOrigin(p, 'omit')) continue;
    const credentialed = grantsOrigin(p, 'include');
    return [
      makeFinding('preflight-permissive', {
        url: data.url,
        origin: p.origin,
        access: credentialed ? 'credentialed' : 'anonymous',
        exchanges: [p.exchange],
        severity: !p.trusted && credentialed ? 'medium' : 'info',
        detail,
      }),
    ];
  }
  return [];
}

/** `max-age-excessive`: Access-Control-Max-Age above what any browser honours (86400 s). */
export function analyzeMaxAge(data: HttpScanData): Finding[] {
  for (const p of data.preflights) {
    const raw = getHeader(p.exchange.headers, 'access-control-max-age');
    if (raw === null || !/^\d+$/.test(raw) || Number(raw) <= MAX_HONOURED_MAX_AGE) continue;
    return [
      makeFinding('max-age-excessive', {
        url: data.url,
        origin: p.origin,
        access: 'anonymous',
        exchanges: [p.exchange],
        detail: `It sent Access-Control-Max-Age: ${raw}.`,
      }),
    ];
  }
  return [];
}

/**
 * `private-network-allowed`: a preflight from an untrusted origin that asked for Private Network Access
 * got `Access-Control-Allow-Private-Network: true`. High when the whole preflight passes for that origin.
 */
export function analyzePrivateNetwork(data: HttpScanData): Finding[] {
  for (const p of data.preflights) {
    if (p.trusted || !p.request.privateNetwork) continue;
    if (getHeader(p.exchange.headers, 'access-control-allow-private-network')?.toLowerCase() !== 'true')
      continue;
    const access = passes(p, 'include', true)
      ? 'credentialed'
      : passes(p, 'omit', true)
        ? 'anonymous'
        : 'unreadable';
    return [
      makeFinding('private-network-allowed', {
        url: data.url,
        origin: p.origin,
        access,
        exchanges: [p.exchange],
      }),
    ];
  }
  return [];
}
