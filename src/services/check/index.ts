export { type CheckOutcome, type CheckServiceOptions, runCheck } from './run-check.js';
