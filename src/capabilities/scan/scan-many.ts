import { Engine } from './engine/http-client.js';
import { type ScanOptions, scanTarget } from './scan-target.js';
import type { TargetResult } from './types.js';

/** Options of {@link scanMany}. */
export interface ScanManyOptions extends ScanOptions {
  /** Targets scanned at once. Default: the request concurrency, at least 1. */
  readonly targetsInFlight?: number;
  /** Yield results in input order (default) or as each target finishes. */
  readonly ordered?: boolean;
}

/**
 * Scans a stream of URLs with one shared engine (keep-alive pools, global and per-host limits) and yields
 * one result per URL. Targets are pulled from the input only as slots free up, so memory stays bounded
 * whatever the length of the list (100,000 URLs from a file or stdin). In order, a slow target holds back
 * the output but not the scans: up to `targetsInFlight` later results wait in a buffer meanwhile.
 *
 * @example
 * ```ts
 * for await (const result of scanMany(['https://a.example/', 'https://b.example/'], { concurrency: 16 })) {
 *   console.log(result.url, result.findings.length, result.error?.code);
 * }
 * ```
 */
export async function* scanMany(
  targets: AsyncIterable<string> | Iterable<string>,
  options: ScanManyOptions = {},
): AsyncGenerator<TargetResult> {
  const engine = new Engine(options);
  const inFlight = Math.max(1, options.targetsInFlight ?? options.concurrency ?? 32);
  const ordered = options.ordered ?? true;
  const iterator = Symbol.asyncIterator in targets ? targets[Symbol.asyncIterator]() : toAsync(targets);
  // Each target reports to this queue when it ends. Waiting on the queue, not on Promise.race over the
  // running targets, matters: every race adds a reaction to each promise still running, so one target
  // stalled for its whole budget collected one per result yielded meanwhile (memory grew with the list).
  const finished = new Map<number, TargetResult>();
  const running = new Set<Promise<void>>();
  let wake: (() => void) | undefined;
  let nextId = 0;
  let nextOut = 0;
  let exhausted = false;
  try {
    for (;;) {
      // Admission counts running targets only, so ordered output does not hold new targets back while the
      // oldest is still running (head-of-line blocking); the results buffered for ordered output are
      // bounded separately, so memory holds at most 2 × targetsInFlight targets whatever the list.
      while (!exhausted && running.size < inFlight && finished.size < inFlight) {
        const next = await iterator.next();
        if (next.done) {
          exhausted = true;
          break;
        }
        const id = nextId++;
        const done = scanTarget(next.value.trim(), options, engine).then((result) => {
          running.delete(done);
          finished.set(id, result);
          wake?.();
        });
        running.add(done);
      }
      if (running.size + finished.size === 0) return;
      // In order: the next id; otherwise the first to finish (a Map keeps insertion order).
      const id = ordered ? nextOut : finished.keys().next().value;
      const result = id === undefined ? undefined : finished.get(id);
      if (id === undefined || result === undefined) {
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
        wake = undefined;
        continue;
      }
      finished.delete(id);
      if (ordered) nextOut++;
      yield result;
    }
  } finally {
    await Promise.allSettled(running);
    await engine.close();
  }
}

async function* toAsync<T>(items: Iterable<T>): AsyncGenerator<T> {
  yield* items;
}
