/**
 * Resolves after `ms`, or at once when `signal` aborts (never rejects); leaves no listener behind.
 *
 * @example
 * ```ts
 * await pause(500, stop.signal); // an idle poll that a stop request cuts short
 * ```
 */
export function pause(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise<void>((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}
