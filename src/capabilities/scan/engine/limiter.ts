/**
 * A counting semaphore: at most `limit` holders at once, FIFO waiters.
 *
 * @example
 * ```ts
 * const s = new Semaphore(4);
 * const release = await s.acquire();
 * try { await work(); } finally { release(); }
 * ```
 */
export class Semaphore {
  #available: number;
  readonly #waiters: Array<() => void> = [];

  constructor(limit: number) {
    this.#available = Math.max(1, Math.floor(limit));
  }

  async acquire(): Promise<() => void> {
    if (this.#available > 0) {
      this.#available--;
    } else {
      await new Promise<void>((resolve) => this.#waiters.push(resolve));
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.#waiters.shift();
      if (next) next();
      else this.#available++;
    };
  }
}

/**
 * Spaces calls `1/ratePerSecond` seconds apart (a rate of 0 or less means no limit).
 *
 * @example
 * ```ts
 * const r = new RateLimiter(10);
 * await r.take(); // resolves at most 10 times a second
 * ```
 */
export class RateLimiter {
  readonly #intervalMs: number;
  #next = 0;

  constructor(ratePerSecond: number) {
    this.#intervalMs = ratePerSecond > 0 ? 1000 / ratePerSecond : 0;
  }

  async take(): Promise<void> {
    if (this.#intervalMs === 0) return;
    const now = Date.now();
    const at = Math.max(now, this.#next);
    this.#next = at + this.#intervalMs;
    if (at > now) await new Promise((resolve) => setTimeout(resolve, at - now));
  }
}

/** Per-key instances created on first use (per-host semaphores and rate limiters). */
export class KeyedPool<T> {
  readonly #items = new Map<string, T>();
  constructor(readonly create: () => T) {}
  get(key: string): T {
    let item = this.#items.get(key);
    if (item === undefined) {
      item = this.create();
      this.#items.set(key, item);
    }
    return item;
  }
}
