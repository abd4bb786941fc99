export { type MonitorSinks, monitorSinks } from './deliver.js';
export { queueChecker, queueScanner } from './queue-scanner.js';
export {
  type GroupRun,
  inProcessScanner,
  type MonitorChecker,
  type MonitorScanner,
  type MonitorServiceOptions,
  runMonitorGroup,
  runMonitorLoop,
  runMonitorOnce,
} from './run-monitor.js';
export type { Deliver, DeliveryRecord, MonitorEvent } from './types.js';
