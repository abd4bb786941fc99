import type { ClientBase } from 'pg';

/** A slot of a host, held by one connection until {@link HostSlots.release} or the session ends. */
export interface HostSlot {
  readonly host: string;
  readonly slot: number;
}

/** How long one blocking wait for a slot lasts before the lane looks at its stop signal again. */
export const SLOT_WAIT = '500ms';

const key = "hashtext('corsguard:' || $1)";

/**
 * At most `perHost` scans of one host at a time across every worker process on every machine: slot `s`
 * of host `h` is the PostgreSQL session advisory lock `(hashtext('corsguard:' || h), s)`, held by the
 * lane's own dedicated connection while it scans. A lane first tries every slot without waiting, then
 * waits in PostgreSQL on one of them (`pg_advisory_lock`, woken by the server on release: no polling),
 * `SLOT_WAIT` at a time (the connection's `lock_timeout`). A worker killed with `kill -9` loses its
 * connections, and PostgreSQL releases their locks at once: no slot is leaked, no lease to expire.
 *
 * @example
 * ```ts
 * const slots = new HostSlots(client, 2); // client: its own connection, `SET lock_timeout` done
 * const slot = await slots.acquire('api.example.com', signal); // waits while 2 scans of the host run
 * try { await scan(); } finally { if (slot) await slots.release(slot); }
 * ```
 */
export class HostSlots {
  readonly #client: ClientBase;
  readonly #perHost: number;
  constructor(client: ClientBase, perHost: number) {
    this.#client = client;
    this.#perHost = Math.max(1, perHost);
  }

  /**
   * Tries each slot once, from a random one, in one statement; undefined when every slot of the host is
   * taken. `LIMIT 1` without `ORDER BY` stops the scan of the slots at the first lock taken, so at most
   * one is.
   */
  async tryAcquire(host: string): Promise<HostSlot | undefined> {
    const start = Math.floor(Math.random() * this.#perHost);
    const order = Array.from({ length: this.#perHost }, (_, i) => (start + i) % this.#perHost);
    const { rows } = await this.#client.query<{ slot: number }>(
      `SELECT slot FROM unnest($2::int[]) AS slot WHERE pg_try_advisory_lock(${key}, slot) LIMIT 1`,
      [host, order],
    );
    const slot = rows[0]?.slot;
    return slot === undefined ? undefined : { host, slot };
  }

  /** Waits for a slot of the host; undefined only when `signal` aborts first. */
  async acquire(host: string, signal?: AbortSignal): Promise<HostSlot | undefined> {
    while (!signal?.aborted) {
      const free = await this.tryAcquire(host);
      if (free) return free;
      const slot = Math.floor(Math.random() * this.#perHost);
      try {
        await this.#client.query(`SELECT pg_advisory_lock(${key}, $2)`, [host, slot]);
        return { host, slot };
      } catch (err) {
        if ((err as { code?: string }).code !== '55P03') throw err; // lock_timeout: look again
      }
    }
    return undefined;
  }

  async release(slot: HostSlot): Promise<void> {
    await this.#client.query(`SELECT pg_advisory_unlock(${key}, $2)`, [slot.host, slot.slot]);
  }
}
