export { discoverTargets } from './discover-targets.js';
export {
  type RunScanOptions,
  runScan,
  type ScanObserver,
  type ScanOutcome,
  type ScanReportRequest,
} from './run-scan.js';
export { type ScannedTarget, type ScanServiceOptions, type ScanStream, scanStream } from './scan-stream.js';
