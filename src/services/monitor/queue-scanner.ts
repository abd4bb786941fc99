import type { ScanQueue } from '../../capabilities/queue/index.js';
import type { ScanManyOptions } from '../../capabilities/scan/index.js';
import type { ReportTarget } from '../../outputs/report/index.js';
import { queueCheck, queuedResults } from '../worker/index.js';
import type { MonitorChecker, MonitorScanner } from './run-monitor.js';

/** One batch through the workers; a URL no worker stored a result for comes back as an error result. */
async function* throughWorkers(
  queue: ScanQueue,
  urls: readonly string[],
  scan: ScanManyOptions,
): AsyncGenerator<ReportTarget> {
  const left = new Set(urls);
  for await (const { url, result } of queuedResults(queue, urls, { scan })) {
    left.delete(url);
    yield result;
  }
  for (const url of left) {
    yield {
      url,
      requests: 0,
      durationMs: 0,
      findings: [],
      notes: [],
      grade: null,
      error: {
        code: 'QUEUE_NO_RESULT',
        message: "no worker stored a result for this URL (its job failed 10 times); see the workers' logs",
      },
    };
  }
}

/** Targets enqueued at a time by {@link queueScanner} when not told. */
const CHUNK = 100;

/**
 * `corsguard monitor --queue`: a group's scans go to the `corsguard worker` processes of the queue, as
 * `scan --queue` sends them, in batches of `chunk` targets: the next batch is pulled (and the group's
 * request budget checked) once the previous one's results are all in. The per-host limits then hold across
 * every worker of the database. A group's policy check goes to the workers with {@link queueChecker}.
 *
 * @example
 * ```ts
 * const queue = await openQueue('postgres://corsguard@db/corsguard', { option: '--queue' });
 * await runMonitorOnce(config, { store, scanner: queueScanner(queue) });
 * ```
 */
export function queueScanner(queue: ScanQueue, chunk = CHUNK): MonitorScanner {
  return async function* (urls, scan) {
    let batch: string[] = [];
    for await (const url of urls) {
      batch.push(url);
      if (batch.length < chunk) continue;
      yield* throughWorkers(queue, batch, scan);
      batch = [];
    }
    if (batch.length > 0) yield* throughWorkers(queue, batch, scan);
  };
}

/**
 * `corsguard monitor --queue`: a group's policy check (`policy:`) is run by the workers, URL by URL, as
 * `corsguard check --queue` runs it.
 *
 * @example
 * ```ts
 * await runMonitorOnce(config, { store, scanner: queueScanner(queue), checker: queueChecker(queue) });
 * ```
 */
export function queueChecker(queue: ScanQueue): MonitorChecker {
  return (policyFile, environment, options) => queueCheck(queue, policyFile, environment, options);
}
