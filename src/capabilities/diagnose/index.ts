// Public face of the diagnose capability: the pure core of `corsguard explain` ("why is my request blocked?").
export { CAUSE_TABLE, CAUSES, type Cause, type CauseInfo, type Stage } from './causes.js';
export { causesTable } from './causes-table.js';
export type { Change, ChangeKind } from './changes.js';
export { parseConsoleMessage } from './console-message.js';
export type { ConsoleBrowser, ConsoleDiagnosis, ConsoleParse, ConsoleUnrecognised } from './console-types.js';
export {
  type Diagnosis,
  diagnoseExchange,
  type Evidence,
  type ExchangeInput,
  type Observed,
} from './diagnose-exchange.js';
export {
  buildExplanation,
  type ExplainSource,
  type Explanation,
  type ExplanationInput,
  type Intent,
  type Verdict,
} from './explanation.js';
export { allowOriginCause } from './failure-cause.js';
export { findingRequest } from './finding-request.js';
export { type Fix, type FixPolicy, fixFor, type HeaderDelta } from './fix.js';
export { type FixSnippet, fixSnippet, type SnippetSource } from './fix-snippet.js';
export {
  type HarExchange,
  type HarMissing,
  type HarParse,
  type HarSkipReason,
  type HarUnsure,
  parseHar,
} from './har.js';
export { HAR_LIMITS } from './har-log.js';
export { impliedExchange, messageEvidence } from './message-exchange.js';
export { mixedContentStep, type Step } from './pre-checks.js';
export { type BrowserRequest, type Preflight, preflightFor, requestHeaderList } from './request.js';
export {
  ANY_ORIGIN,
  ANY_ORIGIN_SAMPLE,
  type UntrustedKind,
  type UntrustedOrigin,
  untrustedOrigin,
} from './untrusted-origin.js';
export { type Wording, type WordingParts, wordingOf } from './wording.js';
