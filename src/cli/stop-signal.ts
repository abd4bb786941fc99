/** A stop request: `signal` aborts on SIGINT/SIGTERM (or the given signal); `dispose()` stops listening. */
export interface StopSignal {
  readonly signal: AbortSignal;
  dispose(): void;
}

/**
 * Listens for SIGINT and SIGTERM (and an extra signal, e.g. a test's) for the length of a long-running
 * command: the worker, the monitor loop, the wait for queued results.
 *
 * @example
 * ```ts
 * const stop = stopOnSignals(io.signal);
 * try { await runWorker(queue, { signal: stop.signal }); } finally { stop.dispose(); }
 * ```
 */
export function stopOnSignals(extra?: AbortSignal): StopSignal {
  const stop = new AbortController();
  const onSignal = () => stop.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  extra?.addEventListener('abort', onSignal, { once: true });
  return {
    signal: stop.signal,
    dispose() {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      extra?.removeEventListener('abort', onSignal);
    },
  };
}
