import { type CorsCore, type CorsOptions, createCorsCore } from '../core.js';
import { applyToResponse, corsRequestOf, handleFetch, preflightResponse } from '../fetch-core.js';

export { type CorsRefusal, PolicyError, type RefusalCheck } from '../../../core/policy/index.js';
export type { CorsOptions } from '../core.js';

/** A Fetch handler as Bun, Deno, Cloudflare Workers and Node's undici-based servers call it. */
export type FetchHandler<A extends unknown[] = []> = (
  request: Request,
  ...rest: A
) => Response | Promise<Response>;

/**
 * Guards a plain `fetch` handler (Bun, Deno, Cloudflare Workers, any Fetch-standard server): preflights
 * are answered here without calling `handler`; every other request (plain `OPTIONS` included) reaches it
 * and its response gets the policy's CORS headers and a merged `Vary`. Extra arguments (Workers' `env`,
 * `ctx`; Deno's `info`) are passed through. The options are validated once, here: an unsafe or malformed
 * policy throws a `PolicyError` listing every problem.
 *
 * @example
 * ```ts
 * import { withCors } from 'corsguard/fetch';
 * export default {
 *   fetch: withCors((req) => Response.json({ ok: true }), {
 *     origins: ['https://app.example.com'],
 *     credentials: true,
 *   }),
 * };
 * ```
 */
export function withCors<A extends unknown[] = []>(
  handler: FetchHandler<A>,
  options: CorsOptions,
): (request: Request, ...rest: A) => Promise<Response> {
  const core = createCorsCore(options, 'corsguard/fetch withCors()');
  return async (request, ...rest) => {
    const cors = corsRequestOf(request);
    const decision = core.decide(cors);
    if (decision.kind === 'preflight') return preflightResponse(core, decision, cors);
    return applyToResponse(core, decision, cors, await handler(request, ...rest));
  };
}

/**
 * The same middleware for composition: `cors(request, next)`.
 *
 * @example
 * ```ts
 * const cors = createCors({ origins: '*' });
 * Bun.serve({ fetch: (req) => cors(req, router) });
 * ```
 */
export function createCors(
  options: CorsOptions,
): (request: Request, next: (request: Request) => Response | Promise<Response>) => Promise<Response> {
  const core: CorsCore = createCorsCore(options, 'corsguard/fetch createCors()');
  return (request, next) => handleFetch(core, request, next);
}
