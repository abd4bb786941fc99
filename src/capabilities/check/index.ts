/** A concrete origin an allowlist entry allows (the one `check` sends); it lives in `corsguard/origin`. */
export { sampleOrigin } from '../../core/origin/index.js';
export { compareResponse, type ObservedResponse, type Violation, type ViolationCode } from './compare.js';
export {
  CHECK_CONTEXT,
  type CheckProbe,
  MAX_BYPASS_BASES,
  planCheck,
  probeHeaders,
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
