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
  const name = constName(scope);
  const headers = allowHeaders(policy);
  return [
    scopeComment(scope),
    `const ${name}Origins = {`,
    ...allowlistLines(policy, '  '),
    '};',
    `const ${name}: CorsPolicy = {`,
    `  ...${name}Origins,`,
    `  allowHeaders: ${jsList(headers)},`,
    '  handler: cors({',
    policy.anyOrigin
      ? `    origin: '*',`
      : `    origin: (origin) => (isAllowed(${name}Origins, origin) ? origin : null),`,
    ...(policy.credentials ? ['    credentials: true,'] : []),
    `    // Exactly the policy's methods (hono/cors defaults to GET, HEAD, PUT, POST, DELETE, PATCH).`,
    `    allowMethods: ${jsList(allowMethods(policy))},`,
    // hono/cors copies Access-Control-Request-Headers back when allowHeaders is empty; the guard in
    // corsHandler refuses any requested header the policy does not list, so that never happens.
    `    allowHeaders: ${jsList(headers)},`,
    ...(policy.exposeHeaders.length > 0 ? [`    exposeHeaders: ${jsList(policy.exposeHeaders)},`] : []),
    ...(policy.maxAge !== null ? [`    maxAge: ${policy.maxAge},`] : []),
    '  }),',
    '};',
  ].join('\n');
}

/** Renders a Hono module: `hono/cors` per policy behind a guard, and a path-dispatching middleware. */
export function generateHono(input: GenerateInput, scopes: readonly ScopedPolicy[]): GeneratedConfig {
  const ordered = byLongestPrefix(scopes);
  const code = `${comment(headerLines('Hono (hono/cors)', input, scopes), '//')}
//
// Usage, before your routes:
//   import { corsMiddleware } from './cors.js';
//   app.use('*', corsMiddleware);
import type { MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';

interface CorsPolicy {
  readonly anyOrigin: boolean;
  readonly origins: readonly string[];
  readonly patterns: readonly RegExp[];
  /** Lower-case request header names a preflight may ask for ('*' = any but authorization). */
  readonly allowHeaders: readonly string[];
  readonly handler: MiddlewareHandler;
}

${IS_ALLOWED}

${scopes.map(policyConst).join('\n\n')}

${pathTable(ordered, 'CorsPolicy').join('\n')}

/**
 * Whether every header a preflight asks for is allowed (hono/cors would copy unknown ones back).
 * '*' never covers authorization (Fetch): it must be listed.
 */
function headersAllowed(policy: CorsPolicy, requested: string | undefined): boolean {
  if (requested === undefined) return true;
  const any = policy.allowHeaders.includes('*');
  return requested
    .split(',')
    .map((h) => h.trim().toLowerCase())
    .every((h) => h === '' || policy.allowHeaders.includes(h) || (any && h !== 'authorization'));
}

/**
 * Applies the policy of the longest matching path prefix. A preflight from a refused origin, or asking
 * for a header the policy does not list, gets 403 and no CORS header; an allowed one gets 204 from
 * hono/cors. A plain OPTIONS (no Access-Control-Request-Method) goes to your routes without CORS headers
 * (hono/cors would answer every OPTIONS itself).
 */
export const corsMiddleware: MiddlewareHandler = async (c, next) => {
  const path = c.req.path;
  const policy = pathPolicies.find(([prefix]) => path.startsWith(prefix))?.[1] ?? defaultPolicy;
  const origin = c.req.header('origin');
  if (c.req.method === 'OPTIONS') {
    if (origin === undefined || c.req.header('access-control-request-method') === undefined) {
      await next();
      return;
    }
    if (!isAllowed(policy, origin) || !headersAllowed(policy, c.req.header('access-control-request-headers'))) {
      if (!policy.anyOrigin) c.header('Vary', 'Origin', { append: true });
      return c.body(null, 403);
    }
  }
  return policy.handler(c, next);
};
`;
  return { target: 'hono', language: 'typescript', filename: 'cors.ts', code };
}
