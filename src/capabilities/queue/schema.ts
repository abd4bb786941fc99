/** The pg-boss queue every scan job goes through. */
export const SCAN_QUEUE = 'corsguard-scan';

/**
 * The queue's own tables, next to pg-boss's schema. Idempotent (IF NOT EXISTS), so every worker and
 * enqueuer runs it on start. `xid` is the inserting transaction: a reader streams a batch's results by
 * transaction id below the snapshot's xmin, so no row is skipped or read twice, whatever the commit order.
 */
export const QUEUE_SCHEMA = `
  CREATE TABLE IF NOT EXISTS corsguard_batches (
    id         TEXT PRIMARY KEY,
    options    JSONB NOT NULL,
    total      INTEGER,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
  );
  CREATE TABLE IF NOT EXISTS corsguard_batch_results (
    batch_id   TEXT NOT NULL REFERENCES corsguard_batches (id) ON DELETE CASCADE,
    url        TEXT NOT NULL,
    -- JSON, not JSONB: the text as the worker wrote it, so keys keep the order of --format jsonl.
    result     JSON NOT NULL,
    worker     TEXT NOT NULL,
    xid        XID8 NOT NULL DEFAULT pg_current_xact_id(),
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (batch_id, url)
  );
  CREATE INDEX IF NOT EXISTS corsguard_batch_results_by_xid ON corsguard_batch_results (batch_id, xid);`;
