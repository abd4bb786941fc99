export { CHECK_REPORT_FORMAT, formatCheckJson } from './json.js';
export { formatCheckJunit } from './junit.js';
export {
  CHECK_FORMATS,
  type CheckFormat,
  type CheckReportOptions,
  checkExitCode,
  formatCheckReport,
} from './report.js';
export {
  type CheckTextOptions,
  formatCheckSummary,
  formatCheckText,
  formatViolation,
  formatViolationDiff,
} from './text.js';
