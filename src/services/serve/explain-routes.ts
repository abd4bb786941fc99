import type { FastifyInstance } from 'fastify';
import { checkExplainBody, formBody } from './explain-input.js';
import { findingContext } from './explain-link.js';
import { explainFormValues, explainPage } from './explain-page.js';
import type { Explainer } from './explainer.js';
import type { ResolvedServeOptions } from './options.js';
import { sendError, toServeError } from './replies.js';

type Fields = Record<string, unknown>;

/**
 * The `/explain` page's routes: `GET /explain` the form (prefilled from the query, e.g. by a scan
 * finding's link; it sends nothing), `POST /explain` the form's submission, answered with the
 * explanation above the form, or the form again with the refusal and its status code.
 *
 * @example
 * ```ts
 * explainRoutes(app, options, explainer);
 * ```
 */
export function explainRoutes(
  app: FastifyInstance,
  options: ResolvedServeOptions,
  explainer: Explainer,
): void {
  app.get('/explain', (req, reply) => {
    const query = (req.query ?? {}) as Fields;
    const page = explainPage(options, { values: explainFormValues(query), context: findingContext(query) });
    return reply.type('text/html; charset=utf-8').send(page);
  });
  app.post('/explain', async (req, reply) => {
    const fields = (typeof req.body === 'object' && req.body !== null ? req.body : {}) as Fields;
    const { finding: _finding, scan: _scan, ...rest } = fields;
    const values = explainFormValues(fields);
    const context = findingContext(fields);
    try {
      const explanation = await explainer.explain(checkExplainBody(formBody(rest)), req.ip);
      const page = explainPage(options, { values, explanation, context });
      return reply.header('Cache-Control', 'no-store').type('text/html; charset=utf-8').send(page);
    } catch (err) {
      const e = toServeError(err);
      return sendError(reply, req, e, options, explainPage(options, { values, refusal: e, context }));
    }
  });
}
