import { hostname } from 'node:os';
import { type HostSlots, pause, type ScanJob, type ScanQueue } from '../../capabilities/queue/index.js';
import { scanTarget } from '../../capabilities/scan/index.js';
import { withGrade } from '../../outputs/report/index.js';
import { type BatchOptions, CheckEnvironments, runCheckJob } from './check-jobs.js';
import { CommitGroup } from './commit-group.js';
import { BatchEngines } from './engines.js';
import { JobFeed } from './job-feed.js';

/** Options of {@link runWorker}. */
export interface WorkerOptions {
  /** Jobs (URLs) scanned at once by this worker, each on its own connection. Default 8. */
  readonly concurrency?: number;
  /** Scans of one host at once across every worker sharing the database. Default 2. */
  readonly perHost?: number;
  /** Stops the worker: it takes no more jobs, finishes the scans it runs, and returns. */
  readonly signal?: AbortSignal;
  /** Names this worker in the results it stores. Default `host:pid`. */
  readonly id?: string;
  /** Pause of an idle lane between polls of an empty queue, in ms. Default 500. */
  readonly idlePollMs?: number;
  /** Called after each job is finished (`stored: false` when a previous delivery had stored its result). */
  readonly onJob?: (job: ScanJob, stored: boolean) => void;
}

/** What a worker did before it stopped. */
export interface WorkerStats {
  readonly jobs: number;
  /** Jobs whose result was already stored by an earlier delivery (nothing was written again). */
  readonly duplicates: number;
  /** Jobs given back because the worker stopped while waiting for a host slot. */
  readonly released: number;
}

function hostOf(url: string): string | undefined {
  try {
    return new URL(url.trim()).hostname.toLowerCase() || undefined;
  } catch {
    return undefined; // not a URL: scanTarget reports INVALID_URL without a request
  }
}

/**
 * Runs a scan worker on the queue until `signal` aborts: `concurrency` lanes each take a job, wait for a
 * slot of its host (at most `perHost` scans per host across all workers), scan the URL with the batch's
 * options exactly as `corsguard scan` does (`scanTarget` on a shared engine, then `withGrade`), or check it
 * against the batch's policy as `corsguard check` does (`checkUrl`) for a check batch, and store
 * the result and complete the job in one transaction. Delivery is at-least-once, writes idempotent.
 *
 * @example
 * ```ts
 * const queue = await openQueue('postgres://corsguard@db/corsguard');
 * const stop = new AbortController();
 * process.once('SIGTERM', () => stop.abort());
 * const stats = await runWorker(queue, { concurrency: 8, perHost: 2, signal: stop.signal });
 * await queue.close();
 * ```
 */
export async function runWorker(queue: ScanQueue, options: WorkerOptions = {}): Promise<WorkerStats> {
  const concurrency = Math.max(1, options.concurrency ?? 8);
  const perHost = Math.max(1, options.perHost ?? 2);
  const id = options.id ?? `${hostname()}:${process.pid}`;
  const idle = options.idlePollMs ?? 500;
  // Stops every lane: the caller's signal, or one lane failing (its database connection lost, …).
  const stop = new AbortController();
  const { signal } = stop;
  options.signal?.addEventListener('abort', () => stop.abort(), { once: true });
  if (options.signal?.aborted) stop.abort();
  const engines = new BatchEngines();
  const environments = new CheckEnvironments();
  const stats = { jobs: 0, duplicates: 0, released: 0 };
  const session = await queue.session(perHost, concurrency);
  const feed = new JobFeed(queue, 2 * concurrency, idle);
  const commits = new CommitGroup(session, id);

  const committing = new Set<Promise<void>>();
  let failure: unknown;
  const fail = (err: unknown) => {
    failure ??= err;
    stop.abort();
  };

  async function work(slots: HostSlots, job: ScanJob): Promise<void> {
    const scan = (await queue.batchOptions(job.batch)) as BatchOptions | undefined;
    if (scan === undefined) {
      await session.discard([job.id]); // its batch was deleted: nobody waits for the result
      return;
    }
    const host = hostOf(job.url);
    if (host === undefined) await slots.release();
    else if ((await slots.acquire(host, signal)) === undefined) {
      await queue.release(job); // stopped while waiting: another worker scans it
      stats.released++;
      return;
    }
    const engine = engines.use(job.batch, scan);
    let result: Record<string, unknown>;
    try {
      result = scan.check
        ? await runCheckJob(environments, job.batch, job.url.trim(), engine, { ...scan, check: scan.check })
        : { ...withGrade(await scanTarget(job.url.trim(), scan, engine)) };
    } finally {
      engines.done(job.batch);
    }
    // The lane goes on while its result is committed with others' (the job is done once committed).
    const commit = commits.add({ id: job.id, batch: job.batch, url: job.url, result }).then((stored) => {
      stats.jobs++;
      if (!stored) stats.duplicates++;
      options.onJob?.(job, stored);
    }, fail);
    committing.add(commit);
    void commit.finally(() => committing.delete(commit));
  }

  async function runLane(slots: HostSlots): Promise<void> {
    try {
      while (!signal.aborted) {
        const current = slots.held?.host;
        const job = await feed.next(current === undefined ? undefined : (j) => hostOf(j.url) === current);
        if (job) await work(slots, job);
        else {
          await slots.release(); // idle: leave the host to other workers
          await pause(idle / 2 + Math.random() * idle, signal);
        }
      }
    } finally {
      await slots.release().catch(() => {});
    }
  }

  await Promise.all(session.slots.map((slots) => runLane(slots).catch(fail)));
  await Promise.all(committing);
  for (const job of feed.drain()) await queue.release(job).catch(() => {});
  await engines.close();
  await session.close();
  if (failure !== undefined) throw failure;
  return stats;
}
