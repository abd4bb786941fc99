import type { MiddlewareHandler } from 'hono';
import { type CorsOptions, createCorsCore } from '../core.js';
import { applyToResponse, corsRequestOf, preflightResponse } from '../fetch-core.js';

export { type CorsRefusal, PolicyError, type RefusalCheck } from '../../../core/policy/index.js';
export type { CorsOptions } from '../core.js';

/**
 * The Hono middleware: `app.use('*', cors(options))`. Preflights are answered here without calling
 * `next`; every other request continues, and the handler's response (`c.res`) gets the decided headers
 * and a merged `Vary`. Only response headers are written: the request's own `Vary` is never copied into
 * the response. The options are validated once, here: an unsafe policy throws a `PolicyError` listing
 * every problem.
 *
 * @example
 * ```ts
 * import { Hono } from 'hono';
 * import { cors } from 'corsguard/hono';
 * const app = new Hono();
 * app.use('*', cors({ origins: ['https://app.example.com'], credentials: true }));
 * app.get('/me', (c) => c.json({ name: 'Ada' }));
 * ```
 */
export function cors(options: CorsOptions): MiddlewareHandler {
  const core = createCorsCore(options, 'corsguard/hono cors()');
  return async (c, next) => {
    const request = corsRequestOf(c.req.raw);
    const decision = core.decide(request);
    if (decision.kind === 'preflight') return preflightResponse(core, decision, request);
    await next();
    const res = c.res;
    const out = applyToResponse(core, decision, request, res);
    if (out !== res) c.res = out;
  };
}
