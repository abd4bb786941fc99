export type { BatchOptions, CheckBatch } from './check-jobs.js';
export { type QueueCheckOptions, queueCheck } from './queue-check.js';
export {
  type QueuedBatch,
  type QueuedResult,
  type QueuedResultsOptions,
  type QueueScanOptions,
  type QueueScanOutcome,
  queuedResults,
  queueScan,
} from './queue-scan.js';
export { runWorker, type WorkerOptions, type WorkerStats } from './run-worker.js';
