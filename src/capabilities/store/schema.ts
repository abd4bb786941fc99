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
  // corsguard monitor: one row per run of a group, one per target of a run (what it observed), the changes
  // between consecutive runs of a target, and every alert delivery (failed ones too).
  `CREATE TABLE monitor_runs (
     id          TEXT PRIMARY KEY,
     grp         TEXT NOT NULL,
     started_at  TIMESTAMPTZ NOT NULL DEFAULT date_trunc('milliseconds', now()),
     finished_at TIMESTAMPTZ
   );
   CREATE TABLE monitor_results (
     run_id     TEXT NOT NULL REFERENCES monitor_runs (id),
     grp        TEXT NOT NULL,
     target     TEXT NOT NULL,
     target_key TEXT NOT NULL,
     snapshot   JSONB NOT NULL,
     scan_id    TEXT,
     at         TIMESTAMPTZ NOT NULL DEFAULT date_trunc('milliseconds', now()),
     PRIMARY KEY (run_id, target_key)
   );
   CREATE INDEX monitor_results_by_target ON monitor_results (target_key, at DESC);
   CREATE TABLE monitor_changes (
     id         TEXT PRIMARY KEY,
     run_id     TEXT NOT NULL REFERENCES monitor_runs (id),
     grp        TEXT NOT NULL,
     target     TEXT NOT NULL,
     kind       TEXT NOT NULL,
     change     JSONB NOT NULL,
     at         TIMESTAMPTZ NOT NULL DEFAULT date_trunc('milliseconds', now())
   );
   CREATE INDEX monitor_changes_by_time ON monitor_changes (at DESC);
   CREATE TABLE monitor_alerts (
     id        TEXT PRIMARY KEY,
     change_id TEXT NOT NULL REFERENCES monitor_changes (id),
     sink      TEXT NOT NULL,
     ok        BOOLEAN NOT NULL,
     attempts  INTEGER NOT NULL,
     detail    JSONB NOT NULL,
     at        TIMESTAMPTZ NOT NULL DEFAULT date_trunc('milliseconds', now())
   );
   CREATE INDEX monitor_alerts_by_time ON monitor_alerts (at DESC);`,
  // serve: a bare site whose endpoints were discovered, each scanned on its own (`discovery` holds the
  // endpoints with their scan ids and sources, what was skipped and why; no secret).
  `CREATE TABLE sites (
     id         TEXT PRIMARY KEY,
     site       TEXT NOT NULL,
     discovery  JSONB NOT NULL,
     created_at TIMESTAMPTZ NOT NULL DEFAULT date_trunc('milliseconds', now())
   )`,
];
