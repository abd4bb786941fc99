import { type CorsOptions, createCorsCore } from '../core.js';
import { applyToResponse, corsRequestOf, preflightResponse } from '../fetch-core.js';

export { type CorsRefusal, PolicyError, type RefusalCheck } from '../../../core/policy/index.js';
export type { CorsOptions } from '../core.js';

/** A Next.js App Router route handler: `(request, context) => Response`. */
export type RouteHandler<R extends Request = Request, C = unknown> = (
  request: R,
  context: C,
) => Response | Promise<Response>;

/**
 * Guards a Next.js route handler (`app/**\/route.ts`). Preflights are answered without calling it; its
 * responses get the decided headers and a merged `Vary` (it sees the route's response, so it is the form
 * that fully enforces the policy). Export the same wrapped handler as `OPTIONS` so Next routes preflights
 * to it. The options are validated once, here: an unsafe policy throws a `PolicyError`.
 *
 * @example
 * ```ts
 * // app/api/me/route.ts
 * import { withCors } from 'corsguard/next';
 * const cors = { origins: ['https://app.example.com'], credentials: true, methods: ['PUT'] } as const;
 * export const GET = withCors(async () => Response.json({ name: 'Ada' }), cors);
 * export const PUT = withCors(async (req) => Response.json(await req.json()), cors);
 * export const OPTIONS = withCors(() => new Response(null, { status: 204 }), cors);
 * ```
 */
export function withCors<R extends Request, C>(
  handler: RouteHandler<R, C>,
  options: CorsOptions,
): (request: R, context: C) => Promise<Response> {
  const core = createCorsCore(options, 'corsguard/next withCors()');
  return async (request, context) => {
    const cors = corsRequestOf(request);
    const decision = core.decide(cors);
    if (decision.kind === 'preflight') return preflightResponse(core, decision, cors);
    return applyToResponse(core, decision, cors, await handler(request, context));
  };
}

type NextServer = typeof import('next/server.js');
let nextServer: Promise<NextServer> | undefined;

/**
 * A Next.js `middleware.ts` / `proxy.ts` function: answers preflights with a `Response`, and lets every
 * other request continue with `NextResponse.next()` carrying the decided headers and `Vary`. `next/server`
 * is imported lazily on first use, so `corsguard` does not depend on Next. In this form the route's own
 * response is not visible: a route that sets `Vary` or CORS headers itself is not checked or merged (use
 * {@link withCors} on such routes).
 *
 * @example
 * ```ts
 * // middleware.ts (proxy.ts in Next 16)
 * import { corsMiddleware } from 'corsguard/next';
 * export const middleware = corsMiddleware({ origins: ['https://app.example.com'], credentials: true });
 * export const config = { matcher: '/api/:path*' };
 * ```
 */
export function corsMiddleware(options: CorsOptions): (request: Request) => Promise<Response> {
  const core = createCorsCore(options, 'corsguard/next corsMiddleware()');
  return async (request) => {
    const cors = corsRequestOf(request);
    const decision = core.decide(cors);
    if (decision.kind === 'preflight') return preflightResponse(core, decision, cors);
    nextServer ??= import('next/server.js');
    const { NextResponse } = await nextServer;
    return applyToResponse(core, decision, cors, NextResponse.next());
  };
}
