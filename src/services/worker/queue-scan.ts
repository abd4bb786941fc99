import type { ScanQueue } from '../../capabilities/queue/index.js';
import { CorsguardError } from '../../core/errors/index.js';
import { type Baseline, BaselineComparison } from '../../outputs/baseline/index.js';
import { EXIT, type ExitCode } from '../../outputs/kit/index.js';
import {
  createWriter,
  type FailOn,
  type ReportTarget,
  type ScanSummary,
  SummaryBuilder,
} from '../../outputs/report/index.js';
import type { ScanReportRequest } from '../scan/index.js';
import type { BatchOptions } from './check-jobs.js';

/** Options of {@link queueScan}. */
export interface QueueScanOptions extends QueuedResultsOptions {
  readonly failOn?: FailOn;
  readonly baseline?: Baseline;
  /** Reports written as results land (in the order workers finish them). */
  readonly reports?: readonly ScanReportRequest[];
  readonly version?: string;
}

/** What a queued scan returns. */
export interface QueueScanOutcome {
  readonly batch: string;
  readonly total: number;
  readonly summary: ScanSummary;
  readonly exitCode: ExitCode;
  /** URLs without a result: jobs pg-boss gave up on, or not finished when `signal` stopped the wait. */
  readonly missing: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Options of {@link queuedResults}. */
export interface QueuedResultsOptions {
  /** The options every worker scans (or checks) the batch with (stored with the batch: no cookie, no header). */
  readonly scan?: BatchOptions;
  /** Pause between polls of the results table when nothing new landed, in ms. Default 200. */
  readonly pollMs?: number;
  /** Stops waiting (the jobs stay queued for the workers). */
  readonly signal?: AbortSignal;
  /** Called once the list is enqueued, with the batch id and the number of distinct URLs. */
  readonly onEnqueued?: (batch: string, total: number) => void;
}

/** A result as {@link queuedResults} yields it: the URL as it was enqueued, and the graded result. */
export interface QueuedResult<T = ReportTarget> {
  readonly url: string;
  readonly result: T;
}

/** How a {@link queuedResults} stream ended. */
export interface QueuedBatch {
  readonly batch: string;
  readonly total: number;
  /** URLs without a result: jobs pg-boss gave up on, or not finished when `signal` stopped the wait. */
  readonly missing: number;
}

/**
 * Enqueues the list as one batch (a job per distinct URL) and yields each URL with its graded result (the
 * per-target object of `corsguard scan --format json`) as a worker stores it, until every URL has its one result;
 * returns the batch, its total and how many URLs got none. The one way `scan --queue`, `monitor --queue`
 * and `serve --queue` get results from the workers.
 *
 * @example
 * ```ts
 * for await (const { url, result } of queuedResults(queue, ['https://api.example.com/'])) {
 *   console.log(url, result.grade?.letter);
 * }
 * ```
 */
export async function* queuedResults<T = ReportTarget>(
  queue: ScanQueue,
  targets: AsyncIterable<string> | Iterable<string>,
  options: QueuedResultsOptions = {},
): AsyncGenerator<QueuedResult<T>, QueuedBatch> {
  const { onExchange: _notSerializable, ...scan } = options.scan ?? {};
  // The batch's options are stored in PostgreSQL: a secret would be stored with them.
  if (scan.cookie !== undefined || Object.keys(scan.headers ?? {}).length > 0)
    throw new CorsguardError(
      'USAGE',
      'a queued scan cannot carry a cookie or headers (they would be stored with the batch); scan authenticated targets without the queue',
    );
  const batch = await queue.createBatch(scan as Record<string, unknown>);
  const total = await queue.enqueue(batch, targets);
  options.onEnqueued?.(batch, total);
  let cursor = queue.resultsCursor();
  let received = 0;
  let missing = 0;
  let idleSince = Date.now();
  while (received < total && !options.signal?.aborted) {
    const page = await queue.results(batch, cursor);
    cursor = page.cursor;
    for (const { url, result } of page.results) {
      received++;
      yield { url, result: result as unknown as T };
    }
    if (page.results.length > 0) {
      idleSince = Date.now();
      continue;
    }
    // Quiet for a while: jobs pg-boss gave up on will never get a result.
    if (Date.now() - idleSince > 2000) {
      const failed = await queue.failedJobs(batch);
      if (failed > 0 && received + failed >= total) {
        missing = failed;
        break;
      }
      idleSince = Date.now();
    }
    await sleep(options.pollMs ?? 200);
  }
  if (received < total && missing === 0) missing = total - received;
  return { batch, total, missing };
}

/**
 * `corsguard scan --queue`: enqueues the list as one batch (a job per distinct URL), then streams each
 * result to the reports as workers store it, graded and baseline-compared as `corsguard scan` does,
 * until every URL has its one result. Exit code as `corsguard scan` (3 too when URLs got no result).
 *
 * @example
 * ```ts
 * const queue = await openQueue('postgres://corsguard@db/corsguard', { option: '--queue' });
 * const outcome = await queueScan(queue, readTargets('huge.txt'), {
 *   reports: [{ format: 'jsonl', sink: process.stdout }],
 * });
 * ```
 */
export async function queueScan(
  queue: ScanQueue,
  targets: AsyncIterable<string> | Iterable<string>,
  options: QueueScanOptions = {},
): Promise<QueueScanOutcome> {
  const writers = (options.reports ?? []).map((r) =>
    createWriter(r.format, r.sink, {
      version: options.version ?? 'unknown',
      color: r.format === 'text' && r.color === true,
      verbose: false,
    }),
  );
  const builder = new SummaryBuilder(options.failOn ?? 'high');
  const comparison = options.baseline ? new BaselineComparison(options.baseline) : undefined;
  const stream = queuedResults(queue, targets, options);
  let next = await stream.next();
  for (; !next.done; next = await stream.next()) {
    const reported = comparison ? comparison.compare(next.value.result) : next.value.result;
    builder.add(reported);
    for (const w of writers) w.target(reported);
  }
  const { batch, total, missing } = next.value;
  if (comparison) builder.summary.baseline = comparison.finish();
  for (const w of writers) w.end(builder.summary);
  const code = builder.exitCode();
  const exitCode = missing > 0 && code === EXIT.ok ? EXIT.targetError : code;
  return { batch, total, summary: builder.summary, exitCode, missing };
}
