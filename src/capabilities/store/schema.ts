/**
 * The store's schema, one migration per entry, applied in order and recorded in `corsguard_migrations`.
 * Append only: a shipped migration is never edited (a database already has it).
 */
export const MIGRATIONS: readonly string[] = [
  `CREATE TABLE scans (
     id          TEXT PRIMARY KEY,
     url         TEXT NOT NULL,
     url_key     TEXT NOT NULL,
     status      TEXT NOT NULL CHECK (status IN ('queued', 'running', 'done', 'failed')),
     request     JSONB NOT NULL,
     result      JSONB,
     error       JSONB,
     -- Milliseconds, as JavaScript dates and history cursors carry them.
     created_at  TIMESTAMPTZ NOT NULL DEFAULT date_trunc('milliseconds', now()),
     started_at  TIMESTAMPTZ,
     finished_at TIMESTAMPTZ
   );
   CREATE INDEX scans_by_url ON scans (url_key, created_at DESC, id DESC);`,
];
