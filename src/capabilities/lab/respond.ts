import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CorsContext, HeaderList, HttpEndpointDef } from './definition.js';
import { ALLOW_HEADERS, ALLOW_METHODS, MAX_AGE, secretBody } from './policy.js';

/**
 * Whether a request is a CORS preflight: OPTIONS carrying Access-Control-Request-Method.
 *
 * @example
 * ```ts
 * isPreflight(req); // true for OPTIONS /x with Origin and Access-Control-Request-Method: PUT
 * ```
 */
export function isPreflight(req: IncomingMessage): boolean {
  return req.method === 'OPTIONS' && req.headers['access-control-request-method'] !== undefined;
}

/**
 * Builds the CORS headers an endpoint sends for a request (before its `patch`), and whether it granted access.
 *
 * @example
 * ```ts
 * corsHeaders(safeDef, 'https://app.victim.test', true);
 * // { allowed: true, headers: [['Access-Control-Allow-Origin', 'https://app.victim.test'], …] }
 * ```
 */
export function corsHeaders(
  def: HttpEndpointDef,
  origin: string | undefined,
  preflight: boolean,
): { allowed: boolean; headers: HeaderList } {
  const headers: HeaderList = [];
  const allowed = def.wildcard === true || (origin !== undefined && def.allow(origin));
  if (allowed) {
    headers.push(['Access-Control-Allow-Origin', def.wildcard === true ? '*' : (origin ?? '')]);
    if (def.credentials !== false) headers.push(['Access-Control-Allow-Credentials', 'true']);
    if (preflight) {
      headers.push(['Access-Control-Allow-Methods', ALLOW_METHODS]);
      headers.push(['Access-Control-Allow-Headers', ALLOW_HEADERS]);
      headers.push(['Access-Control-Max-Age', String(def.maxAge ?? MAX_AGE)]);
    }
  }
  if (def.vary !== false) headers.push(['Vary', 'Origin']);
  return { allowed, headers };
}

/**
 * Answers a request to an HTTP endpoint: 204 to granted preflights, 403 (no CORS headers) to refused
 * ones, and 200 with the secret JSON to every actual request (saying whether a cookie arrived), with the endpoint's CORS headers.
 *
 * @example
 * ```ts
 * http.createServer((req, res) => respondCors(reflectDef, req, res));
 * ```
 */
export function respondCors(def: HttpEndpointDef, req: IncomingMessage, res: ServerResponse): void {
  const origin = req.headers.origin;
  const preflight = isPreflight(req);
  const { allowed, headers } = corsHeaders(def, origin, preflight);
  const ctx: CorsContext = { req, origin, preflight, allowed };
  def.patch?.(headers, ctx);
  if (preflight) {
    writeHeaders(res, headers);
    res.writeHead(allowed ? 204 : 403).end();
    return;
  }
  headers.push(['Content-Type', 'application/json']);
  writeHeaders(res, headers);
  res.writeHead(200).end(secretBody(req.headers.cookie !== undefined));
}

/**
 * Sends a plain JSON status answer without any CORS header (404, 426…).
 *
 * @example
 * ```ts
 * respondPlain(res, 404, 'not found');
 * ```
 */
export function respondPlain(
  res: ServerResponse,
  status: number,
  error: string,
  extra: HeaderList = [],
): void {
  writeHeaders(res, [...extra, ['Content-Type', 'application/json']]);
  res.writeHead(status).end(JSON.stringify({ error }));
}

function writeHeaders(res: ServerResponse, headers: HeaderList): void {
  const grouped = new Map<string, { name: string; values: string[] }>();
  for (const [name, value] of headers) {
    const entry = grouped.get(name.toLowerCase());
    if (entry) entry.values.push(value);
    else grouped.set(name.toLowerCase(), { name, values: [value] });
  }
  for (const { name, values } of grouped.values()) {
    res.setHeader(name, values.length === 1 ? (values[0] ?? '') : values);
  }
}
