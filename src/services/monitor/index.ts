export {
  type Deliver,
  type DeliveryRecord,
  type GroupRun,
  type MonitorEvent,
  type MonitorServiceOptions,
  runMonitorGroup,
  runMonitorLoop,
  runMonitorOnce,
} from './run-monitor.js';
