import { randomUUID } from 'node:crypto';
import { normalizeUrl } from '../../core/origin/index.js';
import type { Sql } from './sql.js';

/** A snapshot as the store keeps it (the monitor's `TargetSnapshot`: plain JSON). */
export type StoredSnapshot = Readonly<Record<string, unknown>> & { readonly target: string };

/** One observation of a target in a run. */
export interface MonitorResult {
  readonly runId: string;
  readonly group: string;
  readonly target: string;
  readonly snapshot: StoredSnapshot;
  readonly scanId?: string;
  readonly at: Date;
}

/** A change between two runs of a target, as stored. */
export interface StoredChange {
  readonly id: string;
  readonly runId: string;
  readonly group: string;
  readonly target: string;
  readonly kind: string;
  readonly change: Readonly<Record<string, unknown>>;
  readonly at: Date;
}

/** One delivery of an alert (successful or not). */
export interface StoredAlert {
  readonly id: string;
  readonly changeId: string;
  readonly sink: string;
  readonly ok: boolean;
  readonly attempts: number;
  readonly detail: Readonly<Record<string, unknown>>;
  readonly at: Date;
}

const date = (v: Date | string): Date => (v instanceof Date ? v : new Date(v));
const bounded = (n: number | undefined, max: number) => Math.min(Math.max(1, n ?? 50), max);

/**
 * The monitor's history, in the same database as the scans (embedded or PostgreSQL): runs, what each run
 * observed of each target, the changes between runs, and every alert delivery. Writes are single
 * statements; a result is keyed by (run, target), so writing it twice keeps one.
 *
 * @example
 * ```ts
 * const run = await store.monitor.startRun('production');
 * await store.monitor.saveResult(run, 'production', snapshot);
 * const before = await store.monitor.previous(snapshot.target, run);
 * ```
 */
export class MonitorStore {
  readonly #sql: Sql;
  constructor(sql: Sql) {
    this.#sql = sql;
  }

  async startRun(group: string): Promise<string> {
    const id = randomUUID();
    await this.#sql.query('INSERT INTO monitor_runs (id, grp) VALUES ($1, $2)', [id, group]);
    return id;
  }

  async finishRun(runId: string): Promise<void> {
    await this.#sql.query('UPDATE monitor_runs SET finished_at = now() WHERE id = $1', [runId]);
  }

  async saveResult(runId: string, group: string, snapshot: StoredSnapshot, scanId?: string): Promise<void> {
    await this.#sql.query(
      `INSERT INTO monitor_results (run_id, grp, target, target_key, snapshot, scan_id) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (run_id, target_key) DO NOTHING`,
      [
        runId,
        group,
        snapshot.target,
        normalizeUrl(snapshot.target),
        JSON.stringify(snapshot),
        scanId ?? null,
      ],
    );
  }

  /** The target's latest observation from a run other than `runId` (its previous run). */
  async previous(target: string, runId: string): Promise<MonitorResult | undefined> {
    const { rows } = await this.#sql.query<ResultRow>(
      'SELECT * FROM monitor_results WHERE target_key = $1 AND run_id <> $2 ORDER BY at DESC LIMIT 1',
      [normalizeUrl(target), runId],
    );
    return rows[0] ? toResult(rows[0]) : undefined;
  }

  async saveChange(
    runId: string,
    group: string,
    target: string,
    kind: string,
    change: Readonly<Record<string, unknown>>,
  ): Promise<string> {
    const id = randomUUID();
    await this.#sql.query(
      'INSERT INTO monitor_changes (id, run_id, grp, target, kind, change) VALUES ($1, $2, $3, $4, $5, $6)',
      [id, runId, group, target, kind, JSON.stringify(change)],
    );
    return id;
  }

  async saveAlert(
    changeId: string,
    sink: string,
    ok: boolean,
    attempts: number,
    detail: Readonly<Record<string, unknown>>,
  ): Promise<void> {
    await this.#sql.query(
      'INSERT INTO monitor_alerts (id, change_id, sink, ok, attempts, detail) VALUES ($1, $2, $3, $4, $5, $6)',
      [randomUUID(), changeId, sink, ok, attempts, JSON.stringify(detail)],
    );
  }

  /** Every watched target with its latest observation, by group then target. */
  async targets(): Promise<MonitorResult[]> {
    const { rows } = await this.#sql.query<ResultRow>(
      `SELECT DISTINCT ON (target_key) * FROM monitor_results ORDER BY target_key, at DESC`,
    );
    return rows
      .map(toResult)
      .sort((a, b) => a.group.localeCompare(b.group) || a.target.localeCompare(b.target));
  }

  /** A target's observations, oldest first (at most `limit`, the newest ones). */
  async timeline(target: string, limit?: number): Promise<MonitorResult[]> {
    const { rows } = await this.#sql.query<ResultRow>(
      'SELECT * FROM monitor_results WHERE target_key = $1 ORDER BY at DESC LIMIT $2',
      [normalizeUrl(target), bounded(limit, 500)],
    );
    return rows.map(toResult).reverse();
  }

  /** The latest changes, newest first (of one target when given). */
  async changes(options: { target?: string; limit?: number } = {}): Promise<StoredChange[]> {
    const { rows } = await this.#sql.query<ChangeRow>(
      options.target
        ? 'SELECT * FROM monitor_changes WHERE target = $2 ORDER BY at DESC, id LIMIT $1'
        : 'SELECT * FROM monitor_changes ORDER BY at DESC, id LIMIT $1',
      options.target ? [bounded(options.limit, 500), options.target] : [bounded(options.limit, 500)],
    );
    return rows.map((r) => ({
      id: r.id,
      runId: r.run_id,
      group: r.grp,
      target: r.target,
      kind: r.kind,
      change: r.change,
      at: date(r.at),
    }));
  }

  /** The latest alert deliveries, newest first. */
  async alerts(limit?: number): Promise<StoredAlert[]> {
    const { rows } = await this.#sql.query<AlertRow>(
      'SELECT * FROM monitor_alerts ORDER BY at DESC, id LIMIT $1',
      [bounded(limit, 500)],
    );
    return rows.map((r) => ({
      id: r.id,
      changeId: r.change_id,
      sink: r.sink,
      ok: r.ok,
      attempts: Number(r.attempts),
      detail: r.detail,
      at: date(r.at),
    }));
  }
}

interface ResultRow {
  run_id: string;
  grp: string;
  target: string;
  snapshot: StoredSnapshot;
  scan_id: string | null;
  at: Date | string;
}
interface ChangeRow {
  id: string;
  run_id: string;
  grp: string;
  target: string;
  kind: string;
  change: Record<string, unknown>;
  at: Date | string;
}
interface AlertRow {
  id: string;
  change_id: string;
  sink: string;
  ok: boolean;
  attempts: number;
  detail: Record<string, unknown>;
  at: Date | string;
}

function toResult(r: ResultRow): MonitorResult {
  return {
    runId: r.run_id,
    group: r.grp,
    target: r.target,
    snapshot: r.snapshot,
    ...(r.scan_id ? { scanId: r.scan_id } : {}),
    at: date(r.at),
  };
}
