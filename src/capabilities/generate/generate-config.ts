import { generateApache } from './apache.js';
import { generateCorsguard } from './corsguard.js';
import { djangoIssues, generateDjango } from './django.js';
import { generateExpress } from './express.js';
import { generateFastify } from './fastify.js';
import { generateHono } from './hono.js';
import { GenerateError, type GenerateIssue, type GenerateResult } from './issues.js';
import { generateNext } from './next.js';
import { generateNginx } from './nginx.js';
import { privateNetworkIssues, type ScopedPolicy, scopedPolicies, scopeIssues } from './shared.js';
import { GENERATE_TARGETS, type GeneratedConfig, type GenerateInput, type GenerateTarget } from './types.js';

const RENDER: Readonly<
  Record<GenerateTarget, (input: GenerateInput, scopes: readonly ScopedPolicy[]) => GeneratedConfig>
> = {
  nginx: generateNginx,
  apache: generateApache,
  express: generateExpress,
  fastify: generateFastify,
  hono: generateHono,
  next: generateNext,
  django: generateDjango,
  corsguard: generateCorsguard,
};

/** What the target itself cannot express (after what no target can). */
function targetIssues(target: GenerateTarget, scopes: readonly ScopedPolicy[]): GenerateIssue[] {
  switch (target) {
    case 'express':
    case 'fastify':
    case 'hono':
      return privateNetworkIssues(target, scopes);
    case 'django':
      return djangoIssues(scopes);
    default:
      return [];
  }
}

/**
 * Writes the CORS configuration of one server or framework for a policy (and optional path-prefix
 * policies, longest prefix wins): explicit allowlists, anchored and escaped regexes only for patterns,
 * credentials only when the policy says, `Vary: Origin` wherever the answer depends on Origin, exactly
 * the policy's methods and headers (never a copy of the request's), preflights answered 204 only for
 * allowed origins. What the target cannot express is returned as issues (`{ code, path, message, fix }`),
 * never as a configuration that differs from the policy; nothing throws.
 *
 * @example
 * ```ts
 * const policy = createPolicy({ origins: ['https://app.example.com'], credentials: true, methods: ['PUT'] });
 * const result = generate('nginx', { policy, env: 'production', source: 'cors.yaml' });
 * if (result.ok) result.config.filename; // 'cors.conf'
 * generate('django', { policy, paths: [{ path: '/public/', policy: createPolicy({ origins: '*' }) }] }).issues;
 * // [{ code: 'path-policies-unsupported', path: ['paths'], message: 'django-cors-headers applies one policy to every URL …', fix: … }]
 * ```
 */
export function generate(target: GenerateTarget, input: GenerateInput): GenerateResult {
  if (!(GENERATE_TARGETS as readonly string[]).includes(target)) {
    const issue: GenerateIssue = {
      code: 'target-unknown',
      path: ['target'],
      message: `unknown target ${JSON.stringify(target)}`,
      fix: `use one of ${GENERATE_TARGETS.join(', ')}`,
    };
    return { ok: false, issues: [issue] };
  }
  const scopes = scopedPolicies(input);
  const common = scopeIssues(target, scopes);
  const issues = common.length > 0 ? common : targetIssues(target, scopes);
  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, config: RENDER[target](input, scopes), issues: [] };
}

/**
 * {@link generate}, returning the configuration or throwing a `GenerateError` (code
 * `GENERATE_UNSUPPORTED`, with the `issues`) when the target cannot express the policy.
 *
 * @example
 * ```ts
 * const { filename, code } = generateConfig('nginx', { policy, env: 'production', source: 'cors.yaml' });
 * // filename: 'cors.conf'; code: map $http_origin $corsguard_default_origin { default ""; "https://app.example.com" … }
 * ```
 */
export function generateConfig(target: GenerateTarget, input: GenerateInput): GeneratedConfig {
  const result = generate(target, input);
  if (!result.ok) throw new GenerateError(target, result.issues);
  return result.config;
}
