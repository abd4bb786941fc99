import type { ClientBase } from 'pg';

/** A slot of a host, held by one connection until {@link HostSlots.release} or the session ends. */
export interface HostSlot {
  readonly host: string;
  readonly slot: number;
}

/** How long one blocking wait for a slot lasts before the lane looks at its stop signal again. */
export const SLOT_WAIT = '500ms';

const key = (param: string) => `hashtext('corsguard:' || ${param})`;

/**
 * At most `perHost` scans of one host at a time across every worker process on every machine: slot `s`
 * of host `h` is the PostgreSQL session advisory lock `(hashtext('corsguard:' || h), s)`, held by one
 * lane's own dedicated connection. A lane holds at most one slot: from the start of a scan until it
 * switches to the host of its next job (one statement releases the old slot and tries every slot of the
 * new host), or goes idle. When every slot is taken it waits in PostgreSQL on one of them
 * (`pg_advisory_lock`, woken by the server on release: no polling), `SLOT_WAIT` at a time (the
 * connection's `lock_timeout`), to look at its stop signal in between. A worker killed with `kill -9`
 * loses its connections, and PostgreSQL releases their locks at once: no slot is leaked, no lease to expire.
 *
 * @example
 * ```ts
 * const slots = new HostSlots(client, 2); // client: the lane's own connection, `SET lock_timeout` done
 * await slots.acquire('api.example.com', signal); // waits while 2 scans of the host run elsewhere
 * await scan();
 * await slots.release(); // or acquire the next job's host: the slot is handed over in one statement
 * ```
 */
export class HostSlots {
  readonly #client: ClientBase;
  readonly #perHost: number;
  #held: HostSlot | undefined;
  constructor(client: ClientBase, perHost: number) {
    this.#client = client;
    this.#perHost = Math.max(1, perHost);
  }

  /** The slot this lane holds, if any. */
  get held(): HostSlot | undefined {
    return this.#held;
  }

  /**
   * Releases the held slot (unless it is already one of `host`'s) and tries each slot of `host` once,
   * from a random one, in one statement; undefined when every slot of the host is taken. `LIMIT 1`
   * without `ORDER BY` stops at the first lock taken, so at most one is.
   */
  async tryAcquire(host: string): Promise<HostSlot | undefined> {
    if (this.#held?.host === host) return this.#held;
    const start = Math.floor(Math.random() * this.#perHost);
    const order = Array.from({ length: this.#perHost }, (_, i) => (start + i) % this.#perHost);
    const old = this.#held;
    const { rows } = await this.#client.query<{ slot: number | null }>(
      `SELECT ${old ? `pg_advisory_unlock(${key('$3')}, $4::int) AND ` : ''}true AS released,
              (SELECT slot FROM unnest($2::int[]) AS slot WHERE pg_try_advisory_lock(${key('$1')}, slot) LIMIT 1) AS slot`,
      old ? [host, order, old.host, old.slot] : [host, order],
    );
    this.#held = undefined;
    const slot = rows[0]?.slot;
    if (slot === null || slot === undefined) return undefined;
    this.#held = { host, slot };
    return this.#held;
  }

  /** Waits for a slot of the host (the held one is released first); undefined only when `signal` aborts first. */
  async acquire(host: string, signal?: AbortSignal): Promise<HostSlot | undefined> {
    while (!signal?.aborted) {
      const free = await this.tryAcquire(host);
      if (free) return free;
      const slot = Math.floor(Math.random() * this.#perHost);
      try {
        await this.#client.query(`SELECT pg_advisory_lock(${key('$1')}, $2)`, [host, slot]);
        this.#held = { host, slot };
        return this.#held;
      } catch (err) {
        if ((err as { code?: string }).code !== '55P03') throw err; // lock_timeout: look again
      }
    }
    return undefined;
  }

  /** Releases the held slot, if any. */
  async release(): Promise<void> {
    const old = this.#held;
    if (!old) return;
    this.#held = undefined;
    await this.#client.query(`SELECT pg_advisory_unlock(${key('$1')}, $2)`, [old.host, old.slot]);
  }
}
