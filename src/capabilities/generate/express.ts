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
  const origin = policy.anyOrigin
    ? `'*'`
    : `[...${constName(scope)}Origins.origins, ...${constName(scope)}Origins.patterns]`;
  return [
    scopeComment(scope),
    `const ${constName(scope)}Origins = {`,
    ...allowlistLines(policy, '  '),
    '};',
    `const ${constName(scope)}: CorsPolicy = {`,
    `  ...${constName(scope)}Origins,`,
    '  options: {',
    policy.anyOrigin
      ? `    // Any origin, anonymously: "*" for everyone.`
      : `    // \`cors\` answers Access-Control-Allow-Origin only for these, and adds Vary: Origin to every response.`,
    `    origin: ${origin},`,
    ...(policy.credentials ? ['    credentials: true,'] : []),
    `    // Exactly the policy's methods (the \`cors\` default also allows PUT, PATCH and DELETE).`,
    `    methods: ${jsList(allowMethods(policy))},`,
    '    // Always a list: without allowedHeaders, `cors` copies Access-Control-Request-Headers back.',
    `    allowedHeaders: ${jsList(allowHeaders(policy))},`,
    ...(policy.exposeHeaders.length > 0 ? [`    exposedHeaders: ${jsList(policy.exposeHeaders)},`] : []),
    ...(policy.maxAge !== null ? [`    maxAge: ${policy.maxAge},`] : []),
    '    optionsSuccessStatus: 204,',
    '  },',
    '};',
  ].join('\n');
}

/** Renders an Express module: `cors` options per policy and a `corsMiddleware` that applies them. */
export function generateExpress(input: GenerateInput, scopes: readonly ScopedPolicy[]): GeneratedConfig {
  const ordered = byLongestPrefix(scopes);
  const code = `${comment(headerLines('Express (the `cors` package)', input, scopes), '//')}
//
// Usage, before your routes:
//   import { corsMiddleware } from './cors.js';
//   app.use(corsMiddleware);
import cors, { type CorsOptions } from 'cors';
import type { RequestHandler } from 'express';

interface CorsPolicy {
  readonly anyOrigin: boolean;
  readonly origins: readonly string[];
  readonly patterns: readonly RegExp[];
  readonly options: CorsOptions;
}

${scopes.map(policyConst).join('\n\n')}

${pathTable(ordered, 'CorsPolicy').join('\n')}

${IS_ALLOWED}

/** The \`cors\` middleware for one policy, with the two cases \`cors\` gets wrong made exact. */
function corsHandler(policy: CorsPolicy): RequestHandler {
  const answer = cors(policy.options);
  // \`cors\` treats every OPTIONS as a preflight; a plain OPTIONS gets the headers and reaches your routes.
  const passThrough = cors({ ...policy.options, preflightContinue: true });
  return (req, res, next) => {
    const origin = req.headers.origin;
    if (req.method === 'OPTIONS') {
      if (origin === undefined || req.headers['access-control-request-method'] === undefined) {
        passThrough(req, res, next);
        return;
      }
      if (!isAllowed(policy, origin)) {
        // A preflight from a refused origin: 403 and no CORS header (\`cors\` would answer 204 with its
        // method and header lists).
        res.vary('Origin');
        res.status(403).end();
        return;
      }
    }
    answer(req, res, next);
  };
}

const defaultHandler = corsHandler(defaultPolicy);
const pathHandlers = pathPolicies.map(([prefix, policy]) => [prefix, corsHandler(policy)] as const);

/** Applies the policy of the longest matching path prefix (or the default policy) to every request. */
export const corsMiddleware: RequestHandler = (req, res, next) => {
  const path = req.originalUrl.split('?')[0] ?? '/';
  const handler = pathHandlers.find(([prefix]) => path.startsWith(prefix))?.[1] ?? defaultHandler;
  handler(req, res, next);
};
`;
  return { target: 'express', language: 'typescript', filename: 'cors.ts', code };
}
