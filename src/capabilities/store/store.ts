import { randomUUID } from 'node:crypto';
import { CorsguardError } from '../../core/errors/index.js';
import { normalizeUrl } from '../../core/origin/index.js';
import { MonitorStore } from './monitor-store.js';
import { MIGRATIONS } from './schema.js';
import { pgliteSql, postgresSql, type Sql } from './sql.js';

/** What a user asked to scan. Never cookies or headers: secrets are not stored. */
export interface ScanRequest {
  readonly url: string;
  readonly trustedOrigins?: readonly string[];
  readonly stack?: string;
  /** The scan was sent with a cookie or headers (their values are never stored). */
  readonly authenticated?: boolean;
  /** Each exploitable finding was verified in headless Chromium (`verified` on the findings). */
  readonly verify?: boolean;
}

/** The lifecycle of a stored scan. */
export type ScanStatus = 'queued' | 'running' | 'done' | 'failed';

/** One scan as stored. `result` is the per-target object of `corsguard scan --format json`. */
export interface StoredScan {
  readonly id: string;
  readonly url: string;
  readonly status: ScanStatus;
  readonly request: ScanRequest;
  readonly result?: Readonly<Record<string, unknown>>;
  readonly error?: { readonly code: string; readonly message: string };
  readonly createdAt: Date;
  readonly startedAt?: Date;
  readonly finishedAt?: Date;
}

/**
 * A bare site scanned through discovery: which endpoints were found, the scan of each, what was skipped.
 * `discovery` is stored as given (URLs, sources, scan ids, reasons: never a secret).
 *
 * @example
 * ```ts
 * const site = await store.createSite('https://shop.example/', { scans: [{ url, id }], skipped: [] });
 * (await store.getSite(site.id))?.discovery.scans;
 * ```
 */
export interface StoredSite {
  readonly id: string;
  readonly site: string;
  readonly discovery: Readonly<Record<string, unknown>>;
  readonly createdAt: Date;
}

/** A page of a URL's history, newest first; `next` continues it. */
export interface HistoryPage {
  readonly scans: readonly StoredScan[];
  readonly next?: string;
}

interface Row {
  id: string;
  url: string;
  status: ScanStatus;
  request: ScanRequest;
  result: Record<string, unknown> | null;
  error: { code: string; message: string } | null;
  created_at: Date | string;
  started_at: Date | string | null;
  finished_at: Date | string | null;
}

interface SiteRow {
  id: string;
  site: string;
  discovery: Record<string, unknown>;
  created_at: Date | string;
}

const toSite = (r: SiteRow): StoredSite => ({
  id: r.id,
  site: r.site,
  discovery: r.discovery,
  createdAt: date(r.created_at),
});

const date = (v: Date | string): Date => (v instanceof Date ? v : new Date(v));

function toScan(r: Row): StoredScan {
  return {
    id: r.id,
    url: r.url,
    status: r.status,
    request: r.request,
    ...(r.result ? { result: r.result } : {}),
    ...(r.error ? { error: r.error } : {}),
    createdAt: date(r.created_at),
    ...(r.started_at ? { startedAt: date(r.started_at) } : {}),
    ...(r.finished_at ? { finishedAt: date(r.finished_at) } : {}),
  };
}

/**
 * Scans, results and history, in an embedded PostgreSQL (PGlite) or a real one, with the same schema.
 * Every change is one statement, so a process stopped at any point leaves a consistent store; on start,
 * {@link ScanStore.failInterrupted} marks what was left queued or running as failed.
 *
 * @example
 * ```ts
 * const store = await openStore({ dataDir: '.corsguard/data' });
 * const scan = await store.create({ url: 'https://api.example.com/me' });
 * await store.start(scan.id);
 * await store.finish(scan.id, resultJson);
 * ```
 */
export class ScanStore {
  readonly #sql: Sql;
  /** The monitor's runs, observations, changes and alerts, in the same database. */
  readonly monitor: MonitorStore;
  constructor(sql: Sql) {
    this.#sql = sql;
    this.monitor = new MonitorStore(sql);
  }

  /** Applies the migrations this database does not have yet. */
  async migrate(): Promise<void> {
    await this.#sql.exec('CREATE TABLE IF NOT EXISTS corsguard_migrations (version INTEGER PRIMARY KEY)');
    const done = await this.#sql.query<{ version: number }>('SELECT version FROM corsguard_migrations');
    const have = new Set(done.rows.map((r) => Number(r.version)));
    for (const [i, migration] of MIGRATIONS.entries()) {
      if (have.has(i + 1)) continue;
      await this.#sql.exec(
        `BEGIN; ${migration}; INSERT INTO corsguard_migrations VALUES (${i + 1}); COMMIT;`,
      );
    }
  }

  async create(request: ScanRequest): Promise<StoredScan> {
    const stored: ScanRequest = {
      url: request.url,
      ...(request.trustedOrigins ? { trustedOrigins: [...request.trustedOrigins] } : {}),
      ...(request.stack ? { stack: request.stack } : {}),
      ...(request.authenticated ? { authenticated: true } : {}),
      ...(request.verify ? { verify: true } : {}),
    };
    const { rows } = await this.#sql.query<Row>(
      `INSERT INTO scans (id, url, url_key, status, request) VALUES ($1, $2, $3, 'queued', $4) RETURNING *`,
      [randomUUID(), request.url, normalizeUrl(request.url), JSON.stringify(stored)],
    );
    return toScan(rows[0] as Row);
  }

  /** queued → running; false when the scan is not queued (already taken, or unknown). */
  async start(id: string): Promise<boolean> {
    const { rows } = await this.#sql.query<Row>(
      `UPDATE scans SET status = 'running', started_at = now() WHERE id = $1 AND status = 'queued' RETURNING id`,
      [id],
    );
    return rows.length === 1;
  }

  /** running → done with the result; false when the scan is not running. */
  async finish(id: string, result: Readonly<Record<string, unknown>>): Promise<boolean> {
    const { rows } = await this.#sql.query<Row>(
      `UPDATE scans SET status = 'done', result = $2, finished_at = now() WHERE id = $1 AND status = 'running' RETURNING id`,
      [id, JSON.stringify(result)],
    );
    return rows.length === 1;
  }

  /** queued or running → failed; false when the scan had already ended. */
  async fail(id: string, error: { code: string; message: string }): Promise<boolean> {
    const { rows } = await this.#sql.query<Row>(
      `UPDATE scans SET status = 'failed', error = $2, finished_at = now() WHERE id = $1 AND status IN ('queued', 'running') RETURNING id`,
      [id, JSON.stringify(error)],
    );
    return rows.length === 1;
  }

  /** Records a bare site's discovery (see {@link StoredSite}). */
  async createSite(site: string, discovery: Readonly<Record<string, unknown>>): Promise<StoredSite> {
    const { rows } = await this.#sql.query<SiteRow>(
      'INSERT INTO sites (id, site, discovery) VALUES ($1, $2, $3) RETURNING *',
      [randomUUID(), site, JSON.stringify(discovery)],
    );
    return toSite(rows[0] as SiteRow);
  }

  async getSite(id: string): Promise<StoredSite | undefined> {
    const { rows } = await this.#sql.query<SiteRow>('SELECT * FROM sites WHERE id = $1', [id]);
    return rows[0] ? toSite(rows[0]) : undefined;
  }

  async get(id: string): Promise<StoredScan | undefined> {
    const { rows } = await this.#sql.query<Row>('SELECT * FROM scans WHERE id = $1', [id]);
    return rows[0] ? toScan(rows[0]) : undefined;
  }

  /** The scans of one URL (normalized: `HTTPS://API.example.com:443/x` is `https://api.example.com/x`), newest first. */
  async history(url: string, options: { limit?: number; next?: string } = {}): Promise<HistoryPage> {
    const limit = Math.min(Math.max(1, options.limit ?? 20), 100);
    const cursor = options.next ? decodeCursor(options.next) : undefined;
    const { rows } = await this.#sql.query<Row>(
      cursor
        ? `SELECT * FROM scans WHERE url_key = $1 AND (created_at, id) < ($3::timestamptz, $4) ORDER BY created_at DESC, id DESC LIMIT $2`
        : 'SELECT * FROM scans WHERE url_key = $1 ORDER BY created_at DESC, id DESC LIMIT $2',
      cursor ? [normalizeUrl(url), limit + 1, cursor.at, cursor.id] : [normalizeUrl(url), limit + 1],
    );
    const scans = rows.slice(0, limit).map(toScan);
    const last = scans.at(-1);
    return rows.length > limit && last ? { scans, next: encodeCursor(last) } : { scans };
  }

  /** Marks every scan left queued or running (by a process that stopped) as failed; returns how many. */
  async failInterrupted(): Promise<number> {
    const { rows } = await this.#sql.query<Row>(
      `UPDATE scans SET status = 'failed', finished_at = now(), error = $1 WHERE status IN ('queued', 'running') RETURNING id`,
      [
        JSON.stringify({
          code: 'INTERRUPTED',
          message: 'the server stopped before this scan ended; scan again',
        }),
      ],
    );
    return rows.length;
  }

  close(): Promise<void> {
    return this.#sql.close();
  }
}

const encodeCursor = (s: StoredScan): string =>
  Buffer.from(JSON.stringify([s.createdAt.toISOString(), s.id])).toString('base64url');

function decodeCursor(text: string): { at: string; id: string } {
  try {
    const [at, id] = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as unknown[];
    if (typeof at === 'string' && typeof id === 'string' && !Number.isNaN(Date.parse(at))) return { at, id };
  } catch {}
  throw new CorsguardError(
    'USAGE',
    'the history cursor is not one this server gave out; start from the first page',
  );
}

/**
 * Opens the store: a real PostgreSQL for a `postgres://` (or `postgresql://`) URL, else the embedded
 * one in `dataDir` (in memory without it), migrated to the current schema.
 *
 * @example
 * ```ts
 * const store = await openStore({ database: process.env.DATABASE_URL, dataDir: '.corsguard/data' });
 * ```
 */
export async function openStore(options: { database?: string; dataDir?: string } = {}): Promise<ScanStore> {
  const { database } = options;
  if (database !== undefined && !/^postgres(ql)?:\/\//i.test(database)) {
    throw new CorsguardError(
      'USAGE',
      `--database ${JSON.stringify(database.replace(/\/\/[^@/]*@/, '//…@'))} is not a PostgreSQL URL; give postgres://user@host:5432/db, or leave it out for the embedded store`,
    );
  }
  const sql = database ? await postgresSql(database) : await pgliteSql(options.dataDir);
  const store = new ScanStore(sql);
  await store.migrate();
  return store;
}
