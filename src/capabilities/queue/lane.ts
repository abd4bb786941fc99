import type { Client } from 'pg';
import type PgBoss from 'pg-boss';
import { HostSlots } from './host-slots.js';
import { SCAN_QUEUE } from './schema.js';

/** What {@link QueueLane.finish} needs of a job. */
export interface FinishedJob {
  readonly id: string;
  readonly batch: string;
  readonly url: string;
}

/**
 * One lane of a worker: a dedicated PostgreSQL session that holds the host slots of the scan it runs
 * ({@link HostSlots}) and finishes each job in one transaction: the result is inserted with
 * `ON CONFLICT (batch_id, url) DO NOTHING` and the pg-boss job completed on the same connection. A
 * worker killed before the commit leaves neither; a job re-delivered after a commit its worker did not
 * live to acknowledge inserts nothing. Made by `ScanQueue.lane`.
 *
 * @example
 * ```ts
 * const lane = await queue.lane(2);
 * const slot = await lane.slots.acquire('api.example.com');
 * await lane.finish(job, result, 'worker-1');
 * ```
 */
export class QueueLane {
  readonly slots: HostSlots;
  readonly #client: Client;
  readonly #boss: PgBoss;
  constructor(client: Client, boss: PgBoss, perHost: number) {
    this.#client = client;
    this.#boss = boss;
    this.slots = new HostSlots(client, perHost);
  }

  /** Stores the job's result once and completes the job, atomically; false when the result was already stored. */
  async finish(
    job: FinishedJob,
    result: Readonly<Record<string, unknown>>,
    worker: string,
  ): Promise<boolean> {
    const client = this.#client;
    const db = {
      executeSql: async (text: string, values: unknown[]) => ({
        rows: (await client.query(text, values)).rows,
      }),
    };
    await client.query('BEGIN');
    try {
      const { rowCount } = await client.query(
        `INSERT INTO corsguard_batch_results (batch_id, url, result, worker) VALUES ($1, $2, $3, $4)
         ON CONFLICT (batch_id, url) DO NOTHING`,
        [job.batch, job.url, JSON.stringify(result), worker],
      );
      await this.#boss.complete(SCAN_QUEUE, job.id, {}, { db });
      await client.query('COMMIT');
      return rowCount === 1;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => {});
      throw err;
    }
  }

  /** Completes a job without a result (its batch is gone). */
  async discard(job: FinishedJob): Promise<void> {
    await this.#boss.complete(SCAN_QUEUE, job.id, {});
  }

  /** Ends the session (releasing any slot still held). */
  async close(): Promise<void> {
    await this.#client.end().catch(() => {});
  }
}
