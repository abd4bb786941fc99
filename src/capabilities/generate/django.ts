import { escapeRegex } from '../../core/origin/index.js';
import type { GenerateIssue } from './issues.js';
import {
  allowHeaders,
  allowMethods,
  comment,
  exactOrigins,
  headerLines,
  issuePath,
  patternRegexes,
  type ScopedPolicy,
  where,
} from './shared.js';
import type { GeneratedConfig, GenerateInput } from './types.js';

function py(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

function pyList(items: readonly string[], raw = false): string {
  if (items.length === 0) return '[]';
  return `[\n${items.map((i) => `    ${raw ? `r"${i}"` : py(i)},`).join('\n')}\n]`;
}

function settings(scope: ScopedPolicy): string {
  const { policy } = scope;
  const lines: string[] = [];
  if (policy.anyOrigin) {
    lines.push(
      '# Any origin may read, anonymously: Access-Control-Allow-Origin: *.',
      'CORS_ALLOW_ALL_ORIGINS = True',
    );
  } else {
    lines.push(
      '# Never allow all: with credentials django-cors-headers would reflect any Origin.',
      'CORS_ALLOW_ALL_ORIGINS = False',
      '# Exact origins (scheme://host[:port]).',
      `CORS_ALLOWED_ORIGINS = ${pyList(exactOrigins(policy))}`,
      '# Patterns, matched with re.match: anchored (^…\\Z, as $ would also match before a newline), dots escaped, whole DNS labels only.',
      `CORS_ALLOWED_ORIGIN_REGEXES = ${pyList(patternRegexes(policy, 'python'), true)}`,
    );
  }
  lines.push(
    `CORS_ALLOW_CREDENTIALS = ${policy.credentials ? 'True' : 'False'}`,
    "# Exactly the policy's methods and request headers (the defaults allow DELETE, PATCH, PUT and",
    '# authorization, x-csrftoken, …).',
    `CORS_ALLOW_METHODS = ${pyList(allowMethods(policy))}`,
    `CORS_ALLOW_HEADERS = ${pyList(allowHeaders(policy))}`,
    `CORS_EXPOSE_HEADERS = ${pyList(policy.exposeHeaders)}`,
    policy.maxAge === null
      ? '# 0 = Access-Control-Max-Age is not sent, as the policy says (the default would send 86400).'
      : '# Seconds a browser may cache an allowed preflight (the default is 86400).',
    `CORS_PREFLIGHT_MAX_AGE = ${policy.maxAge ?? 0}`,
  );
  return lines.join('\n');
}

/** The scopes whose settings are written: the default policy alone, or (CORS_URLS_REGEX) the path policies. */
function written(scopes: readonly ScopedPolicy[]): readonly ScopedPolicy[] {
  return scopes.length > 1 ? scopes.slice(1) : scopes;
}

function settingsIssues(scopes: readonly ScopedPolicy[], scope: ScopedPolicy): GenerateIssue[] {
  const issues: GenerateIssue[] = [];
  if (scope.policy.privateNetwork) {
    issues.push({
      code: 'private-network-unsupported',
      path: issuePath(scopes, scope, 'privateNetwork'),
      message: `${where(scope)} has privateNetwork: true, but django-cors-headers 3.x cannot send Access-Control-Allow-Private-Network`,
      fix: 'drop privateNetwork, or answer CORS in nginx/Apache in front of Django (corsguard generate --target nginx)',
    });
  }
  if (scope.policy.maxAge === 0) {
    issues.push({
      code: 'max-age-zero-unsupported',
      path: issuePath(scopes, scope, 'maxAge'),
      message: `${where(scope)} has maxAge: 0, but django-cors-headers omits Access-Control-Max-Age when CORS_PREFLIGHT_MAX_AGE is 0 (browsers then cache 5 s)`,
      fix: 'use maxAge: 1, or leave maxAge out',
    });
  }
  return issues;
}

/**
 * What django-cors-headers cannot express: Private Network Access, `maxAge: 0`, and path policies unless
 * the default policy allows no origin and every path policy is the same.
 */
export function djangoIssues(scopes: readonly ScopedPolicy[]): GenerateIssue[] {
  const issues = written(scopes).flatMap((s) => settingsIssues(scopes, s));
  const [base, ...paths] = scopes;
  if (issues.length > 0 || base === undefined || paths.length === 0) return issues;
  const first = paths[0] as ScopedPolicy;
  const same = paths.every((p) => settings(p) === settings(first));
  const baseClosed = !base.policy.anyOrigin && base.policy.rules.length === 0;
  if (same && baseClosed) return [];
  return [
    {
      code: 'path-policies-unsupported',
      path: ['paths'],
      message: `django-cors-headers applies one policy to every URL: it cannot give ${paths.map((p) => p.path).join(', ')} a policy different from ${baseClosed ? 'each other' : 'the default policy'}`,
      fix: 'give the default policy no origin and every path the same policy (CORS_URLS_REGEX then limits CORS to those paths), generate one settings module per Django project, or answer CORS in nginx/Apache in front of Django (corsguard generate --target nginx)',
    },
  ];
}

/**
 * Renders django-cors-headers settings. django-cors-headers applies one policy to every URL that
 * `CORS_URLS_REGEX` matches, so path policies are accepted only when the default policy allows no origin
 * and every path policy is the same (see {@link djangoIssues}, checked before): `CORS_URLS_REGEX` then
 * limits CORS to those paths.
 */
export function generateDjango(input: GenerateInput, scopes: readonly ScopedPolicy[]): GeneratedConfig {
  const paths = scopes.slice(1);
  const active = written(scopes)[0] as ScopedPolicy;
  const urlsRegex =
    paths.length === 0 ? '^.*$' : `^(${paths.map((p) => escapeRegex(p.path as string)).join('|')})`;
  const code = `${comment(headerLines('Django (django-cors-headers 3.x)', input, scopes), '#')}
#
# Usage: paste into settings.py (or import * from this module), with
#   INSTALLED_APPS += ["corsheaders"]
#   MIDDLEWARE = ["corsheaders.middleware.CorsMiddleware", ...]  # before CommonMiddleware
# These names replace the pre-3.2 ones (CORS_ORIGIN_WHITELIST, CORS_ORIGIN_ALLOW_ALL, …): remove those.
# Limits: django-cors-headers answers preflights 200 (not 204), from refused origins too (without
# Access-Control-Allow-Origin, so browsers refuse them), and sends the credentials header on every
# CORS response; Vary: Origin is added to every response.

# The paths CORS applies to (re.match on the path).
CORS_URLS_REGEX = r"${urlsRegex}"
${settings(active)}
`;
  return { target: 'django', language: 'python', filename: 'cors_settings.py', code };
}
