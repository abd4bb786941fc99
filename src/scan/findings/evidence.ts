import type { HttpExchange } from '../engine/http-client.js';
import type { Evidence } from '../types.js';

const SECRET_REQUEST_HEADERS = new Set([
  'cookie',
  'authorization',
  'proxy-authorization',
  'x-api-key',
  'x-auth-token',
]);
const SHOWN_RESPONSE_HEADERS =
  /^(access-control-|vary$|set-cookie$|location$|server$|x-powered-by$|cache-control$)/;

/** Replaces cookie values in a Set-Cookie header with `…`, keeping names and attributes. */
export function redactSetCookie(value: string): string {
  const [pair = '', ...attrs] = value.split(';');
  const eq = pair.indexOf('=');
  const name = eq === -1 ? pair.trim() : pair.slice(0, eq).trim();
  return [`${name}=[redacted]`, ...attrs.map((a) => a.trim())].join('; ');
}

/**
 * Turns an exchange into report evidence: the request with secrets redacted (Cookie, Authorization, API keys)
 * and the CORS-relevant response headers, Set-Cookie values redacted. Long values are cut at 512 characters.
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
    headers[k] = SECRET_REQUEST_HEADERS.has(k.toLowerCase()) ? '[redacted]' : v;
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
