import type { IncomingMessage } from 'node:http';
import type { LabEndpoint } from './types.js';

/** Response headers in sending order; a name may repeat (sent as separate header lines). */
export type HeaderList = Array<[name: string, value: string]>;

/** What the shared CORS writer knows about a request when an endpoint patches its headers. */
export interface CorsContext {
  readonly req: IncomingMessage;
  /** The Origin request header, if any. */
  readonly origin: string | undefined;
  /** OPTIONS with Access-Control-Request-Method. */
  readonly preflight: boolean;
  /** Whether the endpoint's policy granted CORS to this origin. */
  readonly allowed: boolean;
}

/**
 * An HTTP endpoint: the shared writer applies `allow` and the defaults (credentials, `Vary: Origin`,
 * fixed methods/headers, max-age 600); the fields below override one piece each.
 *
 * @example
 * ```ts
 * const def: HttpEndpointDef = {
 *   kind: 'http', path: '/safe', scheme: 'https', expect: [],
 *   description: 'Exact allowlist.', allow: isAllowlisted,
 * };
 * ```
 */
export interface HttpEndpointDef extends LabEndpoint {
  readonly kind: 'http';
  /** The origin check, written the way the bug is written in real code. */
  readonly allow: (origin: string) => boolean;
  /** Send `Access-Control-Allow-Origin: *` (to every request) instead of echoing the origin. */
  readonly wildcard?: boolean;
  /** Send `Access-Control-Allow-Credentials: true` with granted responses; default true. */
  readonly credentials?: boolean;
  /** Send `Vary: Origin`; default true. */
  readonly vary?: boolean;
  /** `Access-Control-Max-Age` on granted preflights; default 600. */
  readonly maxAge?: number;
  /** Last-step override of the headers the shared writer built. */
  readonly patch?: (headers: HeaderList, ctx: CorsContext) => void;
}

/**
 * A WebSocket endpoint: the handshake succeeds when `allow(origin)` is true, else 403.
 *
 * @example
 * ```ts
 * const def: WebSocketEndpointDef = {
 *   kind: 'websocket', path: '/ws', scheme: 'ws', expect: ['websocket-origin-unchecked'],
 *   description: 'Accepts any Origin.', allow: () => true,
 * };
 * ```
 */
export interface WebSocketEndpointDef extends LabEndpoint {
  readonly kind: 'websocket';
  readonly allow: (origin: string | undefined) => boolean;
}

/** Any lab endpoint definition. */
export type EndpointDef = HttpEndpointDef | WebSocketEndpointDef;

/**
 * Replaces every header called `name` (case-insensitive) by one `name: value`, or appends it.
 *
 * @example
 * ```ts
 * const h: HeaderList = [['Access-Control-Allow-Credentials', 'true']];
 * replaceHeader(h, 'access-control-allow-credentials', 'True'); // h is [['access-control-allow-credentials', 'True']]
 * ```
 */
export function replaceHeader(headers: HeaderList, name: string, value: string): void {
  const lower = name.toLowerCase();
  const at = headers.findIndex(([n]) => n.toLowerCase() === lower);
  for (let i = headers.length - 1; i > at; i--) {
    if (headers[i]?.[0].toLowerCase() === lower) headers.splice(i, 1);
  }
  if (at === -1) headers.push([name, value]);
  else headers[at] = [name, value];
}

/**
 * Removes every header called `name` (case-insensitive).
 *
 * @example
 * ```ts
 * const h: HeaderList = [['Vary', 'Origin']];
 * removeHeader(h, 'vary'); // h is []
 * ```
 */
export function removeHeader(headers: HeaderList, name: string): void {
  const lower = name.toLowerCase();
  for (let i = headers.length - 1; i >= 0; i--) {
    if (headers[i]?.[0].toLowerCase() === lower) headers.splice(i, 1);
  }
}
