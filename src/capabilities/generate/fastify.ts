import { allowlistLines, constName, IS_ALLOWED, jsList, pathTable, scopeComment } from './js-shared.js';
import {
  allowHeaders,
  allowMethods,
  byLongestPrefix,
  comment,
  headerLines,
  type ScopedPolicy,
} from './shared.js';
import type { GeneratedConfig, GenerateInput } from './types.js';

function policyConst(scope: ScopedPolicy): string {
  const { policy } = scope;
  return [
    scopeComment(scope),
    `const ${constName(scope)}: CorsPolicy = {`,
    ...allowlistLines(policy, '  '),
    '  options: {',
    `    credentials: ${policy.credentials},`,
    `    // Exactly the policy's methods.`,
    `    methods: ${jsList(allowMethods(policy))},`,
    '    // Always a list: with allowedHeaders unset, @fastify/cors copies Access-Control-Request-Headers back.',
    `    allowedHeaders: ${jsList(allowHeaders(policy))},`,
    ...(policy.exposeHeaders.length > 0 ? [`    exposedHeaders: ${jsList(policy.exposeHeaders)},`] : []),
    ...(policy.maxAge !== null ? [`    maxAge: ${policy.maxAge},`] : []),
    '    optionsSuccessStatus: 204,',
    '  },',
    '};',
  ].join('\n');
}

/** Renders a Fastify module: `@fastify/cors` registered with a per-request options delegator. */
export function generateFastify(input: GenerateInput, scopes: readonly ScopedPolicy[]): GeneratedConfig {
  const ordered = byLongestPrefix(scopes);
  const code = `${comment(headerLines('Fastify (@fastify/cors)', input, scopes), '//')}
//
// Usage, once, on the root instance (@fastify/cors is not encapsulated: paths are handled below):
//   import { corsPluginOptions } from './cors.js';
//   await app.register(fastifyCors, corsPluginOptions);
import type { FastifyCorsOptions } from '@fastify/cors';
import type { FastifyRequest } from 'fastify';

interface CorsPolicy {
  readonly anyOrigin: boolean;
  readonly origins: readonly string[];
  readonly patterns: readonly RegExp[];
  readonly options: FastifyCorsOptions;
}

${scopes.map(policyConst).join('\n\n')}

${pathTable(ordered, 'CorsPolicy').join('\n')}

${IS_ALLOWED}

/**
 * The @fastify/cors options for one request: the policy of the longest matching path prefix, with the
 * allowed origin decided here (origin: false = no CORS header at all; a refused preflight then gets 404
 * from the plugin's OPTIONS route, without CORS headers). A plain OPTIONS (no
 * Access-Control-Request-Method) is not handled as a preflight: it reaches your routes.
 */
export function corsOptionsFor(req: FastifyRequest): FastifyCorsOptions {
  const path = req.url.split('?')[0] ?? '/';
  const policy = pathPolicies.find(([prefix]) => path.startsWith(prefix))?.[1] ?? defaultPolicy;
  const origin = req.headers.origin;
  const preflight =
    req.method === 'OPTIONS' && origin !== undefined && req.headers['access-control-request-method'] !== undefined;
  return {
    ...policy.options,
    origin: policy.anyOrigin ? '*' : origin !== undefined && isAllowed(policy, origin) ? origin : false,
    preflight,
  };
}

/** Register with \`app.register(fastifyCors, corsPluginOptions)\`; Vary: Origin is added to every response. */
export const corsPluginOptions: FastifyCorsOptions = {
  delegator: (req, callback) => callback(null, corsOptionsFor(req)),
};
`;
  return { target: 'fastify', language: 'typescript', filename: 'cors.ts', code };
}
