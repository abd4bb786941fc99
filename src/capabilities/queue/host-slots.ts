import type { ClientBase } from 'pg';
import { pause } from './pause.js';

/** A slot of a host, held by one connection until {@link HostSlots.release} or the session ends. */
export interface HostSlot {
  readonly host: string;
  readonly slot: number;
}

/**
 * At most `perHost` scans of one host at a time across every worker process on every machine: slot `s`
 * of host `h` is the PostgreSQL session advisory lock `(hashtext('corsguard:' || h), s)`, taken with
 * `pg_try_advisory_lock` on the worker's dedicated connection (one session for all its lanes: a session
 * may take the same advisory lock twice, so the slots this process holds are also kept here and never
 * tried again). A worker killed with `kill -9` loses its connection, and PostgreSQL releases its locks
 * at once: no slot is leaked, no lease to expire.
 *
 * @example
 * ```ts
 * const slots = new HostSlots(client, 2);
 * const slot = await slots.acquire('api.example.com', signal); // waits while 2 scans of the host run
 * try { await scan(); } finally { await slots.release(slot); }
 * ```
 */
export class HostSlots {
  readonly #client: ClientBase;
  readonly #perHost: number;
  readonly #held = new Set<string>();
  /** The lanes share one connection: their queries go one after the other (pg wants one at a time). */
  #last: Promise<unknown> = Promise.resolve();
  constructor(client: ClientBase, perHost: number) {
    this.#client = client;
    this.#perHost = Math.max(1, perHost);
  }

  /** Tries each slot once, from a random one; undefined when every slot of the host is taken. */
  async tryAcquire(host: string): Promise<HostSlot | undefined> {
    const start = Math.floor(Math.random() * this.#perHost);
    for (let i = 0; i < this.#perHost; i++) {
      const slot = (start + i) % this.#perHost;
      const key = `${slot} ${host}`;
      if (this.#held.has(key)) continue;
      this.#held.add(key); // before the query: another lane of this process must not try it meanwhile
      const ok = await this.#query<{ ok: boolean }>(
        `SELECT pg_try_advisory_lock(hashtext('corsguard:' || $1), $2) AS ok`,
        [host, slot],
      )
        .then((rows) => rows[0]?.ok === true)
        .finally(() => this.#held.delete(key));
      if (ok) {
        this.#held.add(key);
        return { host, slot };
      }
    }
    return undefined;
  }

  /** Waits for a free slot of the host (polling with jitter); undefined only when `signal` aborts first. */
  async acquire(host: string, signal?: AbortSignal): Promise<HostSlot | undefined> {
    for (let wait = 5; !signal?.aborted; wait = Math.min(wait * 2, 100)) {
      const slot = await this.tryAcquire(host);
      if (slot) return slot;
      await pause(wait / 2 + Math.random() * wait, signal);
    }
    return undefined;
  }

  async release(slot: HostSlot): Promise<void> {
    await this.#query(`SELECT pg_advisory_unlock(hashtext('corsguard:' || $1), $2)`, [slot.host, slot.slot]);
    this.#held.delete(`${slot.slot} ${slot.host}`);
  }

  #query<Row extends object>(text: string, params: unknown[]): Promise<Row[]> {
    const run = this.#last.then(
      () => this.#client.query<Row>(text, params),
      () => this.#client.query<Row>(text, params),
    );
    this.#last = run.catch(() => {});
    return run.then((r) => r.rows);
  }
}
