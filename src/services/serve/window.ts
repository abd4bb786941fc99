/**
 * Counts events per key over a sliding window, in bounded memory: at most `max` per key are kept, expired
 * ones are dropped, and keys with none left are forgotten. The per-client scan limit and the per-target-host
 * limit are two of them.
 *
 * @example
 * ```ts
 * const w = new SlidingWindow(60_000, 10);
 * w.take('198.51.100.7'); // undefined: counted; after 10 in a minute, the seconds to wait
 * ```
 */
export class SlidingWindow {
  readonly #windowMs: number;
  readonly #max: number;
  readonly #events = new Map<string, number[]>();

  constructor(windowMs: number, max: number) {
    this.#windowMs = windowMs;
    this.#max = max;
  }

  /** Counts one event for `key` and returns undefined, or, when `key` is at the limit, the seconds until it is not. */
  take(key: string, now = Date.now()): number | undefined {
    this.#prune(now);
    const times = this.#events.get(key) ?? [];
    if (times.length >= this.#max) {
      return Math.max(1, Math.ceil(((times[0] as number) + this.#windowMs - now) / 1000));
    }
    times.push(now);
    this.#events.set(key, times);
    return undefined;
  }

  /** Events of `key` in the window. */
  count(key: string): number {
    return this.#events.get(key)?.length ?? 0;
  }

  #prune(now: number): void {
    for (const [key, times] of this.#events) {
      while (times.length > 0 && (times[0] as number) <= now - this.#windowMs) times.shift();
      if (times.length === 0) this.#events.delete(key);
    }
  }
}
