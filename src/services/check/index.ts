export {
  type CheckOutcome,
  type CheckServiceOptions,
  checkOutcome,
  checkUrl,
  checkUrls,
  runCheck,
} from './run-check.js';
