import { openQueue } from '../capabilities/queue/index.js';
import { type QueueScanOptions, queueScan } from '../services/worker/index.js';
import { stopOnSignals } from './stop-signal.js';

/** What `corsguard scan --queue` passes on, besides the URL and the targets. */
export interface QueuedScanOptions extends QueueScanOptions {
  readonly jobTimeoutSeconds: number;
  /** Where the enqueued batch is announced. */
  readonly stderr: NodeJS.WritableStream;
}

/**
 * `corsguard scan --queue URL`: enqueues the targets for `corsguard worker`s and streams the results to the
 * reports as they land; returns the exit code (as `corsguard scan`, 3 too when URLs got no result). Ctrl-C
 * stops waiting; the jobs stay queued.
 *
 * @example
 * ```ts
 * const code = await runQueuedScan('postgres://corsguard@db/corsguard', readTargets('huge.txt'), { reports, jobTimeoutSeconds: 300 });
 * ```
 */
export async function runQueuedScan(
  url: string,
  targets: AsyncIterable<string> | Iterable<string>,
  options: QueuedScanOptions,
): Promise<number> {
  const queue = await openQueue(url, { option: '--queue', jobTimeoutSeconds: options.jobTimeoutSeconds });
  const stop = stopOnSignals();
  try {
    const outcome = await queueScan(queue, targets, {
      ...options,
      signal: stop.signal,
      onEnqueued: (batch, total) =>
        options.stderr.write(`corsguard scan: ${total} URLs queued as batch ${batch}; waiting for workers\n`),
    });
    if (outcome.missing > 0) {
      options.stderr.write(
        `corsguard scan: ${outcome.missing} of ${outcome.total} URLs got no result (stopped waiting, or their jobs failed repeatedly); run corsguard worker and scan them again\n`,
      );
    }
    return outcome.exitCode;
  } finally {
    stop.dispose();
    await queue.close();
  }
}
