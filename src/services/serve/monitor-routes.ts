import type { FastifyInstance } from 'fastify';
import type { ScanStore } from '../../capabilities/store/index.js';
import { ServeError } from './errors.js';
import { monitorPage, monitorTargetPage } from './monitor-page.js';
import type { ResolvedServeOptions } from './options.js';

/**
 * The monitoring view's routes: `GET /monitor` (targets, changes, alert log) and
 * `GET /monitor/target?url=…` (one target's timeline and changes), read from the store `corsguard
 * monitor` writes to (the same database, or this server's own with `--monitor`).
 *
 * @example
 * ```ts
 * monitorRoutes(app, options, store);
 * ```
 */
export function monitorRoutes(app: FastifyInstance, options: ResolvedServeOptions, store: ScanStore): void {
  app.get('/monitor', async (_req, reply) => {
    const [targets, changes, alerts] = await Promise.all([
      store.monitor.targets(),
      store.monitor.changes({ limit: 50 }),
      store.monitor.alerts(50),
    ]);
    return reply
      .header('Cache-Control', 'no-store')
      .type('text/html; charset=utf-8')
      .send(monitorPage(options, targets, changes, alerts));
  });
  app.get('/monitor/target', async (req, reply) => {
    const url = (req.query as { url?: unknown }).url;
    if (typeof url !== 'string' || url.length === 0 || url.length > 2048)
      throw new ServeError('INVALID_REQUEST', 'give the watched URL: /monitor/target?url=https://…');
    const [timeline, changes] = await Promise.all([
      store.monitor.timeline(url, 100),
      store.monitor.changes({ target: url, limit: 50 }),
    ]);
    return reply
      .header('Cache-Control', 'no-store')
      .type('text/html; charset=utf-8')
      .send(monitorTargetPage(options, url, timeline, changes));
  });
}
