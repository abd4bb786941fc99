// Face of the explain service (`corsguard/explain`): `corsguard explain` ("why is my request blocked?") as a
// library, with the pure parts other tools need (the browser-model diagnosis, console-message parsing).
export {
  type BrowserRequest,
  buildExplanation,
  CAUSE_TABLE,
  CAUSES,
  type Cause,
  diagnoseExchange,
  type ExchangeInput,
  type Explanation,
  findingRequest,
  parseConsoleMessage,
  preflightFor,
  type Verdict,
} from '../../capabilities/diagnose/index.js';
export {
  checkRequest,
  type ExplainInput,
  type ExplainOptions,
  explainRequest,
  replayTarget,
} from './explain.js';
export { explainHar, type HarEntryError, type HarExplanation } from './har.js';
export { type Replay, type ReplayOptions, replayRequest } from './replay.js';
