import type { DiscoverySource } from '../../capabilities/discovery/index.js';
import type { ScanQueue } from '../../capabilities/queue/index.js';
import { type HttpExchange, type ScanManyOptions, Semaphore } from '../../capabilities/scan/index.js';
import type { ScanStore, StoredScan } from '../../capabilities/store/index.js';
import { getHeader } from '../../core/browser/index.js';
import type { ReportTarget } from '../../outputs/report/index.js';
import { scanStream } from '../scan/index.js';
import { queuedResults } from '../worker/index.js';
import type { AdmittedTarget } from './admission.js';
import type { ResolvedServeOptions } from './options.js';

/** What a scan's live stream says (`GET /api/scans/:id/events`). Values from the network are plain strings. */
export type ScanEvent =
  | { readonly type: 'status'; readonly status: 'queued' | 'running'; readonly position?: number }
  | {
      readonly type: 'progress';
      /** Requests answered so far. */
      readonly requests: number;
      /** The last one: method, the Origin sent, the status and the ACAO answered (cut at 200 characters). */
      readonly probe: {
        readonly method: string;
        readonly origin: string | null;
        readonly status: number;
        readonly acao: string | null;
      };
    }
  | { readonly type: 'done'; readonly grade: string | null; readonly findings: number }
  | { readonly type: 'failed'; readonly error: { readonly code: string; readonly message: string } };

/** Secrets of an authenticated scan: used for its requests only, kept in memory until it ends, never stored. */
export interface ScanSecrets {
  readonly cookie?: string;
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * True when a scan carries a cookie or headers: its result is a session's, never given back to anyone else.
 *
 * @example
 * ```ts
 * isAuthenticated({ cookie: 'session=…' }); // true
 * ```
 */
export const isAuthenticated = (s: ScanSecrets): boolean =>
  s.cookie !== undefined || Object.keys(s.headers ?? {}).length > 0;

/**
 * The `done` event of a result (the per-target JSON object): its grade letter and number of findings.
 *
 * @example
 * ```ts
 * doneEvent({ grade: { letter: 'F' }, findings: [f] }); // { type: 'done', grade: 'F', findings: 1 }
 * ```
 */
export function doneEvent(result: {
  readonly grade?: { readonly letter?: string } | null | undefined;
  readonly findings?: readonly unknown[];
}): ScanEvent {
  return { type: 'done', grade: result.grade?.letter ?? null, findings: result.findings?.length ?? 0 };
}

interface Job {
  readonly id: string;
  readonly target: AdmittedTarget;
  readonly trustedOrigins: readonly string[];
  readonly secrets: ScanSecrets;
  readonly verify: boolean;
  /** Where discovery found the URL (a bare site's endpoint): stored with the result. */
  readonly discoveredFrom?: readonly DiscoverySource[];
}

interface Channel {
  readonly backlog: ScanEvent[];
  readonly listeners: Set<(e: ScanEvent) => void>;
}

const BACKLOG = 20;
const cut = (v: string | null): string | null => (v === null || v.length <= 200 ? v : `${v.slice(0, 200)}…`);

/**
 * Runs the server's scans: a FIFO queue, at most `maxConcurrentScans` at once, each through the scan
 * service with the pinned address, the per-scan budgets and no redirect followed; every state change is
 * written to the store first, then told to the scan's listeners. Secrets live only in the queued job.
 * Given a job queue (`serve --queue`), unauthenticated scans of public targets are scanned by the
 * `corsguard worker`s, pinned address and budgets included (no per-probe progress then); scans with a
 * cookie or headers, and the lab's own targets, stay in this process, so no secret is ever stored.
 *
 * @example
 * ```ts
 * const runner = new ScanRunner(store, options);
 * const scan = await runner.enqueue(admitted, { trustedOrigins: [] }, {});
 * runner.subscribe(scan.id, (e) => console.log(e.type));
 * ```
 */
export class ScanRunner {
  readonly #store: ScanStore;
  readonly #options: ResolvedServeOptions;
  readonly #jobs: ScanQueue | undefined;
  /** Stops the waits for workers' results when the server closes. */
  readonly #closing = new AbortController();
  readonly #queue: Job[] = [];
  readonly #channels = new Map<string, Channel>();
  readonly #running = new Set<Promise<void>>();
  /** One slot per Chromium (each verified scan runs one), `maxBrowsers` of them. */
  readonly #browsers: Semaphore;
  #closed = false;
  /** Most scans that ever ran at once (the load test checks it never exceeds the limit). */
  peakRunning = 0;

  constructor(store: ScanStore, options: ResolvedServeOptions, jobs?: ScanQueue) {
    this.#store = store;
    this.#options = options;
    this.#jobs = jobs;
    this.#browsers = new Semaphore(options.maxBrowsers);
  }

  get running(): number {
    return this.#running.size;
  }

  get queued(): number {
    return this.#queue.length;
  }

  /** True when no more scans can wait. */
  get full(): boolean {
    return (
      this.#queue.length >= this.#options.maxQueuedScans &&
      this.#running.size >= this.#options.maxConcurrentScans
    );
  }

  /** Stores a new queued scan and starts it when a slot is free. */
  async enqueue(
    target: AdmittedTarget,
    request: {
      readonly trustedOrigins: readonly string[];
      readonly stack?: string;
      readonly verify?: boolean;
      readonly discoveredFrom?: readonly DiscoverySource[];
    },
    secrets: ScanSecrets,
  ): Promise<StoredScan> {
    const authenticated = isAuthenticated(secrets);
    const scan = await this.#store.create({
      url: target.url,
      ...(request.trustedOrigins.length > 0 ? { trustedOrigins: request.trustedOrigins } : {}),
      ...(request.stack ? { stack: request.stack } : {}),
      ...(authenticated ? { authenticated } : {}),
      ...(request.verify ? { verify: true } : {}),
    });
    this.#channels.set(scan.id, { backlog: [], listeners: new Set() });
    this.#queue.push({
      id: scan.id,
      target,
      trustedOrigins: request.trustedOrigins,
      secrets,
      verify: request.verify === true,
      ...(request.discoveredFrom ? { discoveredFrom: request.discoveredFrom } : {}),
    });
    this.#emit(scan.id, { type: 'status', status: 'queued', position: this.#queue.length });
    this.#pump();
    return scan;
  }

  /**
   * Listens to a scan's events; the recent ones are replayed first. Returns the unsubscribe function, or
   * undefined when the scan is not live here (ended, or never run by this process: read the store).
   */
  subscribe(id: string, listener: (e: ScanEvent) => void): (() => void) | undefined {
    const channel = this.#channels.get(id);
    if (!channel) return undefined;
    for (const e of channel.backlog) listener(e);
    channel.listeners.add(listener);
    return () => channel.listeners.delete(listener);
  }

  /** Position of a queued scan (1 = next), or undefined. */
  position(id: string): number | undefined {
    const i = this.#queue.findIndex((j) => j.id === id);
    return i === -1 ? undefined : i + 1;
  }

  /** Stops taking scans and waits for the running ones (queued ones stay queued: the next start fails them). */
  async close(): Promise<void> {
    this.#closed = true;
    this.#closing.abort();
    await Promise.allSettled([...this.#running]);
  }

  #pump(): void {
    while (!this.#closed && this.#running.size < this.#options.maxConcurrentScans) {
      const job = this.#queue.shift();
      if (!job) return;
      const run: Promise<void> = this.#run(job).finally(() => {
        this.#running.delete(run);
        this.#pump();
      });
      this.#running.add(run);
      this.peakRunning = Math.max(this.peakRunning, this.#running.size);
      this.#queue.forEach((j, i) => {
        this.#emit(j.id, { type: 'status', status: 'queued', position: i + 1 });
      });
    }
  }

  async #run(job: Job): Promise<void> {
    const o = this.#options;
    try {
      if (!(await this.#store.start(job.id))) return;
      this.#emit(job.id, { type: 'status', status: 'running' });
      let requests = 0;
      const onExchange = (ex: HttpExchange): void => {
        requests++;
        this.#emit(job.id, {
          type: 'progress',
          requests,
          probe: {
            method: ex.request.method,
            origin: cut(ex.request.headers.origin ?? null),
            status: ex.status,
            acao: cut(getHeader(ex.headers, 'access-control-allow-origin')),
          },
        });
      };
      const scan: ScanManyOptions = {
        resolve: job.target.resolve,
        insecure: job.target.insecure,
        trustedOrigins: job.trustedOrigins,
        targetTimeoutMs: o.scanTimeoutMs,
        timeoutMs: o.requestTimeoutMs,
        concurrency: o.requestsInFlight,
        perHost: o.requestsInFlight,
        http2Streams: o.requestsInFlight, // no more streams than requests: HTTP/2 does not widen a web scan
        ratePerHost: o.requestsPerSecond,
      };
      // Chromium runs here: a scan to verify stays in this process, as secrets and lab targets do.
      const queued = this.#jobs && !job.target.local && !isAuthenticated(job.secrets) && !job.verify;
      const results = queued
        ? this.#throughWorkers(this.#jobs as ScanQueue, job.target.url, scan)
        : this.#here(job, { ...scan, onExchange });
      for await (const reported of results) {
        // The per-target object of `corsguard scan --format json`, exactly (a JSON round trip).
        const result = job.discoveredFrom ? { ...reported, discoveredFrom: job.discoveredFrom } : reported;
        await this.#store.finish(job.id, JSON.parse(JSON.stringify(result)));
        this.#emit(job.id, doneEvent(reported));
      }
    } catch (err) {
      const error = {
        code: 'INTERNAL',
        message: `the scan could not be completed (${errorName(err)}); scan again`,
      };
      await this.#store.fail(job.id, error).catch(() => false);
      this.#emit(job.id, { type: 'failed', error });
    } finally {
      this.#channels.delete(job.id);
    }
  }

  async *#here(job: Job, scan: ScanManyOptions): AsyncGenerator<ReportTarget> {
    const secrets = {
      ...(job.secrets.cookie !== undefined ? { cookie: job.secrets.cookie } : {}),
      ...(job.secrets.headers ? { headers: job.secrets.headers } : {}),
    };
    // Verified only against the admitted target, at its pinned address: Chromium reaches nothing else.
    const verify = job.verify
      ? {
          resolve: job.target.resolve,
          pinnedOnly: true,
          insecure: job.target.insecure,
          totalTimeoutMs: this.#options.scanTimeoutMs,
        }
      : undefined;
    // Each verified scan runs its own Chromium: at most `maxBrowsers` at once, the others wait their turn.
    const release = verify ? await this.#browsers.acquire(this.#closing.signal) : () => {};
    try {
      for await (const { reported } of scanStream([job.target.url], {
        failOn: 'none',
        scan: { ...scan, ...secrets },
        ...(verify ? { verify } : {}),
      }))
        yield reported;
    } finally {
      release();
    }
  }

  async *#throughWorkers(jobs: ScanQueue, url: string, scan: ScanManyOptions): AsyncGenerator<ReportTarget> {
    const stream = queuedResults(jobs, [url], { scan, signal: this.#closing.signal });
    let next = await stream.next();
    for (; !next.done; next = await stream.next()) yield next.value.result;
    if (next.value.missing > 0) throw Object.assign(new Error('no result'), { code: 'QUEUE_NO_RESULT' });
  }

  #emit(id: string, event: ScanEvent): void {
    const channel = this.#channels.get(id);
    if (!channel) return;
    channel.backlog.push(event);
    if (channel.backlog.length > BACKLOG) channel.backlog.splice(0, channel.backlog.length - BACKLOG);
    for (const l of channel.listeners) l(event);
  }
}

const errorName = (err: unknown): string =>
  err instanceof Error && 'code' in err && typeof err.code === 'string' ? err.code : 'internal error';
