export {
  assertCorsPolicy,
  CorsPolicyAssertionError,
  type CorsTestOptions,
  checkCorsPolicy,
  type PolicySpec,
} from './assert.js';
export {
  type CorsTarget,
  type FetchHandler,
  type InjectTarget,
  inProcessSender,
  type TargetKind,
} from './senders.js';
