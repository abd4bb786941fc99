// Shared surface of the corsguard middleware: the core every adapter is built on. The adapters are their
// own entry points (corsguard/node, corsguard/fastify, corsguard/hono, corsguard/next, corsguard/fetch).
export {
  ACTUAL_RESPONSE_HEADERS,
  type CorsCore,
  type CorsOptions,
  createCorsCore,
  DEBUG_HEADER,
  type MiddlewareOnlyOptions,
  mergeVary,
} from './core.js';
// The Fastify plugin, for corsguard's own server (`corsguard serve`); users import `corsguard/fastify`.
export { corsguard as fastifyCorsguard } from './fastify/index.js';
export { applyToResponse, corsRequestOf, handleFetch, preflightResponse } from './fetch-core.js';
