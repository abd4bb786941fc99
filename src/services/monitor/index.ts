export { type MonitorSinks, monitorSinks } from './deliver.js';
export {
  type GroupRun,
  type MonitorServiceOptions,
  runMonitorGroup,
  runMonitorLoop,
  runMonitorOnce,
} from './run-monitor.js';
export type { Deliver, DeliveryRecord, MonitorEvent } from './types.js';
