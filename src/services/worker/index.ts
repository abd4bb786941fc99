export { type QueueScanOptions, type QueueScanOutcome, queueScan } from './queue-scan.js';
export { runWorker, type WorkerOptions, type WorkerStats } from './run-worker.js';
