import { CorsguardError } from '../../core/errors/index.js';
import { generateApache } from './apache.js';
import { generateCorsguard } from './corsguard.js';
import { generateDjango } from './django.js';
import { generateExpress } from './express.js';
import { generateFastify } from './fastify.js';
import { generateHono } from './hono.js';
import { generateNext } from './next.js';
import { generateNginx } from './nginx.js';
import { scopedPolicies } from './shared.js';
import { GENERATE_TARGETS, type GeneratedConfig, type GenerateInput, type GenerateTarget } from './types.js';

/**
 * Writes the CORS configuration of one server or framework for a policy (and optional path-prefix
 * policies, longest prefix wins): explicit allowlists, anchored and escaped regexes only for patterns,
 * credentials only when the policy says, `Vary: Origin` wherever the answer depends on Origin, exactly
 * the policy's methods and headers (never a copy of the request's), preflights answered 204 only for
 * allowed origins. Throws `CorsguardError('USAGE')` naming what the target cannot express and the fix,
 * rather than returning a configuration that differs from the policy.
 *
 * @example
 * ```ts
 * const policy = createPolicy({ origins: ['https://app.example.com'], credentials: true, methods: ['PUT'] });
 * const { filename, code } = generateConfig('nginx', { policy, env: 'production', source: 'cors.yaml' });
 * // filename: 'cors.conf'; code: map $http_origin $corsguard_default_origin { default ""; "https://app.example.com" … }
 * generateConfig('django', { policy, paths: [{ path: '/public/', policy: createPolicy({ origins: '*' }) }] });
 * // throws CorsguardError USAGE: django-cors-headers applies one policy to every URL …
 * ```
 */
export function generateConfig(target: GenerateTarget, input: GenerateInput): GeneratedConfig {
  const scopes = scopedPolicies(target, input);
  switch (target) {
    case 'nginx':
      return generateNginx(input, scopes);
    case 'apache':
      return generateApache(input, scopes);
    case 'express':
      return generateExpress(input, scopes);
    case 'fastify':
      return generateFastify(input, scopes);
    case 'hono':
      return generateHono(input, scopes);
    case 'next':
      return generateNext(input, scopes);
    case 'django':
      return generateDjango(input, scopes);
    case 'corsguard':
      return generateCorsguard(input, scopes);
    default:
      throw new CorsguardError(
        'USAGE',
        `unknown target ${JSON.stringify(target)}; use one of ${GENERATE_TARGETS.join(', ')}`,
      );
  }
}
