/** Where API descriptions usually are, tried on the site's origin (OpenAPI, Swagger, springdoc, …). */
export const OPENAPI_PATHS: readonly string[] = [
  '/openapi.json',
  '/swagger.json',
  '/v3/api-docs',
  '/api-docs',
  '/openapi.yaml',
  '/swagger/v1/swagger.json',
  '/api/openapi.json',
  '/v2/api-docs',
];

/** `/.well-known/` documents that describe APIs: RFC 9727's API catalog, and OpenAPI there. */
export const WELL_KNOWN_PATHS: readonly string[] = [
  '/.well-known/api-catalog',
  '/.well-known/openapi.json',
  '/.well-known/openapi.yaml',
  '/.well-known/openapi',
];

/** Common API paths, requested on the site's origin and kept when they answer like an API. */
export const COMMON_API_PATHS: readonly string[] = ['/api', '/api/v1', '/graphql', '/api/graphql', '/v1'];

/** API descriptions also tried on each API origin the page and scripts call (within the document budget). */
export const API_ORIGIN_DESCRIPTION_PATHS: readonly string[] = ['/openapi.json', '/swagger.json'];
