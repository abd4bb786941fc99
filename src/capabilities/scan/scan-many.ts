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
 * whatever the length of the list (100,000 URLs from a file or stdin).
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
  const pending: Array<{ id: number; promise: Promise<{ id: number; result: TargetResult }> }> = [];
  let nextId = 0;
  let exhausted = false;
  try {
    for (;;) {
      while (!exhausted && pending.length < inFlight) {
        const next = await iterator.next();
        if (next.done) {
          exhausted = true;
          break;
        }
        const id = nextId++;
        const url = next.value.trim();
        pending.push({ id, promise: scanTarget(url, options, engine).then((result) => ({ id, result })) });
      }
      if (pending.length === 0) return;
      const settled = ordered
        ? await (pending[0] as (typeof pending)[number]).promise
        : await Promise.race(pending.map((p) => p.promise));
      pending.splice(
        pending.findIndex((p) => p.id === settled.id),
        1,
      );
      yield settled.result;
    }
  } finally {
    await Promise.allSettled(pending.map((p) => p.promise));
    await engine.close();
  }
}

async function* toAsync<T>(items: Iterable<T>): AsyncGenerator<T> {
  yield* items;
}
