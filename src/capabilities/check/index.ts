/** A concrete origin an allowlist entry allows (the one `check` sends); it lives in `corsguard/origin`. */
export { sampleOrigin } from '../../core/origin/index.js';
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
  MAX_METHOD_ORIGINS,
  type PlanOptions,
  planCheck,
  probeHeaders,
} from './plan.js';
export { type CheckResult, checkPolicy, engineSender, type ProbeSender } from './run-check.js';
export {
  type CheckRun,
  type CheckSummary,
  type CheckUrlResult,
  summarizeCheck,
} from './summary.js';
