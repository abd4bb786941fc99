export {
  formatMonitorConfigIssues,
  loadMonitorConfig,
  MONITOR_SCHEMA,
  parseMonitorConfig,
  type ReadText,
} from './config.js';
export { diffSnapshots, type TargetChange, type TargetSnapshot, type WatchedFinding } from './diff.js';
export { cronProblem, nextRunAt, parseInterval } from './schedule.js';
export type {
  GroupLimits,
  MonitorConfig,
  MonitorConfigIssue,
  MonitorConfigResult,
  MonitorGroup,
  Schedule,
} from './types.js';
