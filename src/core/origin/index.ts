export { isIpHost, isLocal, isLocalHost, isLoopback } from './address.js';
export {
  classifyOrigin,
  type HostSite,
  hostSite,
  isCookieSameSite,
  type OriginClassification,
  type OriginRelation,
  type SameSiteKind,
} from './classify.js';
export { literalSetRegex } from './literal-set-regex.js';
export {
  effectivePort,
  isCanonicalOrigin,
  isSameOrigin,
  OPAQUE_ORIGIN,
  type OpaqueOrigin,
  type Origin,
  originOfUrl,
  parseOrigin,
  parseTrustedOrigins,
  parseTupleOrigin,
  serializeOrigin,
  type TupleOrigin,
  tryParseOrigin,
} from './origin.js';
export {
  apexOrigin,
  escapeRegex,
  LOOPBACK_PATTERN_HOSTS,
  type LoopbackPatternHost,
  type OriginRule,
  originRegex,
  patternText,
  type RegexDialect,
  sampleOrigin,
} from './pattern.js';
export { compileOriginMatcher, type PatternMatch } from './pattern-matcher.js';
export {
  namesLoopback,
  type OriginPatternContext,
  type OriginPatternIssue,
  type OriginPatternIssueCode,
  parseOriginPattern,
} from './pattern-parse.js';
export { type OriginParts, splitCanonicalOrigin, splitOriginLoosely } from './split.js';
export { isHttpUrl, normalizeUrl } from './url.js';
