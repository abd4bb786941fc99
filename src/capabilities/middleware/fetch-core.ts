import type { CorsDecision, CorsRequest } from '../../core/policy/index.js';
import { ACTUAL_RESPONSE_HEADERS, type CorsCore, DEBUG_HEADER, mergeVary } from './core.js';

/**
 * Reads the CORS fields of a Fetch `Request`. `Headers.get` joins repeated fields with ", ", so two
 * `Origin` headers arrive as one value that no policy allows. The preflight fields are read only for
 * `OPTIONS` (Fetch §CORS-preflight request: only an OPTIONS request can be a preflight).
 *
 * @example
 * ```ts
 * corsRequestOf(new Request('https://api.example.com/', { headers: { origin: 'https://app.example.com' } }));
 * // { method: 'GET', origin: 'https://app.example.com', requestMethod: null, requestHeaders: null, requestPrivateNetwork: null }
 * ```
 */
export function corsRequestOf(request: Request): CorsRequest {
  const headers = request.headers;
  const method = request.method;
  if (method !== 'OPTIONS') {
    return {
      method,
      origin: headers.get('origin'),
      requestMethod: null,
      requestHeaders: null,
      requestPrivateNetwork: null,
    };
  }
  return {
    method,
    origin: headers.get('origin'),
    requestMethod: headers.get('access-control-request-method'),
    requestHeaders: headers.get('access-control-request-headers'),
    requestPrivateNetwork: headers.get('access-control-request-private-network'),
  };
}

/**
 * The answer to a preflight: `204` with exactly the decided headers and `Vary` when allowed; when refused,
 * the configured failure status with no CORS header at all (only `Vary`, and `X-CORS-Debug` in debug mode).
 *
 * @example
 * ```ts
 * const d = core.decide(corsRequestOf(request));
 * if (d.kind === 'preflight') return preflightResponse(core, d, corsRequestOf(request));
 * ```
 */
export function preflightResponse(core: CorsCore, decision: CorsDecision, request: CorsRequest): Response {
  const init: [string, string][] = [];
  for (const pair of decision.headers) init.push(pair as [string, string]);
  if (decision.vary !== null) init.push(['Vary', decision.vary]);
  if (decision.allowed) return new Response(null, { status: 204, headers: init });
  const debug = core.refused(decision, request);
  if (debug !== null) init.push([DEBUG_HEADER, debug]);
  return new Response(null, { status: core.failureStatus, headers: init });
}

/**
 * Adds the decision to the app's response to an actual (or non-CORS) request. The policy is the only
 * source of CORS headers: an `Access-Control-Allow-Origin`, `-Allow-Credentials` or `-Expose-Headers` the
 * app set is replaced by the decided value, or removed when the policy does not send it. `Vary` is merged
 * into the app's. A response with immutable headers (e.g. `Response.redirect`, a proxied `fetch`) is copied.
 *
 * @example
 * ```ts
 * return applyToResponse(core, decision, request, await handler(request));
 * ```
 */
export function applyToResponse(
  core: CorsCore,
  decision: CorsDecision,
  request: CorsRequest,
  response: Response,
): Response {
  const debug = decision.kind !== 'not-cors' && !decision.allowed ? core.refused(decision, request) : null;
  try {
    writeHeaders(core, decision, debug, response.headers);
    return response;
  } catch {
    // Immutable headers guard (Fetch §Headers "immutable"): the first write threw before changing anything.
    const copy = new Response(response.body, response);
    writeHeaders(core, decision, debug, copy.headers);
    return copy;
  }
}

function writeHeaders(core: CorsCore, decision: CorsDecision, debug: string | null, h: Headers): void {
  const list = decision.headers;
  if (list.length > 0) {
    for (let i = 0; i < list.length; i++) {
      const pair = list[i] as (typeof list)[number];
      h.set(pair[0], pair[1]);
    }
    const absent = core.absentWhenAllowed;
    for (let i = 0; i < absent.length; i++) h.delete(absent[i] as string);
  } else {
    for (let i = 0; i < ACTUAL_RESPONSE_HEADERS.length; i++) h.delete(ACTUAL_RESPONSE_HEADERS[i] as string);
  }
  if (decision.vary !== null) {
    const app = h.get('vary');
    h.set('Vary', app === null ? decision.vary : mergeVary(app, decision.vary));
  }
  if (debug !== null) h.set(DEBUG_HEADER, debug);
}

/**
 * The whole Fetch-standard middleware: answers preflights itself, passes every other request to `next`
 * and adds the decision to its response.
 *
 * @example
 * ```ts
 * const core = createCorsCore({ origins: ['https://app.example.com'] }, 'corsguard/fetch');
 * const response = await handleFetch(core, request, (r) => app(r));
 * ```
 */
export async function handleFetch(
  core: CorsCore,
  request: Request,
  next: (request: Request) => Response | Promise<Response>,
): Promise<Response> {
  const cors = corsRequestOf(request);
  const decision = core.decide(cors);
  if (decision.kind === 'preflight') return preflightResponse(core, decision, cors);
  return applyToResponse(core, decision, cors, await next(request));
}
