export { compareResponse, type ObservedResponse, type Violation, type ViolationCode } from './compare.js';
export { CHECK_CONTEXT, type CheckProbe, MAX_BYPASS_BASES, planCheck, sampleOrigin } from './plan.js';
export { type CheckResult, checkPolicy, engineSender, type ProbeSender } from './run-check.js';
