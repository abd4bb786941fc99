import { constName, js, jsList, pathTable, scopeComment } from './js-shared.js';
import {
  allowHeaders,
  allowMethods,
  byLongestPrefix,
  comment,
  exactOrigins,
  headerLines,
  jsRegex,
  patternRegexes,
  type ScopedPolicy,
} from './shared.js';
import type { GeneratedConfig, GenerateInput } from './types.js';

function optional(value: string | null): string {
  return value === null ? 'null' : js(value);
}

function policyConst(scope: ScopedPolicy): string {
  const { policy } = scope;
  const headers = allowHeaders(policy);
  return [
    scopeComment(scope),
    `const ${constName(scope)}: CorsPolicy = {`,
    `  anyOrigin: ${policy.anyOrigin},`,
    `  // Exact origins, compared as strings.`,
    `  origins: ${jsList(exactOrigins(policy))},`,
    `  // Patterns: anchored (^…$), dots escaped, whole DNS labels only.`,
    `  patterns: [${patternRegexes(policy).map(jsRegex).join(', ')}],`,
    `  credentials: ${policy.credentials},`,
    `  methods: ${jsList(allowMethods(policy))},`,
    `  // Exactly the policy's request headers (lower case; ['*'] = any, anonymous policies only).`,
    `  requestHeaders: ${jsList(headers)},`,
    `  exposeHeaders: ${optional(policy.exposeHeaders.length > 0 ? policy.exposeHeaders.join(', ') : null)},`,
    `  maxAge: ${optional(policy.maxAge === null ? null : String(policy.maxAge))},`,
    `  privateNetwork: ${policy.privateNetwork},`,
    '};',
  ].join('\n');
}

/** Renders a Next.js `middleware.ts` (also usable as Next 16's `proxy.ts`) plus route-handler helpers. */
export function generateNext(input: GenerateInput, scopes: readonly ScopedPolicy[]): GeneratedConfig {
  const ordered = byLongestPrefix(scopes);
  const code = `${comment(headerLines('Next.js (middleware)', input, scopes), '//')}
//
// Usage: save as middleware.ts at the project root (Next 16: proxy.ts; both exports are provided).
// Route handlers outside the matcher can use withCors() instead:
//   export const GET = withCors(async () => Response.json({ ok: true }));
//   export const OPTIONS = withCors(async () => new Response(null, { status: 204 }));
import { type NextRequest, NextResponse } from 'next/server';

interface CorsPolicy {
  readonly anyOrigin: boolean;
  readonly origins: readonly string[];
  readonly patterns: readonly RegExp[];
  readonly credentials: boolean;
  readonly methods: readonly string[];
  readonly requestHeaders: readonly string[];
  readonly exposeHeaders: string | null;
  readonly maxAge: string | null;
  readonly privateNetwork: boolean;
}

${scopes.map(policyConst).join('\n\n')}

${pathTable(ordered, 'CorsPolicy').join('\n')}

function policyFor(pathname: string): CorsPolicy {
  return pathPolicies.find(([prefix]) => pathname.startsWith(prefix))?.[1] ?? defaultPolicy;
}

/** 'any', 'exact', 'pattern', or null when the policy refuses this exact Origin value. */
function matchOrigin(policy: CorsPolicy, origin: string): 'any' | 'exact' | 'pattern' | null {
  if (policy.anyOrigin) return 'any';
  if (policy.origins.includes(origin)) return 'exact';
  return policy.patterns.some((p) => p.test(origin)) ? 'pattern' : null;
}

function isPreflight(request: Request): boolean {
  return (
    request.method === 'OPTIONS' &&
    request.headers.has('origin') &&
    request.headers.has('access-control-request-method')
  );
}

/**
 * The answer to a preflight (204 with the policy's headers, or 403 with no CORS header), or null when
 * the request is not a preflight. A preflight never reaches your route.
 */
export function corsPreflight(request: Request, pathname: string): Response | null {
  if (!isPreflight(request)) return null;
  const policy = policyFor(pathname);
  const origin = request.headers.get('origin') ?? '';
  const method = request.headers.get('access-control-request-method') ?? '';
  const headers = new Headers();
  if (!policy.anyOrigin) headers.append('Vary', 'Origin');
  headers.append('Vary', 'Access-Control-Request-Method, Access-Control-Request-Headers');
  const match = matchOrigin(policy, origin);
  const requested = (request.headers.get('access-control-request-headers') ?? '')
    .split(',')
    .map((h) => h.trim().toLowerCase())
    .filter((h) => h !== '');
  const safelisted = method === 'GET' || method === 'HEAD' || method === 'POST';
  const methodOk = safelisted || policy.methods.includes('*') || policy.methods.includes(method);
  // '*' never covers authorization (Fetch): it must be listed.
  const any = policy.requestHeaders.includes('*');
  const headersOk = requested.every((h) => policy.requestHeaders.includes(h) || (any && h !== 'authorization'));
  const pna = request.headers.get('access-control-request-private-network');
  const pnaOk = pna === null || (pna === 'true' && policy.privateNetwork && match === 'exact');
  if (match === null || !methodOk || !headersOk || !pnaOk) return new Response(null, { status: 403, headers });
  headers.set('Access-Control-Allow-Origin', match === 'any' ? '*' : origin);
  if (policy.credentials) headers.set('Access-Control-Allow-Credentials', 'true');
  // Static lists, exactly the policy's: never a copy of what the request asked for.
  headers.set('Access-Control-Allow-Methods', policy.methods.join(', '));
  if (policy.requestHeaders.length > 0) headers.set('Access-Control-Allow-Headers', policy.requestHeaders.join(', '));
  if (pna !== null) headers.set('Access-Control-Allow-Private-Network', 'true');
  if (policy.maxAge !== null) headers.set('Access-Control-Max-Age', policy.maxAge);
  return new Response(null, { status: 204, headers });
}

/** Adds the CORS headers of a non-preflight request to \`headers\` (a response's), merging Vary. */
export function applyCorsHeaders(request: Request, pathname: string, headers: Headers): void {
  const policy = policyFor(pathname);
  const origin = request.headers.get('origin');
  if (!policy.anyOrigin) headers.append('Vary', 'Origin');
  const match = origin === null ? (policy.anyOrigin ? 'any' : null) : matchOrigin(policy, origin);
  if (match === null) return;
  headers.set('Access-Control-Allow-Origin', match === 'any' ? '*' : (origin ?? ''));
  if (policy.credentials) headers.set('Access-Control-Allow-Credentials', 'true');
  if (policy.exposeHeaders !== null) headers.set('Access-Control-Expose-Headers', policy.exposeHeaders);
}

/** The middleware: answers preflights, adds the CORS headers to every other response. */
export function middleware(request: NextRequest): Response {
  const pathname = request.nextUrl.pathname;
  const preflight = corsPreflight(request, pathname);
  if (preflight !== null) return preflight;
  const response = NextResponse.next();
  applyCorsHeaders(request, pathname, response.headers);
  return response;
}

export { middleware as proxy };

export const config = { matcher: '/:path*' };

/** Wraps a route handler with the same CORS answer, for routes the middleware does not run on. */
export function withCors(
  handler: (request: NextRequest) => Response | Promise<Response>,
): (request: NextRequest) => Promise<Response> {
  return async (request) => {
    const pathname = request.nextUrl.pathname;
    const preflight = corsPreflight(request, pathname);
    if (preflight !== null) return preflight;
    const response = await handler(request);
    applyCorsHeaders(request, pathname, response.headers);
    return response;
  };
}
`;
  return { target: 'next', language: 'typescript', filename: 'middleware.ts', code };
}
