export { compareResponse, type ObservedResponse, type Violation, type ViolationCode } from './compare.js';
export {
  type DiffChange,
  type DiffLine,
  describeViolation,
  diffLineText,
  type ViolationStyler,
  violationDiff,
} from './describe.js';
export {
  CHECK_CONTEXT,
  type CheckProbe,
  MAX_BYPASS_BASES,
  planCheck,
  probeHeaders,
  sampleOrigin,
} from './plan.js';
export { type CheckResult, checkPolicy, engineSender, type ProbeSender } from './run-check.js';
export {
  type CheckRun,
  type CheckSummary,
  type CheckUrlResult,
  summarizeCheck,
} from './summary.js';
