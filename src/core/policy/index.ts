export {
  compileOriginMatcher,
  isLoopback as isLoopbackHost,
  LOOPBACK_PATTERN_HOSTS as LOOPBACK_HOSTS,
  type OriginRule,
} from '../origin/index.js';
export { createPolicy, formatPath, formatPolicyIssues, PolicyError } from './create-policy.js';
export {
  type CorsDecision,
  type CorsRefusal,
  type CorsRequest,
  createDecider,
  type DeciderOptions,
  type HeaderPair,
  type RefusalCheck,
  refusalOf,
} from './decide.js';
export { checkDynamicOrigin } from './dynamic-origin.js';
export { parseOriginRule } from './origin-rules.js';
export { policyInputOf } from './policy-input.js';
export {
  MAX_REQUEST_HEADER_NAMES,
  MAX_REQUEST_HEADERS_LENGTH,
  parseRequestHeaderNames,
} from './request-headers.js';
export type {
  AnonymousPolicyInput,
  CredentialedPolicyInput,
  OriginMatch,
  OriginPattern,
  Policy,
  PolicyInput,
  PolicyIssue,
  PolicyIssueCode,
  UnsafeDynamicOrigin,
} from './types.js';
export { MAX_MAX_AGE, POLICY_INPUT_KEYS, type PolicyValidation, validatePolicy } from './validate.js';
