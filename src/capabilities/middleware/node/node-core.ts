import type { IncomingHttpHeaders, OutgoingHttpHeader, OutgoingHttpHeaders } from 'node:http';
import type { CorsDecision, CorsRequest } from '../../../core/policy/index.js';
import { ACTUAL_RESPONSE_HEADERS, type CorsCore, DEBUG_HEADER, mergeVary } from '../core.js';

/** The parts of Node's `IncomingMessage` (and Express's, Fastify's raw request) the middleware reads. */
export interface NodeRequestLike {
  readonly method?: string | undefined;
  readonly headers: IncomingHttpHeaders;
}

/** The parts of Node's `ServerResponse` (and Express's, light-my-request's) the middleware writes. */
export interface NodeResponseLike {
  statusCode: number;
  setHeader(name: string, value: number | string | readonly string[]): unknown;
  getHeader(name: string): number | string | string[] | undefined;
  removeHeader(name: string): void;
  // biome-ignore lint/suspicious/noExplicitAny: Node's overloads differ between http, http2 and mocks.
  writeHead(...args: any[]): unknown;
  end(...args: never[]): unknown;
}

/**
 * Reads the CORS fields of a Node request. Node joins repeated `Origin` (and `Access-Control-Request-*`)
 * fields with ", " in `req.headers` (they are not in its drop-duplicates list), so two Origin headers
 * arrive as one value that no policy allows, exactly like Fetch's `Headers.get`.
 *
 * @example
 * ```ts
 * readCorsRequest({ method: 'GET', headers: { origin: 'https://a.example, https://b.example' } }).origin;
 * // 'https://a.example, https://b.example' (refused)
 * ```
 */
export function readCorsRequest(req: NodeRequestLike): CorsRequest {
  const headers = req.headers;
  const method = req.method ?? 'GET';
  const origin = headers.origin;
  if (method !== 'OPTIONS') {
    return {
      method,
      origin: origin ?? null,
      requestMethod: null,
      requestHeaders: null,
      requestPrivateNetwork: null,
    };
  }
  return {
    method,
    origin: origin ?? null,
    requestMethod: single(headers['access-control-request-method']),
    requestHeaders: single(headers['access-control-request-headers']),
    requestPrivateNetwork: single(headers['access-control-request-private-network']),
  };
}

function single(value: string | string[] | undefined): string | null {
  if (value === undefined) return null;
  return typeof value === 'string' ? value : value.join(', ');
}

/**
 * Answers a preflight on a Node response: `204` with exactly the decided headers, or the failure status
 * with no CORS header (only `Vary`, `X-CORS-Debug` in debug mode). Uses only `setHeader`/`end`, so it
 * composes with anything that wraps `writeHead` (compression, loggers).
 *
 * @example
 * ```ts
 * if (decision.kind === 'preflight') return writePreflight(core, res, decision, cors);
 * ```
 */
export function writePreflight(
  core: CorsCore,
  res: NodeResponseLike,
  decision: CorsDecision,
  request: CorsRequest,
): void {
  const list = decision.headers;
  for (let i = 0; i < list.length; i++) {
    const pair = list[i] as (typeof list)[number];
    res.setHeader(pair[0], pair[1]);
  }
  if (decision.vary !== null) res.setHeader('Vary', decision.vary);
  if (decision.allowed) {
    res.statusCode = 204;
  } else {
    const debug = core.refused(decision, request);
    if (debug !== null) res.setHeader(DEBUG_HEADER, debug);
    res.statusCode = core.failureStatus;
    res.setHeader('Content-Length', '0');
  }
  res.end();
}

const kDecision = Symbol('corsguard.decision');
const kDebug = Symbol('corsguard.debug');
const kWriteHead = Symbol('corsguard.writeHead');

interface GuardedResponse extends NodeResponseLike {
  [kDecision]: CorsDecision;
  [kDebug]: string | null;
  [kWriteHead]: NodeResponseLike['writeHead'];
}

/**
 * Builds (once per middleware) the function that puts a decision on the app's response to an actual or
 * non-CORS request. It hooks the response's `writeHead` (through which `end()`, `write()` and Express's
 * `send` all pass), so what is written is decided when the head goes out: an `Access-Control-Allow-Origin`,
 * `-Allow-Credentials` or `-Expose-Headers` the app set (with `setHeader` or in `writeHead`'s argument)
 * is replaced by the decided value or removed, and `Vary` is merged into the app's, never overwritten.
 *
 * @example
 * ```ts
 * const guard = createResponseGuard(core);
 * guard(res, decision, null); // then call the app
 * ```
 */
export function createResponseGuard(
  core: CorsCore,
): (res: NodeResponseLike, decision: CorsDecision, debug: string | null) => void {
  const absent = core.absentWhenAllowed;
  function guardedWriteHead(this: GuardedResponse, status: number, a?: unknown, b?: unknown): unknown {
    const previous = this[kWriteHead];
    this.writeHead = previous; // once: a second writeHead goes straight through (and throws as usual)
    const decision = this[kDecision];
    const debug = this[kDebug];
    const withReason = typeof a === 'string';
    const given = withReason ? b : a;
    const list = decision.headers;
    if (given !== undefined && given !== null && typeof given === 'object' && !Array.isArray(given)) {
      // Headers given as an object (Fastify always does this): build the object Node writes, with the
      // decided headers in it, so Node keeps its fast path (no setHeader per header).
      const out: OutgoingHttpHeaders = {};
      let appVary: string | null = null;
      const app = given as OutgoingHttpHeaders;
      for (const key in app) {
        const kind = corsName(key);
        if (kind === null) out[key] = app[key];
        else if (kind === 'vary') appVary = headerText(app[key]);
      }
      if (list.length > 0) {
        for (let i = 0; i < list.length; i++) {
          const pair = list[i] as (typeof list)[number];
          out[pair[0]] = pair[1];
        }
        for (let i = 0; i < absent.length; i++) this.removeHeader(absent[i] as string);
      } else {
        for (let i = 0; i < ACTUAL_RESPONSE_HEADERS.length; i++)
          this.removeHeader(ACTUAL_RESPONSE_HEADERS[i] as string);
      }
      if (decision.vary !== null) {
        const existing = appVary ?? headerText(this.getHeader('vary'));
        out.Vary = existing === null ? decision.vary : mergeVary(existing, decision.vary);
      } else if (appVary !== null) out.Vary = appVary;
      if (debug !== null) out[DEBUG_HEADER] = debug;
      return withReason ? previous.call(this, status, a, out) : previous.call(this, status, out);
    }
    let appVary: string | null = null;
    let headers = given;
    if (Array.isArray(given)) {
      const clean = withoutCorsHeaders(given as OutgoingHttpHeader[]);
      if (clean !== null) {
        headers = clean.headers;
        appVary = clean.vary;
      }
    }
    if (list.length > 0) {
      for (let i = 0; i < list.length; i++) {
        const pair = list[i] as (typeof list)[number];
        this.setHeader(pair[0], pair[1]);
      }
      for (let i = 0; i < absent.length; i++) this.removeHeader(absent[i] as string);
    } else {
      for (let i = 0; i < ACTUAL_RESPONSE_HEADERS.length; i++)
        this.removeHeader(ACTUAL_RESPONSE_HEADERS[i] as string);
    }
    if (decision.vary !== null) {
      const existing = appVary ?? headerText(this.getHeader('vary'));
      this.setHeader('Vary', existing === null ? decision.vary : mergeVary(existing, decision.vary));
    } else if (appVary !== null) {
      this.setHeader('Vary', appVary); // taken out of writeHead's argument: put back as the app wrote it
    }
    if (debug !== null) this.setHeader(DEBUG_HEADER, debug);
    if (withReason) return previous.call(this, status, a, headers);
    return headers === undefined ? previous.call(this, status) : previous.call(this, status, headers);
  }
  return (res, decision, debug) => {
    const r = res as GuardedResponse;
    // A second corsguard middleware on the same request (the per-path layout: the prefix's, then the
    // default) leaves the first decision in place; wrapping writeHead again would make it call itself.
    if (isGuarded(r)) return;
    r[kDecision] = decision;
    r[kDebug] = debug;
    r[kWriteHead] = r.writeHead;
    r.writeHead = guardedWriteHead;
  };
}

/**
 * Whether a corsguard middleware already decided this response (an actual or non-CORS request it let
 * through): the first decision stands for the whole request.
 *
 * @example
 * ```ts
 * if (isGuarded(res)) return next(); // mounted twice: the first middleware owns the CORS headers
 * ```
 */
export function isGuarded(res: NodeResponseLike): boolean {
  return (res as Partial<GuardedResponse>)[kDecision] !== undefined;
}

function headerText(value: number | string | string[] | undefined): string | null {
  if (value === undefined) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  return value.join(', ');
}

// 'access-control-allow-origin' | '-allow-credentials' | '-expose-headers', or 'vary'.
function corsName(name: string): 'cors' | 'vary' | null {
  const n = name.length;
  if (n === 4) return name.toLowerCase() === 'vary' ? 'vary' : null;
  if (n < 27 || n > 32) return null;
  const lower = name.toLowerCase();
  return lower === 'access-control-allow-origin' ||
    lower === 'access-control-allow-credentials' ||
    lower === 'access-control-expose-headers'
    ? 'cors'
    : null;
}

/**
 * A flat header array given to `writeHead` without the CORS headers the policy owns and without `Vary`
 * (returned apart, to be merged); null when there is nothing to take out (no copy is made).
 */
function withoutCorsHeaders(
  given: OutgoingHttpHeader[],
): { headers: OutgoingHttpHeader[]; vary: string | null } | null {
  // Node: "an Array where the keys and values are in the same list" (not a list of tuples).
  let found = false;
  for (let i = 0; i < given.length && !found; i += 2) found = corsName(String(given[i])) !== null;
  if (!found) return null;
  let vary: string | null = null;
  const kept: OutgoingHttpHeader[] = [];
  for (let i = 0; i + 1 < given.length; i += 2) {
    const k = given[i] as OutgoingHttpHeader;
    const v = given[i + 1] as OutgoingHttpHeader;
    const kind = corsName(String(k));
    if (kind === 'vary') vary = vary === null ? headerText(v) : `${vary}, ${headerText(v)}`;
    else if (kind === null) kept.push(k, v);
  }
  return { headers: kept, vary };
}
