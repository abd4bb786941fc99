import type { ScanQueue } from '../../capabilities/queue/index.js';
import type { ScanManyOptions } from '../../capabilities/scan/index.js';
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

/** Options of {@link queueScan}. */
export interface QueueScanOptions {
  /** The scan options every worker scans the batch with (stored with the batch: no cookie, no header). */
  readonly scan?: ScanManyOptions;
  readonly failOn?: FailOn;
  readonly baseline?: Baseline;
  /** Reports written as results land (in the order workers finish them). */
  readonly reports?: readonly ScanReportRequest[];
  readonly version?: string;
  /** Pause between polls of the results table when nothing new landed, in ms. Default 200. */
  readonly pollMs?: number;
  /** Stops waiting (the jobs stay queued for the workers). */
  readonly signal?: AbortSignal;
  /** Called once the list is enqueued, with the batch id and the number of distinct URLs. */
  readonly onEnqueued?: (batch: string, total: number) => void;
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
  const { onExchange: _notSerializable, ...scan } = options.scan ?? {};
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
    for (const { result } of page.results) {
      const graded = result as unknown as ReportTarget;
      const reported = comparison ? comparison.compare(graded) : graded;
      builder.add(reported);
      for (const w of writers) w.target(reported);
      received++;
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
  if (comparison) builder.summary.baseline = comparison.finish();
  for (const w of writers) w.end(builder.summary);
  const code = builder.exitCode();
  const exitCode = missing > 0 && code === EXIT.ok ? EXIT.targetError : code;
  return { batch, total, summary: builder.summary, exitCode, missing };
}
