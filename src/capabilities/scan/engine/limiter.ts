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
  #limit: number;
  #available: number;
  readonly #waiters: Array<() => void> = [];

  constructor(limit: number) {
    this.#limit = Math.max(1, Math.floor(limit));
    this.#available = this.#limit;
  }

  /** Raises the limit to `limit` (never lowers it), letting waiters in at once. */
  widen(limit: number): void {
    for (; this.#limit < Math.floor(limit); this.#limit++) {
      const next = this.#waiters.shift();
      if (next) next();
      else this.#available++;
    }
  }

  /** No holder and no waiter: a new semaphore would behave the same. */
  get idle(): boolean {
    return this.#available === this.#limit;
  }

  /**
   * Waits for a slot. With a `signal`, the wait ends when it aborts (rejecting with its reason), and a
   * waiter that gave up never takes a slot: a target whose budget ran out does not keep queueing.
   */
  async acquire(signal?: AbortSignal): Promise<() => void> {
    signal?.throwIfAborted();
    if (this.#available > 0) {
      this.#available--;
    } else {
      await new Promise<void>((resolve, reject) => {
        const onAbort = () => {
          const i = this.#waiters.indexOf(waiter);
          if (i !== -1) this.#waiters.splice(i, 1);
          reject(signal?.reason);
        };
        const waiter = () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        };
        this.#waiters.push(waiter);
        signal?.addEventListener('abort', onAbort, { once: true });
      });
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

  /** No turn is booked ahead: a new limiter would behave the same. */
  get idle(): boolean {
    return this.#next <= Date.now();
  }

  /** Waits for the next turn; with a `signal`, gives the turn back and rejects when it aborts. */
  async take(signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted();
    if (this.#intervalMs === 0) return;
    const now = Date.now();
    const at = Math.max(now, this.#next);
    this.#next = at + this.#intervalMs;
    if (at > now) {
      try {
        await sleep(at - now, signal);
      } catch (err) {
        if (this.#next === at + this.#intervalMs) this.#next = at; // nobody queued behind: free the turn
        throw err;
      }
    }
  }
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Per-key instances created on first use (per-host semaphores and rate limiters). Idle ones are dropped
 * once the pool has grown (a new one behaves the same), so a scan of 20,000 hosts holds only the hosts
 * in use, not one entry per host ever seen.
 *
 * @example
 * ```ts
 * const perHost = new KeyedPool(() => new Semaphore(6));
 * const release = await perHost.get('api.example.com').acquire();
 * ```
 */
export class KeyedPool<T extends { readonly idle: boolean }> {
  /** Below this many keys the pool is never swept. */
  static readonly MIN_SWEEP = 256;
  readonly #items = new Map<string, T>();
  #sweepAt = KeyedPool.MIN_SWEEP;
  constructor(readonly create: () => T) {}
  get(key: string): T {
    let item = this.#items.get(key);
    if (item === undefined) {
      if (this.#items.size >= this.#sweepAt) this.#sweep();
      item = this.create();
      this.#items.set(key, item);
    }
    return item;
  }
  /** How many keys are held (for tests). */
  get size(): number {
    return this.#items.size;
  }
  #sweep(): void {
    for (const [key, item] of this.#items) if (item.idle) this.#items.delete(key);
    // Amortised: the next sweep waits until the pool has doubled from what is still in use.
    this.#sweepAt = Math.max(KeyedPool.MIN_SWEEP, 2 * this.#items.size);
  }
}
