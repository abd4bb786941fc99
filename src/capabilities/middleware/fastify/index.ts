import type { FastifyPluginCallback } from 'fastify';
import { type CorsOptions, createCorsCore, DEBUG_HEADER } from '../core.js';
import { createResponseGuard, readCorsRequest } from '../node/node-core.js';

export { type CorsRefusal, PolicyError, type RefusalCheck } from '../../../core/policy/index.js';
export type { CorsOptions } from '../core.js';

/**
 * The Fastify plugin: `app.register(corsguard, options)`. Preflights are answered in an `onRequest` hook,
 * before any authentication hook or handler runs, and for every route (even those without an OPTIONS
 * route). Every other request continues; its response gets the decided headers and a merged `Vary`. Like
 * fastify-plugin, it sets `Symbol.for('skip-override')`, so registering it once covers the whole app. The
 * options are validated at registration: an unsafe policy makes `register` (and `ready`) reject with a
 * `PolicyError` listing every problem.
 *
 * @example
 * ```ts
 * import Fastify from 'fastify';
 * import { corsguard } from 'corsguard/fastify';
 * const app = Fastify();
 * await app.register(corsguard, { origins: ['https://app.example.com'], credentials: true });
 * ```
 */
export const corsguard: FastifyPluginCallback<CorsOptions> = Object.assign(
  ((fastify, options, done) => {
    let core: ReturnType<typeof createCorsCore>;
    try {
      core = createCorsCore(options, 'corsguard/fastify');
    } catch (err) {
      done(err as Error);
      return;
    }
    const guard = createResponseGuard(core);
    fastify.addHook('onRequest', (request, reply, next) => {
      const cors = readCorsRequest(request.raw);
      const decision = core.decide(cors);
      if (decision.kind === 'preflight') {
        const list = decision.headers;
        for (let i = 0; i < list.length; i++) {
          const pair = list[i] as (typeof list)[number];
          reply.header(pair[0], pair[1]);
        }
        if (decision.vary !== null) reply.header('Vary', decision.vary);
        if (decision.allowed) {
          reply.code(204).send();
        } else {
          const debug = core.refused(decision, cors);
          if (debug !== null) reply.header(DEBUG_HEADER, debug);
          reply.code(core.failureStatus).header('Content-Length', '0').send();
        }
        return; // answered: the rest of the lifecycle (auth hooks, handler) does not run
      }
      const debug = decision.kind !== 'not-cors' && !decision.allowed ? core.refused(decision, cors) : null;
      guard(reply.raw, decision, debug);
      next();
    });
    done();
  }) as FastifyPluginCallback<CorsOptions>,
  {
    [Symbol.for('skip-override')]: true,
    [Symbol.for('fastify.display-name')]: 'corsguard',
    [Symbol.for('plugin-meta')]: { name: 'corsguard', fastify: '>=4' },
  },
);

export default corsguard;
