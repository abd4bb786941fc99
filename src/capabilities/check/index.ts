export { compareResponse, type ObservedResponse, type Violation, type ViolationCode } from './compare.js';
export {
  CHECK_CONTEXT,
  type CheckProbe,
  MAX_BYPASS_BASES,
  planCheck,
  probeHeaders,
  sampleOrigin,
} from './plan.js';
export {
  CHECK_EXIT,
  CHECK_REPORT_FORMAT,
  type CheckRun,
  type CheckSummary,
  type CheckUrlResult,
  checkExitCode,
  formatCheckJson,
  formatCheckJunit,
  formatCheckSummary,
  formatCheckText,
  formatViolation,
  formatViolationDiff,
  summarizeCheck,
} from './report.js';
export { type CheckResult, checkPolicy, engineSender, type ProbeSender } from './run-check.js';
