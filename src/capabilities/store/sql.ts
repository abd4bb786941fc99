/** The one thing the store needs of a database: parameterized queries ($1, $2…) and closing. */
export interface Sql {
  query<Row>(text: string, params?: readonly unknown[]): Promise<{ rows: Row[] }>;
  /** Runs several statements at once (migrations), without parameters. */
  exec(text: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * An embedded PostgreSQL (PGlite, Postgres compiled to WASM) in `dataDir`, or in memory without one.
 * Loaded on first use, so commands that store nothing never load it.
 *
 * @example
 * ```ts
 * const sql = await pgliteSql('.corsguard/data');
 * ```
 */
export async function pgliteSql(dataDir?: string): Promise<Sql> {
  const { PGlite } = await import('@electric-sql/pglite');
  const db = dataDir === undefined ? new PGlite() : new PGlite(dataDir);
  await db.waitReady;
  return {
    query: async <Row>(text: string, params: readonly unknown[] = []) => ({
      rows: (await db.query<Row>(text, [...params])).rows,
    }),
    exec: async (text) => {
      await db.exec(text);
    },
    close: () => db.close(),
  };
}

/**
 * A real PostgreSQL server through a `pg` connection pool (`postgres://user@host:port/db`).
 *
 * @example
 * ```ts
 * const sql = await postgresSql('postgres://corsguard@127.0.0.1:5432/corsguard');
 * ```
 */
export async function postgresSql(url: string): Promise<Sql> {
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  await pool.query('SELECT 1');
  return {
    query: async <Row>(text: string, params: readonly unknown[] = []) => ({
      rows: (await pool.query(text, [...params])).rows as Row[],
    }),
    exec: async (text) => {
      await pool.query(text);
    },
    close: () => pool.end(),
  };
}
