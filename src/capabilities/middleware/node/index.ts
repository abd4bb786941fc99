import type { IncomingMessage, ServerResponse } from 'node:http';
import { type CorsOptions, createCorsCore } from '../core.js';
import {
  createResponseGuard,
  isGuarded,
  type NodeRequestLike,
  type NodeResponseLike,
  readCorsRequest,
  writePreflight,
} from './node-core.js';

export { type CorsRefusal, PolicyError, type RefusalCheck } from '../../../core/policy/index.js';
export type { CorsOptions } from '../core.js';
export type { NodeRequestLike, NodeResponseLike } from './node-core.js';

/**
 * A Connect/Express middleware that is also a plain Node `http` helper: returns `true` when it answered
 * the request itself (a preflight), `false` when the app must answer (then `next`, if given, is called).
 */
export type NodeCorsMiddleware = <
  Req extends NodeRequestLike = IncomingMessage,
  Res extends NodeResponseLike = ServerResponse,
>(
  req: Req,
  res: Res,
  next?: (err?: unknown) => void,
) => boolean;

/**
 * CORS for Node `http`, Express and Connect. Preflights (OPTIONS + Origin + Access-Control-Request-Method)
 * are answered here without calling `next`: `204` with exactly the allowed headers, or `403` (see
 * `preflightFailureStatus`) with none. Every other request goes on to the app, whose response gets the
 * decided headers and a merged `Vary` when its head is written. The options are validated once, here:
 * an unsafe or malformed policy throws a `PolicyError` listing every problem.
 *
 * @example
 * ```ts
 * import { cors } from 'corsguard/node';
 * app.use(cors({ origins: ['https://app.example.com'], credentials: true, methods: ['PUT'] })); // Express
 *
 * const guard = cors({ origins: '*' });                                                         // node:http
 * http.createServer((req, res) => {
 *   if (guard(req, res)) return; // preflight answered
 *   res.end('hello');
 * });
 * ```
 */
export function cors(options: CorsOptions): NodeCorsMiddleware {
  const core = createCorsCore(options, 'corsguard/node cors()');
  const guard = createResponseGuard(core);
  return (req, res, next) => {
    // Mounted twice, or once per path prefix and once for every path (the generated per-path layout,
    // most specific first): the first corsguard middleware that saw the request decides it.
    if (isGuarded(res)) {
      if (next !== undefined) next();
      return false;
    }
    const request = readCorsRequest(req);
    const decision = core.decide(request);
    if (decision.kind === 'preflight') {
      writePreflight(core, res, decision, request);
      return true;
    }
    const debug = decision.kind !== 'not-cors' && !decision.allowed ? core.refused(decision, request) : null;
    guard(res, decision, debug);
    if (next !== undefined) next();
    return false;
  };
}
