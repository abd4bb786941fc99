import { setFlagsFromString } from 'node:v8';

/** How much V8 may grow the heap past what survived the last full collection, in percent. */
export const HEAP_GROWING_PERCENT = 60;

/**
 * Keeps the V8 heap of a long scan close to what the scan really holds. A fleet scan allocates fast and
 * keeps little: its live heap stays near 35 MiB at 2,000 or 20,000 URLs, but with V8's default growth
 * factor (up to 4× the live size after each full collection, when collections are cheap) the heap grew
 * to 145 MiB of mostly garbage and the process past 220 MiB resident. A factor of 1.6 keeps it near
 * 90 MiB for about 13% more CPU time (1.3: 84 MiB, +32%; see docs/benchmarks.md). The V8
 * flag is read at every heap-limit update, so setting it at start-up takes effect on the next
 * collection. A user's own heap flags (`node --heap-growing-percent=… `, `--optimize-for-size`, or the
 * same in `NODE_OPTIONS`) are left as they are.
 *
 * @example
 * ```ts
 * tuneHeapForLongRuns(process.execArgv, process.env.NODE_OPTIONS); // true: the flag was set
 * ```
 */
export function tuneHeapForLongRuns(execArgv: readonly string[], nodeOptions = ''): boolean {
  const given = [...execArgv, ...nodeOptions.split(/\s+/)];
  if (given.some((a) => /^--(heap[-_]growing[-_]percent|optimize[-_]for[-_]size)\b/.test(a))) return false;
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  return true;
}
