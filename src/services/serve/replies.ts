import type { FastifyReply, FastifyRequest } from 'fastify';
import { ServeError } from './errors.js';
import type { ResolvedServeOptions } from './options.js';
import { errorPage } from './pages.js';

/** True for the routes that answer JSON (the API and the health check). */
const wantsJson = (req: FastifyRequest) => req.url.startsWith('/api/') || req.url.startsWith('/healthz');

/**
 * Answers a refusal: JSON under `/api`, else `page` (default the error page); `Retry-After` when it has one.
 *
 * @example
 * ```ts
 * return sendError(reply, req, new ServeError('NOT_FOUND', 'no such scan'), options);
 * ```
 */
export function sendError(
  reply: FastifyReply,
  req: FastifyRequest,
  e: ServeError,
  options: ResolvedServeOptions,
  page?: string,
) {
  if (e.retryAfter !== undefined) reply.header('Retry-After', String(e.retryAfter));
  reply.code(e.statusCode);
  if (wantsJson(req)) return reply.type('application/json').send(e.toJSON());
  return reply.type('text/html; charset=utf-8').send(page ?? errorPage(options, e));
}

/**
 * Turns anything thrown in a route into a {@link ServeError} (never a stack trace to the client).
 *
 * @example
 * ```ts
 * toServeError(new Error('boom')).code; // 'INTERNAL'
 * ```
 */
export function toServeError(err: unknown): ServeError {
  if (err instanceof ServeError) return err;
  const e = err as { statusCode?: number; code?: string; message?: string; validation?: unknown };
  if (e.validation || (typeof e.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500)) {
    const what =
      e.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE'
        ? 'send JSON (Content-Type: application/json)'
        : (e.message ?? 'bad request');
    return new ServeError('INVALID_REQUEST', what.slice(0, 300));
  }
  return new ServeError('INTERNAL', 'something went wrong on this server; try again');
}
