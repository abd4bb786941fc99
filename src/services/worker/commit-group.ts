import type { FinishedJob, WorkerSession } from '../../capabilities/queue/index.js';

interface Pending {
  readonly job: FinishedJob;
  readonly resolve: (stored: boolean) => void;
  readonly reject: (err: unknown) => void;
}

/**
 * Group commit of a worker's finished jobs: results that land while a transaction runs go together into
 * the next one (up to `max`), so the database sees one transaction per group, not per URL. Each job's
 * promise settles once its group is committed: only then is the job done.
 *
 * @example
 * ```ts
 * const commits = new CommitGroup(session, 'worker-1');
 * const stored = await commits.add({ ...job, result }); // false: an earlier delivery had stored it
 * ```
 */
export class CommitGroup {
  readonly #session: WorkerSession;
  readonly #worker: string;
  readonly #max: number;
  #pending: Pending[] = [];
  #running = false;

  constructor(session: WorkerSession, worker: string, max = 100) {
    this.#session = session;
    this.#worker = worker;
    this.#max = max;
  }

  add(job: FinishedJob): Promise<boolean> {
    return new Promise<boolean>((resolve, reject) => {
      this.#pending.push({ job, resolve, reject });
      if (!this.#running) void this.#run();
    });
  }

  async #run(): Promise<void> {
    this.#running = true;
    try {
      while (this.#pending.length > 0) {
        const group = this.#pending.splice(0, this.#max);
        try {
          const stored = await this.#session.finish(
            group.map((p) => p.job),
            this.#worker,
          );
          for (const p of group) p.resolve(stored.has(p.job.id));
        } catch (err) {
          for (const p of group) p.reject(err);
        }
      }
    } finally {
      this.#running = false;
    }
  }
}
