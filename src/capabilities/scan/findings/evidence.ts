import type { HttpExchange } from '../engine/http-client.js';
import type { Evidence } from '../types.js';

// Request headers shown as sent; every other value (Cookie, Authorization, any -H header) may be a secret.
const SHOWN_REQUEST_HEADERS = new Set([
  'origin',
  'access-control-request-method',
  'access-control-request-headers',
  'access-control-request-private-network',
  'content-type',
]);
const SHOWN_RESPONSE_HEADERS =
  /^(access-control-|vary$|set-cookie$|location$|server$|x-powered-by$|cache-control$)/;

/** Replaces the cookie value in a Set-Cookie header with `[redacted]`, keeping its name and attributes. */
export function redactSetCookie(value: string): string {
  const [pair = '', ...attrs] = value.split(';');
  const eq = pair.indexOf('=');
  const name = eq === -1 ? pair.trim() : pair.slice(0, eq).trim();
  return [`${name}=[redacted]`, ...attrs.map((a) => a.trim())].join('; ');
}

/**
 * Turns an exchange into report evidence: the request with every header value except Origin and the CORS
 * request headers redacted (Cookie, Authorization and `-H` headers may carry secrets), and the CORS-relevant response headers, Set-Cookie values redacted. Long values are cut at 512 characters.
 *
 * @example
 * ```ts
 * toEvidence(exchange).request.headers.cookie; // '[redacted]'
 * ```
 */
export function toEvidence(ex: HttpExchange): Evidence {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(ex.request.headers)) {
    if (k === 'user-agent' || k === 'accept') continue;
    headers[k] = SHOWN_REQUEST_HEADERS.has(k.toLowerCase()) ? v : '[redacted]';
  }
  const response: Array<readonly [string, string]> = [];
  for (const [name, value] of ex.headers) {
    const n = name.toLowerCase();
    if (!SHOWN_RESPONSE_HEADERS.test(n)) continue;
    const shown = n === 'set-cookie' ? redactSetCookie(value) : value;
    response.push([n, shown.length > 512 ? `${shown.slice(0, 512)}…` : shown]);
  }
  return {
    request: { method: ex.request.method, url: ex.request.url, headers },
    response: { status: ex.status, headers: response },
  };
}
