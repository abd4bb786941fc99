import { CorsguardError } from '../../core/errors/index.js';
import type { Policy } from '../../core/policy/index.js';
import type { PathPolicy, PolicyEnvironment, PolicyFile } from './types.js';

/**
 * The environment `name` of a policy file, or a USAGE error that lists the environments it has.
 *
 * @example
 * ```ts
 * getEnvironment(file, 'production').urls; // ['https://api.example.com/v1/me']
 * getEnvironment(file, 'prod');            // throws: no environment "prod" in cors.policy.yaml; it has: production, development
 * ```
 */
export function getEnvironment(file: PolicyFile, name: string): PolicyEnvironment {
  const env = file.environments.get(name);
  if (env) return env;
  const names = [...file.environments.keys()];
  throw new CorsguardError(
    'USAGE',
    `no environment ${JSON.stringify(name)} in ${file.fileName}; it has: ${names.join(', ')}. Pick one with --env ${names[0] ?? 'NAME'}`,
  );
}

/**
 * The path override that applies to a URL (or a URL path such as `/public/status`): the one whose `path`
 * is the longest prefix of the URL's path, or null when none matches.
 *
 * @example
 * ```ts
 * pathPolicyForUrl(env, 'https://api.example.com/public/status')?.path; // '/public/'
 * ```
 */
export function pathPolicyForUrl(env: PolicyEnvironment, url: string | URL): PathPolicy | null {
  const pathname = pathOf(url);
  let best: PathPolicy | null = null;
  for (const p of env.paths) {
    if (pathname.startsWith(p.path) && (best === null || p.path.length > best.path.length)) best = p;
  }
  return best;
}

/**
 * The policy a URL of an environment must follow: its longest-prefix path override, else the
 * environment's own policy. Prefixes are plain string prefixes of the URL's (percent-encoded) path:
 * `/public/` matches `/public/status`, `/public` also matches `/publications`.
 *
 * @example
 * ```ts
 * policyForUrl(env, 'https://api.example.com/public/status').anyOrigin; // true (paths: [{ path: /public/, origins: '*' }])
 * policyForUrl(env, 'https://api.example.com/v1/me').credentials;        // true
 * ```
 */
export function policyForUrl(env: PolicyEnvironment, url: string | URL): Policy {
  return pathPolicyForUrl(env, url)?.policy ?? env.policy;
}

function pathOf(url: string | URL): string {
  if (url instanceof URL) return url.pathname;
  if (url.startsWith('/')) return new URL(url, 'http://x').pathname;
  try {
    return new URL(url).pathname;
  } catch {
    throw new CorsguardError(
      'INVALID_URL',
      `${JSON.stringify(url)} is neither a URL nor a path; write https://api.example.com/v1/me or /v1/me`,
    );
  }
}
