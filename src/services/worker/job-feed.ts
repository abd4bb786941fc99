import type { ScanJob, ScanQueue } from '../../capabilities/queue/index.js';

/**
 * The jobs of one worker process, fetched from pg-boss `size` at a time (one query for many jobs) and
 * handed to its lanes one by one, a job of the lane's current host first when one waits (the lane then
 * keeps its host slot). At most `size` jobs wait here, taken but not started. After an empty fetch the
 * queue is asked again only once `idleMs` passed, however many lanes ask.
 *
 * @example
 * ```ts
 * const feed = new JobFeed(queue, 16, 500);
 * const job = await feed.next((j) => j.url.includes('//api.example.com')); // undefined when the queue is empty
 * ```
 */
export class JobFeed {
  readonly #queue: ScanQueue;
  readonly #size: number;
  #buffer: ScanJob[] = [];
  readonly #idleMs: number;
  #fetching: Promise<void> | undefined;
  #emptyAt = Number.NEGATIVE_INFINITY;

  constructor(queue: ScanQueue, size: number, idleMs = 0) {
    this.#queue = queue;
    this.#size = Math.max(1, size);
    this.#idleMs = idleMs;
  }

  async next(prefer?: (job: ScanJob) => boolean): Promise<ScanJob | undefined> {
    if (this.#buffer.length === 0 && performance.now() - this.#emptyAt >= this.#idleMs) {
      this.#fetching ??= this.#queue.take(this.#size).then(
        (jobs) => {
          this.#buffer.push(...jobs);
          if (jobs.length === 0) this.#emptyAt = performance.now();
          this.#fetching = undefined;
        },
        (err: unknown) => {
          this.#fetching = undefined;
          throw err;
        },
      );
      await this.#fetching;
    }
    const preferred = prefer ? this.#buffer.findIndex(prefer) : -1;
    return preferred > 0 ? this.#buffer.splice(preferred, 1)[0] : this.#buffer.shift();
  }

  /** Jobs fetched but not handed out (to give back when the worker stops). */
  drain(): ScanJob[] {
    const jobs = this.#buffer;
    this.#buffer = [];
    return jobs;
  }
}
