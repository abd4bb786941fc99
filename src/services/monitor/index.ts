export { type MonitorSinks, monitorSinks } from './deliver.js';
export { queueScanner } from './queue-scanner.js';
export {
  type GroupRun,
  inProcessScanner,
  type MonitorScanner,
  type MonitorServiceOptions,
  runMonitorGroup,
  runMonitorLoop,
  runMonitorOnce,
} from './run-monitor.js';
export type { Deliver, DeliveryRecord, MonitorEvent } from './types.js';
