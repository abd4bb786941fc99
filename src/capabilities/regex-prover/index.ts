export { type OriginRegex, type RegexDialect, toJsRegex } from './dialects.js';
export {
  type Counterexample,
  type CounterexampleKind,
  deriveTrustedSite,
  type ProofResult,
  type ProveOptions,
  proveOriginRegex,
} from './prove-origin-regex.js';
export {
  DEFAULT_PROVER_LIMITS,
  type JsRegex,
  type ProverLimits,
  type TestLanguage,
  testLanguage,
} from './regex-language.js';
