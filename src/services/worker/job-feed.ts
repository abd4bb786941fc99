import type { ScanJob, ScanQueue } from '../../capabilities/queue/index.js';

/**
 * The jobs of one worker process, fetched from pg-boss `size` at a time (one query for many jobs) and
 * handed to its lanes one by one. At most `size` jobs wait here, taken but not started.
 *
 * @example
 * ```ts
 * const feed = new JobFeed(queue, 8);
 * const job = await feed.next(); // undefined when the queue is empty
 * ```
 */
export class JobFeed {
  readonly #queue: ScanQueue;
  readonly #size: number;
  #buffer: ScanJob[] = [];
  #fetching: Promise<void> | undefined;

  constructor(queue: ScanQueue, size: number) {
    this.#queue = queue;
    this.#size = Math.max(1, size);
  }

  async next(): Promise<ScanJob | undefined> {
    if (this.#buffer.length === 0) {
      this.#fetching ??= this.#queue.take(this.#size).then(
        (jobs) => {
          this.#buffer.push(...jobs);
          this.#fetching = undefined;
        },
        (err: unknown) => {
          this.#fetching = undefined;
          throw err;
        },
      );
      await this.#fetching;
    }
    return this.#buffer.shift();
  }

  /** Jobs fetched but not handed out (to give back when the worker stops). */
  drain(): ScanJob[] {
    const jobs = this.#buffer;
    this.#buffer = [];
    return jobs;
  }
}
