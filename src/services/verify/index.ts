export { chromiumPath, DEFAULT_CHROMIUM } from './chromium.js';
export { NULL_HOST_ORIGIN, type VerifyPage, verifyPlan } from './plan.js';
export { HTTP_COOKIE_NOTE, startVerifier, type Verifier, type VerifyOptions } from './verifier.js';
