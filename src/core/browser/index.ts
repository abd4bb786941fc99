// Public surface of corsguard/browser: a pure model of the Fetch standard's CORS protocol.
export { CAUSES, type Cause, preflightStatusCause, type Stage } from './causes.js';
export { corsCheck, readAccess } from './cors-check.js';
export {
  CORS_RESPONSE_HEADER_NAMES,
  isForbiddenMethod,
  isForbiddenRequestHeaderName,
  isForbiddenResponseHeaderName,
  isSendableMethod,
} from './forbidden.js';
export {
  extractHeaderListValues,
  getHeader,
  isToken,
  normalizeHeaderValue,
  parseTokenList,
} from './headers.js';
export { DEFAULT_MAX_AGE, effectiveMaxAge, MAX_AGE_CAP } from './max-age.js';
export type { PreflightOutcome, PreflightRequest } from './preflight.js';
export { preflightCheck } from './preflight.js';
export { readableResponseHeaders, SAFELISTED_RESPONSE_HEADERS } from './response-headers.js';
export {
  corsUnsafeRequestHeaderNames,
  isSafelistedMethod,
  isSafelistedRequestHeader,
  normalizeMethod,
  requiresPreflight,
} from './safelist.js';
export type { CheckResult, CorsFailure, CredentialsMode, HeaderList, UserAgent } from './types.js';
