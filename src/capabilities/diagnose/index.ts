// Public face of the diagnose capability: the pure core of `corsguard explain` ("why is my request blocked?").
export { CAUSE_TABLE, CAUSES, type Cause, type CauseInfo, type Stage } from './causes.js';
export { parseConsoleMessage } from './console-message.js';
export type { ConsoleBrowser, ConsoleDiagnosis, ConsoleParse, ConsoleUnrecognised } from './console-types.js';
export {
  type Diagnosis,
  diagnoseExchange,
  type Evidence,
  type ExchangeInput,
  type Observed,
} from './diagnose-exchange.js';
export { allowOriginCause } from './failure-cause.js';
export {
  type HarExchange,
  type HarMissing,
  type HarParse,
  type HarSkipReason,
  type HarUnsure,
  parseHar,
} from './har.js';
export { HAR_LIMITS } from './har-log.js';
export type { Step } from './pre-checks.js';
export { type BrowserRequest, type Preflight, preflightFor, requestHeaderList } from './request.js';
