import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import type PgBoss from 'pg-boss';
import { queueUrl, unavailable } from './connect.js';
import { SLOT_WAIT } from './host-slots.js';
import { QUEUE_SCHEMA, SCAN_QUEUE } from './schema.js';
import { WorkerSession } from './session.js';

/** Options of {@link openQueue}. */
export interface OpenQueueOptions {
  /** The option the URL came from, named in error messages (`--queue`, `--database`). Default `--database`. */
  readonly option?: string;
  /**
   * Seconds a taken job may stay unfinished before pg-boss hands it to another worker (a worker killed
   * mid-job is noticed this late). Set on the jobs when enqueued. Default 300.
   */
  readonly jobTimeoutSeconds?: number;
  /** Seconds between pg-boss maintenance runs (expiring jobs of dead workers). Default a quarter of the job timeout, 1 to 60. */
  readonly maintenanceSeconds?: number;
  /** Connections of the shared pools (pg-boss's and the queue's), each. Default 4. */
  readonly connections?: number;
  /** Called with errors of pg-boss's background work (maintenance), which does not stop the queue. */
  readonly onError?: (error: Error) => void;
}

/** One scan job as a worker took it. */
export interface ScanJob {
  readonly id: string;
  readonly batch: string;
  readonly url: string;
  /** Deliveries before this one (a job re-delivered after its worker died has 1 or more). */
  readonly retryCount: number;
  readonly retryLimit: number;
}

/** One stored result of a batch, as a reader streams them. */
export interface BatchResult {
  readonly url: string;
  readonly result: Readonly<Record<string, unknown>>;
}

interface JobData {
  readonly b: string;
  readonly u: string;
}

/** Re-deliveries of a job whose worker died before finishing it (then it is marked failed by pg-boss). */
const RETRY_LIMIT = 10;
const INSERT_CHUNK = 1000;

/**
 * Scan jobs on pg-boss over PostgreSQL: batches of URLs, one job per URL, results stored once per
 * (batch, URL). Open it with {@link openQueue}; a worker takes jobs and finishes them on a
 * {@link WorkerSession}, an enqueuer creates a batch and streams its results back.
 *
 * @example
 * ```ts
 * const queue = await openQueue('postgres://corsguard@db/corsguard');
 * const batch = await queue.createBatch({ timeoutMs: 10000 });
 * await queue.enqueue(batch, ['https://api.example.com/']);
 * for (let c = queue.resultsCursor(); ; ) { const page = await queue.results(batch, c); c = page.cursor; }
 * ```
 */
export class ScanQueue {
  readonly #boss: PgBoss;
  readonly #pool: Pool;
  readonly #url: string;
  readonly #jobTimeout: number;
  readonly #options = new Map<string, Promise<Readonly<Record<string, unknown>> | undefined>>();

  constructor(boss: PgBoss, pool: Pool, url: string, jobTimeoutSeconds: number) {
    this.#boss = boss;
    this.#pool = pool;
    this.#url = url;
    this.#jobTimeout = jobTimeoutSeconds;
  }

  /** Creates a batch with the scan options every job of it is scanned with; returns its id. */
  async createBatch(options: Readonly<Record<string, unknown>>): Promise<string> {
    const id = randomUUID();
    await this.#pool.query('INSERT INTO corsguard_batches (id, options) VALUES ($1, $2)', [
      id,
      JSON.stringify(options),
    ]);
    return id;
  }

  /**
   * Enqueues one job per distinct URL (a URL listed twice is scanned once), in chunks, and records the
   * batch's total; returns it.
   */
  async enqueue(batch: string, urls: AsyncIterable<string> | Iterable<string>): Promise<number> {
    const seen = new Set<string>();
    let chunk: PgBoss.JobInsert<JobData>[] = [];
    const flush = async () => {
      if (chunk.length > 0) await this.#boss.insert(chunk);
      chunk = [];
    };
    for await (const raw of urls) {
      const url = raw.trim();
      if (seen.has(url)) continue;
      seen.add(url);
      chunk.push({
        name: SCAN_QUEUE,
        data: { b: batch, u: url },
        expireInSeconds: this.#jobTimeout,
        retryLimit: RETRY_LIMIT,
        retryDelay: 0,
      });
      if (chunk.length >= INSERT_CHUNK) await flush();
    }
    await flush();
    await this.#pool.query('UPDATE corsguard_batches SET total = $2 WHERE id = $1', [batch, seen.size]);
    return seen.size;
  }

  /** Takes up to `count` jobs (marked active in pg-boss, so no other worker gets them); none when none waits. */
  async take(count: number): Promise<ScanJob[]> {
    const jobs = await this.#boss.fetch<JobData>(SCAN_QUEUE, {
      batchSize: Math.max(1, count),
      includeMetadata: true,
    });
    return jobs.map((job) => ({
      id: job.id,
      batch: job.data.b,
      url: job.data.u,
      retryCount: job.retryCount,
      retryLimit: job.retryLimit,
    }));
  }

  /** The scan options of a batch (cached), or undefined for a batch that was deleted. */
  batchOptions(batch: string): Promise<Readonly<Record<string, unknown>> | undefined> {
    let options = this.#options.get(batch);
    if (!options) {
      options = this.#pool
        .query<{ options: Record<string, unknown> }>('SELECT options FROM corsguard_batches WHERE id = $1', [
          batch,
        ])
        .then(({ rows }) => rows[0]?.options);
      this.#options.set(batch, options);
    }
    return options;
  }

  /** Gives a job back for another delivery (a worker stopping before it could finish it). */
  async release(job: ScanJob): Promise<void> {
    await this.#boss.fail(SCAN_QUEUE, job.id, { message: 'released by a stopping worker' });
  }

  /** A worker's dedicated connections: one per lane for its host slots, one to finish jobs transactionally. */
  async session(perHost: number, lanes: number): Promise<WorkerSession> {
    const { default: pg } = await import('pg');
    const connect = async () => {
      const client = new pg.Client({ connectionString: this.#url });
      client.on('error', () => {}); // a lost connection fails the next query, which the worker reports
      await client.connect().catch((e: unknown) => {
        throw unavailable(e, this.#url, '--database');
      });
      return client;
    };
    const locks = await Promise.all(Array.from({ length: Math.max(1, lanes) }, connect));
    await Promise.all(locks.map((c) => c.query(`SET lock_timeout = '${SLOT_WAIT}'`)));
    return new WorkerSession(locks, await connect(), this.#boss, perHost);
  }

  /** The cursor to start reading a batch's results from (its first call returns every stored result). */
  resultsCursor(): string {
    return '0';
  }

  /**
   * The batch's results stored since `cursor`, each exactly once over successive calls (by inserting
   * transaction, below the snapshot's xmin: every such transaction has ended), and the next cursor.
   */
  async results(batch: string, cursor: string): Promise<{ results: BatchResult[]; cursor: string }> {
    const { rows: snap } = await this.#pool.query<{ hi: string }>(
      'SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS hi',
    );
    const hi = snap[0]?.hi ?? cursor;
    const { rows } = await this.#pool.query<BatchResult>(
      'SELECT url, result FROM corsguard_batch_results WHERE batch_id = $1 AND xid >= $2::xid8 AND xid < $3::xid8',
      [batch, cursor, hi],
    );
    return { results: rows, cursor: hi };
  }

  /** How many results the batch has. */
  async resultCount(batch: string): Promise<number> {
    const { rows } = await this.#pool.query<{ n: string }>(
      'SELECT count(*) AS n FROM corsguard_batch_results WHERE batch_id = $1',
      [batch],
    );
    return Number(rows[0]?.n ?? 0);
  }

  /** Jobs of the batch pg-boss gave up on (re-delivered past their limit); their URLs get no result. */
  async failedJobs(batch: string): Promise<number> {
    const { rows } = await this.#pool.query<{ n: string }>(
      `SELECT count(*) AS n FROM pgboss.job WHERE name = $1 AND state = 'failed' AND data->>'b' = $2`,
      [SCAN_QUEUE, batch],
    );
    return Number(rows[0]?.n ?? 0);
  }

  async close(): Promise<void> {
    await this.#boss.stop({ graceful: false, wait: true, close: true }).catch(() => {});
    await this.#pool.end().catch(() => {});
  }
}

/**
 * Connects to the queue's PostgreSQL: starts pg-boss (installing its schema on first use), creates the
 * scan queue and the batch tables. A bad URL is a USAGE error; an unreachable or refusing server a
 * QUEUE_UNAVAILABLE one (no stack trace, no password).
 *
 * @example
 * ```ts
 * const queue = await openQueue(process.env.DATABASE_URL ?? '', { option: '--queue', jobTimeoutSeconds: 60 });
 * ```
 */
export async function openQueue(url: string, options: OpenQueueOptions = {}): Promise<ScanQueue> {
  const option = options.option ?? '--database';
  queueUrl(url, option);
  const jobTimeout = Math.max(1, Math.round(options.jobTimeoutSeconds ?? 300));
  const connections = Math.max(1, options.connections ?? 4);
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({ connectionString: url, max: connections });
  pool.on('error', (e) => options.onError?.(e));
  try {
    await pool.query('SELECT 1');
  } catch (err) {
    await pool.end().catch(() => {});
    throw unavailable(err, url, option);
  }
  const { default: PgBossClass } = await import('pg-boss');
  const boss = new PgBossClass({
    connectionString: url,
    max: connections,
    schedule: false,
    supervise: true,
    maintenanceIntervalSeconds:
      options.maintenanceSeconds ?? Math.min(60, Math.max(1, Math.floor(jobTimeout / 4))),
  });
  boss.on('error', (e) => options.onError?.(e));
  try {
    // One process at a time sets up (pg-boss's install, its queue partition, our tables): started together,
    // workers otherwise deadlock on pg-boss's ATTACH PARTITION or race on CREATE … IF NOT EXISTS.
    const client = await pool.connect();
    try {
      await client.query(`SELECT pg_advisory_lock(hashtext('corsguard:queue-setup'))`);
      await boss.start();
      if (!(await boss.getQueue(SCAN_QUEUE))) {
        await boss.createQueue(SCAN_QUEUE, { name: SCAN_QUEUE, retryLimit: RETRY_LIMIT, retryDelay: 0 });
      }
      await client.query(QUEUE_SCHEMA);
    } finally {
      await client.query(`SELECT pg_advisory_unlock(hashtext('corsguard:queue-setup'))`).catch(() => {});
      client.release();
    }
  } catch (err) {
    await boss.stop({ graceful: false, wait: true, close: true }).catch(() => {});
    await pool.end().catch(() => {});
    throw unavailable(err, url, option);
  }
  return new ScanQueue(boss, pool, url, jobTimeout);
}
