import type { FastifyInstance } from 'fastify';
import { fastifyCorsguard } from '../../capabilities/middleware/index.js';
import type { ScanStore, StoredScan } from '../../capabilities/store/index.js';
import { ServeError } from './errors.js';
import { streamScanEvents } from './events.js';
import { checkExplainBody } from './explain-input.js';
import type { Explainer } from './explainer.js';
import { gradeOf, targetOf } from './history.js';
import { openApiDocument } from './openapi.js';
import type { ResolvedServeOptions } from './options.js';
import type { ScanRunner } from './runner.js';
import type { SiteView } from './site-view.js';
import type { ScanInput, Submitter } from './submit.js';

/** Event streams open at once per client address: each holds a connection for up to a scan's budget. */
const STREAMS_PER_CLIENT = 20;

/** What the API routes work with. */
export interface ApiDeps {
  readonly options: ResolvedServeOptions;
  readonly store: ScanStore;
  readonly runner: ScanRunner;
  readonly submitter: Submitter;
  readonly explainer: Explainer;
  /** A scan by id (cached once ended), or NOT_FOUND. */
  readonly load: (id: string) => Promise<StoredScan>;
  /** A bare site's discovery with each endpoint's scan as it is now, or NOT_FOUND. */
  readonly loadSite: (id: string) => Promise<SiteView>;
}

function scanJson(s: StoredScan) {
  return {
    id: s.id,
    url: s.url,
    status: s.status,
    ...(s.request.trustedOrigins ? { trustedOrigins: s.request.trustedOrigins } : {}),
    ...(s.request.verify ? { verify: true } : {}),
    ...(s.result ? { result: s.result } : {}),
    ...(s.error ? { error: s.error } : {}),
    createdAt: s.createdAt.toISOString(),
    ...(s.startedAt ? { startedAt: s.startedAt.toISOString() } : {}),
    ...(s.finishedAt ? { finishedAt: s.finishedAt.toISOString() } : {}),
  };
}

function siteJson(v: SiteView) {
  return {
    id: v.id,
    site: v.site,
    scope: v.scope,
    createdAt: v.createdAt.toISOString(),
    page: `/sites/${v.id}`,
    scans: v.endpoints.map((e) => {
      const target = e.scan ? targetOf(e.scan) : undefined;
      return {
        url: e.url,
        id: e.id,
        from: e.from,
        status: e.scan?.status ?? null,
        grade: e.scan ? (gradeOf(e.scan)?.letter ?? null) : null,
        ...(target ? { findings: target.findings.length } : {}),
      };
    }),
    skipped: v.skipped,
    notes: v.notes,
  };
}

const links = (id: string) => ({
  self: `/api/scans/${id}`,
  events: `/api/scans/${id}/events`,
  page: `/scans/${id}`,
  badge: `/badge/${id}.svg`,
});

/**
 * The JSON API under `/api` (see `openApiDocument`): scans, their events, a URL's history, explanations
 * of blocked requests (`POST /api/explain`), the OpenAPI document, with the API's own CORS answered by corsguard's Fastify middleware.
 *
 * @example
 * ```ts
 * await app.register((api) => apiRoutes(api, deps), { prefix: '/api' });
 * ```
 */
export async function apiRoutes(api: FastifyInstance, deps: ApiDeps): Promise<void> {
  const { options, store, runner, submitter, explainer, load, loadSite } = deps;
  const openapi = JSON.stringify(openApiDocument(options.version));
  const streams = new Map<string, number>();
  await api.register(fastifyCorsguard, {
    origins: options.apiOrigins === '*' ? '*' : [...options.apiOrigins],
    methods: ['GET', 'POST'],
    requestHeaders: ['content-type'],
    exposeHeaders: ['retry-after', 'location'],
    maxAge: 600,
  });
  // Preflights reach the middleware's onRequest hook only on a route of this scope; it answers them.
  api.options('/*', async (req) => {
    throw new ServeError('NOT_FOUND', `nothing at ${req.url.slice(0, 200)}`);
  });
  api.get('/openapi.json', (_req, reply) => reply.type('application/json').send(openapi));
  api.post('/scans', async (req, reply) => {
    if (typeof req.body !== 'object' || req.body === null || Array.isArray(req.body)) {
      throw new ServeError(
        'INVALID_REQUEST',
        'send a JSON object like {"url": "https://api.example.com/me"}',
      );
    }
    const { scan, reused, discovery } = await submitter.submit(req.body as ScanInput, req.ip);
    const status = reused ? 200 : 202;
    return reply
      .code(status)
      .header('Location', `/api/scans/${scan.id}`)
      .send({
        id: scan.id,
        status: scan.status,
        ...(reused ? { reused } : {}),
        links: links(scan.id),
        ...(discovery ? { discovery } : {}),
      });
  });
  api.post('/explain', async (req, reply) => {
    if (typeof req.body !== 'object' || req.body === null || Array.isArray(req.body)) {
      throw new ServeError(
        'INVALID_REQUEST',
        'send a JSON object like {"url": "https://api.example.com/v1", "origin": "https://app.example.com", "method": "PUT"} or {"message": "Access to fetch at …"}',
      );
    }
    const explanation = await explainer.explain(
      checkExplainBody(req.body as Record<string, unknown>),
      req.ip,
    );
    // The explanation object of `corsguard explain --format json` (`explanations[0]`), exactly.
    return reply.header('Cache-Control', 'no-store').send({ explanation });
  });
  api.get<{ Querystring: { url?: string; limit?: string; cursor?: string } }>('/scans', async (req) => {
    const { url, limit, cursor } = req.query;
    if (typeof url !== 'string' || url === '')
      throw new ServeError('INVALID_REQUEST', 'give ?url=<the scanned URL>');
    const n = limit === undefined ? 20 : Number(limit);
    if (!Number.isInteger(n) || n < 1 || n > 100)
      throw new ServeError('INVALID_REQUEST', 'limit must be 1-100');
    let page: Awaited<ReturnType<ScanStore['history']>>;
    try {
      page = await store.history(url, { limit: n, ...(cursor ? { next: cursor } : {}) });
    } catch (err) {
      throw new ServeError('INVALID_REQUEST', err instanceof Error ? err.message : 'bad cursor');
    }
    return {
      scans: page.scans.map((s) => {
        const target = targetOf(s);
        return {
          id: s.id,
          url: s.url,
          status: s.status,
          grade: gradeOf(s)?.letter ?? null,
          ...(target ? { findings: target.findings.length } : {}),
          createdAt: s.createdAt.toISOString(),
        };
      }),
      ...(page.next ? { next: page.next } : {}),
    };
  });
  api.get<{ Params: { id: string } }>('/scans/:id', async (req) => scanJson(await load(req.params.id)));
  api.get<{ Params: { id: string } }>('/sites/:id', async (req) => siteJson(await loadSite(req.params.id)));
  api.get<{ Params: { id: string } }>('/scans/:id/events', async (req, reply) => {
    const scan = await load(req.params.id);
    const open = streams.get(req.ip) ?? 0;
    if (open >= STREAMS_PER_CLIENT) {
      throw new ServeError('RATE_LIMITED', `${open} event streams are open from this address; close one`, 5);
    }
    streams.set(req.ip, open + 1);
    reply.raw.once('close', () => {
      const n = (streams.get(req.ip) ?? 1) - 1;
      if (n <= 0) streams.delete(req.ip);
      else streams.set(req.ip, n);
    });
    reply.hijack();
    reply.raw.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      'X-Accel-Buffering': 'no',
      'X-Content-Type-Options': 'nosniff',
    });
    streamScanEvents(reply.raw, scan, runner, store, options.scanTimeoutMs + 60_000);
  });
}
