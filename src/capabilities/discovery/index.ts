export { type ApiDescription, readApiDescription } from './api-description.js';
export { type BundleScan, type BundleUrl, bundleUrls, MAX_NESTING } from './bundle-urls.js';
export {
  DISCOVERY_DEFAULTS,
  type DiscoveryOptions,
  type DocumentFetcher,
  discoverEndpoints,
} from './discover-endpoints.js';
export { type PageParts, type PageScript, readPage } from './html-page.js';
export { endpointUrl, inScope, isStaticAsset, siteScope } from './scope.js';
export * from './types.js';
