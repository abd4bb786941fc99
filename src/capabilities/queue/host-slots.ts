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
 * `pg_try_advisory_lock` on the lane's own dedicated connection. A worker killed with `kill -9` loses
 * its connections, and PostgreSQL releases their locks at once: no slot is leaked, no lease to expire.
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
  constructor(client: ClientBase, perHost: number) {
    this.#client = client;
    this.#perHost = Math.max(1, perHost);
  }

  /** Tries each slot once, from a random one; undefined when every slot of the host is taken. */
  async tryAcquire(host: string): Promise<HostSlot | undefined> {
    const start = Math.floor(Math.random() * this.#perHost);
    for (let i = 0; i < this.#perHost; i++) {
      const slot = (start + i) % this.#perHost;
      const { rows } = await this.#client.query<{ ok: boolean }>(
        `SELECT pg_try_advisory_lock(hashtext('corsguard:' || $1), $2) AS ok`,
        [host, slot],
      );
      if (rows[0]?.ok === true) return { host, slot };
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
    await this.#client.query(`SELECT pg_advisory_unlock(hashtext('corsguard:' || $1), $2)`, [
      slot.host,
      slot.slot,
    ]);
  }
}
