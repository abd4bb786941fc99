export { FAMILY_FINDING } from '../../core/findings/index.js';
export * from '../../core/probes/index.js';
export { analyzeHttp, HTTP_ANALYZERS, type HttpScanData } from './analyze/index.js';
export { grants } from './analyze/scan-data.js';
export { varyCoversOrigin } from './analyze/vary.js';
export { discoverOrigins, namedOrigins } from './discover.js';
export {
  Engine,
  type EngineOptions,
  type HttpExchange,
  MAX_HEADER_BYTES,
  type TextExchange,
} from './engine/http-client.js';
export { Semaphore } from './engine/limiter.js';
export { networkErrorCode } from './engine/network-errors.js';
export { parseResolve } from './engine/resolve.js';
export { type ExploreResult, exploreOrigins, type Observation, type Oracle } from './explore.js';
export { FINDING_CATALOG, type FindingRule } from './findings/catalog.js';
export { type ScanManyOptions, scanMany } from './scan-many.js';
export { type ScanOptions, scanTarget } from './scan-target.js';
export * from './types.js';
