import { openQueue, type ScanQueue } from '../../../capabilities/queue/index.js';
import { type Postgres, startPostgres } from '../../../capabilities/store/test-support/postgres.js';
import { runWorker } from '../index.js';

/** A throwaway PostgreSQL with its queue and one in-process worker, for the tests of what enqueues. */
export interface QueueWorker {
  readonly db: Postgres;
  readonly queue: ScanQueue;
  /** URLs of the jobs the worker finished, in order (added once a job's commit returned). */
  readonly jobs: string[];
  close(): Promise<void>;
}

/**
 * Starts PostgreSQL (Debian's binaries in `bin`), opens the queue and runs one worker on it.
 *
 * @example
 * ```ts
 * const w = await startQueueWorker(bin);
 * await queueCheck(w.queue, 'cors.policy.yaml', 'production');
 * await w.close();
 * ```
 */
export async function startQueueWorker(bin: string, concurrency = 2): Promise<QueueWorker> {
  const db = await startPostgres(bin);
  const queue = await openQueue(db.url, { jobTimeoutSeconds: 30 });
  const jobs: string[] = [];
  const stop = new AbortController();
  const worker = runWorker(queue, {
    concurrency,
    signal: stop.signal,
    idlePollMs: 50,
    onJob: (job) => jobs.push(job.url),
  });
  return {
    db,
    queue,
    jobs,
    async close() {
      stop.abort();
      await worker;
      await queue.close();
      await db.stop();
    },
  };
}
