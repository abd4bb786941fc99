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
