import { Engine, type ScanManyOptions } from '../../capabilities/scan/index.js';

interface Entry {
  readonly engine: Engine;
  users: number;
}

/** Kept idle engines (keep-alive pools) of recent batches; older idle ones are closed. */
const KEEP_IDLE = 4;

/**
 * One scan engine per batch in a worker process, shared by its lanes as `corsguard scan` shares one
 * engine across its targets (keep-alive pools, the batch's request limits); closed when idle and old.
 *
 * @example
 * ```ts
 * const engines = new BatchEngines();
 * const engine = engines.use(batch, options);
 * try { await scanTarget(url, options, engine); } finally { engines.done(batch); }
 * ```
 */
export class BatchEngines {
  readonly #entries = new Map<string, Entry>();

  use(batch: string, options: ScanManyOptions): Engine {
    let entry = this.#entries.get(batch);
    if (entry) this.#entries.delete(batch); // re-inserted last: most recently used
    entry ??= { engine: new Engine(options), users: 0 };
    entry.users++;
    this.#entries.set(batch, entry);
    return entry.engine;
  }

  done(batch: string): void {
    const entry = this.#entries.get(batch);
    if (entry) entry.users--;
    let idle = [...this.#entries].filter(([, e]) => e.users === 0);
    while (idle.length > KEEP_IDLE) {
      const [key, oldest] = idle[0] as [string, Entry];
      this.#entries.delete(key);
      void oldest.engine.close();
      idle = idle.slice(1);
    }
  }

  async close(): Promise<void> {
    await Promise.allSettled([...this.#entries.values()].map((e) => e.engine.close()));
    this.#entries.clear();
  }
}
