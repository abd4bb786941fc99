import type { Client } from 'pg';
import type PgBoss from 'pg-boss';
import { HostSlots } from './host-slots.js';
import { SCAN_QUEUE } from './schema.js';

/** pg-boss's `complete(name, ids, data, options)`: its typings omit the `data` argument of the array form. */
type CompleteMany = (
  name: string,
  ids: string[],
  data: null,
  options: { db?: PgBoss.Db },
) => Promise<unknown>;
const completeMany = (boss: PgBoss) => boss.complete.bind(boss) as unknown as CompleteMany;

/** A job with its result, as {@link WorkerSession.finish} stores it. */
export interface FinishedJob {
  readonly id: string;
  readonly batch: string;
  readonly url: string;
  readonly result: Readonly<Record<string, unknown>>;
}

/**
 * A worker's dedicated PostgreSQL sessions: one per lane holds the host slot of the scan it runs
 * ({@link HostSlots}); another finishes jobs, a group at a time, in one transaction each: the results
 * are inserted with `ON CONFLICT (batch_id, url) DO NOTHING` and the pg-boss jobs completed on the same
 * connection. A worker killed before the commit leaves neither (the jobs are delivered again); a job
 * re-delivered after a commit its worker did not live to see inserts nothing. Made by `ScanQueue.session`.
 *
 * @example
 * ```ts
 * const session = await queue.session(2, 8); // 2 scans per host, 8 lanes
 * const slot = await session.slots[0]?.acquire('api.example.com');
 * const stored = await session.finish([{ ...job, result }], 'worker-1');
 * ```
 */
export class WorkerSession {
  /** The host slots of each lane, each on its own connection. */
  readonly slots: readonly HostSlots[];
  readonly #locks: readonly Client[];
  readonly #writes: Client;
  readonly #boss: PgBoss;
  constructor(locks: readonly Client[], writes: Client, boss: PgBoss, perHost: number) {
    this.#locks = locks;
    this.#writes = writes;
    this.#boss = boss;
    this.slots = locks.map((c) => new HostSlots(c, perHost));
  }

  /**
   * Stores the results (once per batch and URL) and completes the jobs, atomically; returns the ids of
   * the jobs whose result was stored now (the others had been stored by an earlier delivery).
   */
  async finish(jobs: readonly FinishedJob[], worker: string): Promise<Set<string>> {
    if (jobs.length === 0) return new Set();
    const client = this.#writes;
    const db = {
      executeSql: async (text: string, values: unknown[]) => ({
        rows: (await client.query(text, values)).rows,
      }),
    };
    const rows = jobs.map((j) => ({ batch_id: j.batch, url: j.url, result: j.result, worker }));
    await client.query('BEGIN');
    try {
      const inserted = await client.query<{ batch_id: string; url: string }>(
        `INSERT INTO corsguard_batch_results (batch_id, url, result, worker)
         SELECT batch_id, url, result, worker
         FROM json_to_recordset($1::json) AS r(batch_id TEXT, url TEXT, result JSON, worker TEXT)
         ON CONFLICT (batch_id, url) DO NOTHING
         RETURNING batch_id, url`,
        [JSON.stringify(rows)],
      );
      await completeMany(this.#boss)(
        SCAN_QUEUE,
        jobs.map((j) => j.id),
        null,
        { db },
      );
      await client.query('COMMIT');
      const stored = new Set(inserted.rows.map((r) => `${r.batch_id} ${r.url}`));
      return new Set(jobs.filter((j) => stored.has(`${j.batch} ${j.url}`)).map((j) => j.id));
    } catch (err) {
      await client.query('ROLLBACK').catch(() => {});
      throw err;
    }
  }

  /** Completes jobs without a result (their batch is gone). */
  async discard(ids: readonly string[]): Promise<void> {
    if (ids.length > 0) await completeMany(this.#boss)(SCAN_QUEUE, [...ids], null, {});
  }

  /** Ends the sessions (releasing any slot still held). */
  async close(): Promise<void> {
    await Promise.all([...this.#locks, this.#writes].map((c) => c.end().catch(() => {})));
  }
}
