import formbody from '@fastify/formbody';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import { type Lab, startLab } from '../../capabilities/lab/index.js';
import type { MonitorConfig } from '../../capabilities/monitor/index.js';
import { openQueue, type ScanQueue } from '../../capabilities/queue/index.js';
import { openStore, type ScanStore, type StoredScan } from '../../capabilities/store/index.js';
import { pocPages } from '../../outputs/poc/index.js';
import { queueChecker, queueScanner, runMonitorLoop } from '../monitor/index.js';
import { createAdmission } from './admission.js';
import { apiRoutes } from './api-routes.js';
import { APP_CSS, APP_JS } from './assets.js';
import { badgeSvg } from './badge.js';
import { ServeError } from './errors.js';
import { explainRoutes } from './explain-routes.js';
import { Explainer } from './explainer.js';
import { changesSince, hasEnded, targetOf } from './history.js';
import { monitorRoutes } from './monitor-routes.js';
import { type ResolvedServeOptions, resolveServeOptions, type ServeOptions } from './options.js';
import { type FormValues, landingPage, PAGE_CSP, scanPage } from './pages.js';
import { sendError, toServeError } from './replies.js';
import { ScanRunner } from './runner.js';
import { sitePage } from './site-page.js';
import { type SiteView, siteView } from './site-view.js';
import { type ScanInput, Submitter } from './submit.js';

/** A running `corsguard serve`. */
export interface RunningServer {
  /** Where it listens, e.g. `http://127.0.0.1:8080`. */
  readonly url: string;
  readonly app: FastifyInstance;
  readonly store: ScanStore;
  readonly runner: ScanRunner;
  /** The live explanations of `/explain` and `POST /api/explain`. */
  readonly explainer: Explainer;
  /** The built-in lab, with `lab: true`. */
  readonly lab: Lab | undefined;
  /** Stops listening, gives running scans a few seconds, marks the rest interrupted, closes the store and the lab. */
  close(): Promise<void>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const CLOSE_GRACE_MS = 5000;
const ENDED_CACHE = 500;

/**
 * Builds the web app (not listening): pages, JSON API, events, badge, with the security headers, the
 * per-client limits and the API's own CORS (corsguard's Fastify middleware).
 *
 * @example
 * ```ts
 * const app = await buildServeApp(resolveServeOptions({ dataDir: null }), store, undefined);
 * const res = await app.inject({ method: 'GET', url: '/healthz' });
 * ```
 */
export async function buildServeApp(
  options: ResolvedServeOptions,
  store: ScanStore,
  lab: Lab | undefined,
  queue?: ScanQueue,
): Promise<{ app: FastifyInstance; runner: ScanRunner; explainer: Explainer }> {
  const runner = new ScanRunner(store, options, queue);
  const admission = createAdmission(options, lab);
  const submitter = new Submitter(store, runner, admission, options);
  const explainer = new Explainer(admission, options);
  const tp = options.trustProxy;
  // A hop count trusts that many proxies nearest to this server (proxy-addr's hop index).
  const trustProxy =
    typeof tp === 'number'
      ? (_addr: string, hop: number) => hop < tp
      : Array.isArray(tp)
        ? [...tp]
        : tp === true;
  const app = Fastify({
    logger: false,
    trustProxy,
    bodyLimit: 64 * 1024,
    forceCloseConnections: true,
    requestTimeout: 30_000, // a client that never finishes sending its request is dropped (slowloris)
  });

  await app.register(formbody, { bodyLimit: 64 * 1024 });
  await app.register(rateLimit, {
    max: options.requestsPerClient,
    timeWindow: options.rateWindowMs,
    errorResponseBuilder: (_req, ctx) =>
      new ServeError(
        'RATE_LIMITED',
        `too many requests from this address; retry in ${Math.ceil(ctx.ttl / 1000)} s`,
        Math.ceil(ctx.ttl / 1000),
      ),
  });
  app.addHook('onSend', async (_req, reply, payload) => {
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('Referrer-Policy', 'no-referrer');
    reply.header('X-Frame-Options', 'DENY');
    reply.header('Cross-Origin-Opener-Policy', 'same-origin');
    if (!reply.hasHeader('Content-Security-Policy')) reply.header('Content-Security-Policy', PAGE_CSP);
    return payload;
  });
  app.setErrorHandler((err, req, reply) => sendError(reply, req, toServeError(err), options));
  app.setNotFoundHandler((req, reply) =>
    sendError(reply, req, new ServeError('NOT_FOUND', `nothing at ${req.url.slice(0, 200)}`), options),
  );

  const html = (reply: FastifyReply, body: string) => reply.type('text/html; charset=utf-8').send(body);
  // Ended scans never change: the most read ones are kept (a popular badge or result link then costs
  // no store query, which on the embedded store runs on this event loop).
  const ended = new Map<string, StoredScan>();
  const load = async (id: string): Promise<StoredScan> => {
    const hit = ended.get(id);
    if (hit) {
      ended.delete(id);
      ended.set(id, hit);
      return hit;
    }
    const scan = UUID.test(id) ? await store.get(id) : undefined;
    if (!scan) throw new ServeError('NOT_FOUND', 'no scan has this id; start a new one');
    if (hasEnded(scan)) {
      ended.set(id, scan);
      if (ended.size > ENDED_CACHE) ended.delete(ended.keys().next().value as string);
    }
    return scan;
  };
  // A bare site scanned through discovery, with each endpoint's scan as it is now.
  const loadSite = async (id: string): Promise<SiteView> => {
    const stored = UUID.test(id) ? await store.getSite(id) : undefined;
    if (!stored) throw new ServeError('NOT_FOUND', 'no site scan has this id; start a new one');
    // A scan gone from the store is shown as such; any other failure is the page's error.
    const scanOf = (scanId: string) =>
      load(scanId).catch((err: unknown) => {
        if (err instanceof ServeError && err.code === 'NOT_FOUND') return undefined;
        throw err;
      });
    return siteView(stored, scanOf);
  };

  app.get('/assets/app.css', (_req, reply) =>
    reply.type('text/css; charset=utf-8').header('Cache-Control', 'public, max-age=3600').send(APP_CSS),
  );
  app.get('/assets/app.js', (_req, reply) =>
    reply.type('text/javascript; charset=utf-8').header('Cache-Control', 'public, max-age=3600').send(APP_JS),
  );
  const landing = landingPage(options, lab); // the same for everyone: rendered once
  app.get('/', (_req, reply) => html(reply, landing));
  monitorRoutes(app, options, store);
  app.post('/scans', async (req, reply) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    try {
      const { scan, discovery } = await submitter.submit(body as ScanInput, req.ip);
      return reply.redirect(discovery ? `/sites/${discovery.id}` : `/scans/${scan.id}`, 303);
    } catch (err) {
      const e = toServeError(err);
      const values: FormValues = Object.fromEntries(
        ['url', 'trustedOrigins', 'stack', 'verify']
          .filter((k) => typeof body[k] === 'string')
          .map((k) => [k, body[k]]),
      );
      return sendError(reply, req, e, options, landingPage(options, lab, e, values));
    }
  });
  explainRoutes(app, options, explainer);
  app.get<{ Params: { id: string } }>('/sites/:id', async (req, reply) =>
    html(reply.header('Cache-Control', 'no-store'), sitePage(options, await loadSite(req.params.id))),
  );
  app.get<{ Params: { id: string } }>('/scans/:id', async (req, reply) => {
    const scan = await load(req.params.id);
    const history = (await store.history(scan.url, { limit: 20 })).scans;
    const target = targetOf(scan);
    const page = scanPage(
      options,
      {
        scan,
        history,
        changes: changesSince(scan, history),
        pocs: target ? pocPages([target]) : [],
        position: runner.position(scan.id),
      },
      `${req.protocol}://${req.host}`,
    );
    return html(reply.header('Cache-Control', 'no-store'), page);
  });
  app.get<{ Params: { id: string; file: string } }>('/scans/:id/poc/:file', async (req, reply) => {
    const target = targetOf(await load(req.params.id));
    const poc = target ? pocPages([target]).find((p) => p.fileName === req.params.file) : undefined;
    if (!poc) throw new ServeError('NOT_FOUND', 'this scan has no such proof-of-concept page');
    // A download, never rendered here: its script must not run on this server's origin.
    return reply
      .type('text/html; charset=utf-8')
      .header('Content-Disposition', `attachment; filename="${poc.fileName}"`)
      .header('Content-Security-Policy', 'sandbox')
      .send(poc.html);
  });
  app.get<{ Params: { file: string } }>('/badge/:file', async (req, reply) => {
    const id = req.params.file.replace(/\.svg$/, '');
    if (!req.params.file.endsWith('.svg')) throw new ServeError('NOT_FOUND', 'badges are /badge/<id>.svg');
    const scan = await load(id).catch(() => undefined);
    return reply
      .code(scan ? 200 : 404)
      .type('image/svg+xml; charset=utf-8')
      .header('Cache-Control', scan && hasEnded(scan) ? 'public, max-age=86400, immutable' : 'no-cache')
      .header('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'")
      .send(badgeSvg(scan));
  });
  app.get('/healthz', () => ({
    status: 'ok',
    scans: {
      running: runner.running,
      queued: runner.queued,
      limit: options.maxConcurrentScans,
      peakRunning: runner.peakRunning,
    },
  }));

  await app.register(
    (api) => apiRoutes(api, { options, store, runner, submitter, explainer, load, loadSite }),
    {
      prefix: '/api',
    },
  );
  return { app, runner, explainer };
}

/**
 * Starts `corsguard serve`: opens the store (embedded by default, PostgreSQL with `database`), marks scans
 * a stopped process left running as failed, starts the lab with `lab: true`, and listens.
 *
 * @example
 * ```ts
 * const server = await startServer({ port: 8080, lab: true });
 * console.log(server.url); // http://127.0.0.1:8080
 * await server.close();
 * ```
 */
export async function startServer(
  input: ServeOptions = {},
  extras: {
    /** A monitor configuration run inside the server, on its store (`corsguard serve --monitor FILE`). */
    readonly monitor?: MonitorConfig;
    /** The job queue of `corsguard worker`s the scans (and the monitor's) go to (`serve --queue URL`). */
    readonly queue?: string;
  } = {},
): Promise<RunningServer> {
  const options = resolveServeOptions(input);
  const store = await openStore({
    ...(options.database ? { database: options.database } : {}),
    ...(options.dataDir !== null ? { dataDir: options.dataDir } : {}),
  });
  let lab: Lab | undefined;
  let queue: ScanQueue | undefined;
  try {
    await store.failInterrupted();
    queue = extras.queue ? await openQueue(extras.queue, { option: '--queue' }) : undefined;
    lab = options.lab ? await startLab() : undefined;
    const { app, runner, explainer } = await buildServeApp(options, store, lab, queue);
    const address = await app.listen({ host: options.host, port: options.port });
    // The monitor runs beside the scans, on the same store (the operator's configuration: no SSRF gate).
    const stopMonitor = new AbortController();
    const monitor = extras.monitor
      ? runMonitorLoop(extras.monitor, {
          store,
          signal: stopMonitor.signal,
          ...(queue ? { scanner: queueScanner(queue), checker: queueChecker(queue) } : {}),
        }).catch(() => {})
      : undefined;
    const close = async () => {
      stopMonitor.abort();
      await monitor;
      await app.close();
      await Promise.race([runner.close(), new Promise((r) => setTimeout(r, CLOSE_GRACE_MS).unref())]);
      await store.failInterrupted();
      await store.close();
      await lab?.close();
      await queue?.close();
    };
    return { url: address, app, store, runner, explainer, lab, close };
  } catch (err) {
    await lab?.close();
    await queue?.close();
    await store.close();
    throw err;
  }
}
