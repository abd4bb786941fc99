export { queueUrl, redactUrl, unavailable } from './connect.js';
export { type HostSlot, HostSlots, SLOT_WAIT } from './host-slots.js';
export { pause } from './pause.js';
export { type BatchResult, type OpenQueueOptions, openQueue, type ScanJob, ScanQueue } from './scan-queue.js';
export { SCAN_QUEUE } from './schema.js';
export { type FinishedJob, WorkerSession } from './session.js';
