export { isIpHost, isLocalHost } from './address.js';
export {
  classifyOrigin,
  type HostSite,
  hostSite,
  type OriginClassification,
  type OriginRelation,
  type SameSiteKind,
} from './classify.js';
export {
  effectivePort,
  isCanonicalOrigin,
  isSameOrigin,
  OPAQUE_ORIGIN,
  type OpaqueOrigin,
  type Origin,
  originOfUrl,
  parseOrigin,
  serializeOrigin,
  type TupleOrigin,
  tryParseOrigin,
} from './origin.js';
export { isHttpUrl, normalizeUrl } from './url.js';
