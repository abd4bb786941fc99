import { escapeRegex, originRegex } from '../../core/origin/index.js';
import {
  allowHeaders,
  allowMethods,
  byLongestPrefix,
  comment,
  headerLines,
  type ScopedPolicy,
} from './shared.js';
import type { GeneratedConfig, GenerateInput } from './types.js';

// Apache keeps every backslash in a quoted argument except one before the quote character.
function quote(text: string): string {
  return `"${text.replace(/"/g, '\\"')}"`;
}

/**
 * The section a policy applies in. Without path policies, `<Location "/">`. With them, each policy gets a
 * `<LocationMatch>` that excludes the longer prefixes, so exactly one section applies to any request:
 * Apache would otherwise merge the `Header` and `SetEnvIf` lines of every matching `<Location>`.
 */
function section(scope: ScopedPolicy, all: readonly ScopedPolicy[]): { open: string; close: string } {
  if (all.length === 1) return { open: '<Location "/">', close: '</Location>' };
  const prefix = scope.path ?? '/';
  const longer = all
    .map((s) => s.path)
    .filter((p): p is string => p !== null && p !== prefix && p.startsWith(prefix))
    .map((p) => escapeRegex(p.slice(prefix.length)));
  const exclude = longer.length === 0 ? '' : `(?!${longer.join('|')})`;
  return { open: `<LocationMatch "^${escapeRegex(prefix)}${exclude}">`, close: '</LocationMatch>' };
}

function block(scope: ScopedPolicy, all: readonly ScopedPolicy[]): string {
  const { policy } = scope;
  const { open, close } = section(scope, all);
  const l: string[] = [
    `# ${scope.path === null ? (all.length > 1 ? 'Default policy (every other path)' : 'The policy') : `Policy for ${scope.path}`}.`,
    open,
  ];
  if (!policy.anyOrigin) {
    l.push(
      '    # The allowlist: CORSGUARD_ORIGIN is set to the request Origin only when it matches an entry.',
      '    # Every regex is anchored (^…\\z) with dots escaped; case-sensitive, as browsers send lower case.',
    );
    for (const rule of policy.rules) {
      l.push(`    SetEnvIf Origin ${quote(originRegex(rule, 'pcre'))} CORSGUARD_ORIGIN=$0`);
    }
    if (policy.rules.length === 0) l.push('    # (no origin is allowed)');
  }
  if (policy.privateNetwork) {
    l.push('    # Private Network Access is granted to exactly listed origins only (never a pattern).');
    for (const rule of policy.rules) {
      if (rule.kind === 'exact')
        l.push(`    SetEnvIf Origin ${quote(originRegex(rule, 'pcre'))} CORSGUARD_LISTED=1`);
    }
  }
  const allowed = policy.anyOrigin ? '%{HTTP:Origin}' : '%{ENV:CORSGUARD_ORIGIN}';
  l.push(
    '',
    '    # A preflight (OPTIONS + Origin + Access-Control-Request-Method) is answered here: 204 for an',
    '    # allowed origin, 403 with no CORS header for any other. A plain OPTIONS reaches the application.',
    '    RewriteEngine On',
    '    RewriteCond %{REQUEST_METHOD} =OPTIONS',
    '    RewriteCond %{HTTP:Access-Control-Request-Method} .',
    `    RewriteCond ${allowed} .`,
    '    RewriteRule ^ - [E=CORSGUARD_PREFLIGHT:1,R=204,L]',
    '    RewriteCond %{REQUEST_METHOD} =OPTIONS',
    '    RewriteCond %{HTTP:Access-Control-Request-Method} .',
    '    RewriteCond %{HTTP:Origin} .',
    '    RewriteRule ^ - [F,L]',
    '',
    '    # The application must not send its own CORS headers: Apache answers.',
    '    Header unset Access-Control-Allow-Origin',
    '    Header unset Access-Control-Allow-Credentials',
  );
  if (policy.anyOrigin) {
    l.push(
      '    # Any origin may read anonymously: the same "*" for everyone, so no Vary: Origin is needed.',
      '    Header always set Access-Control-Allow-Origin "*"',
    );
  } else {
    l.push(
      '    # The allowed origin itself (never "*", never a copy of an unchecked Origin); nothing when refused.',
      '    Header always set Access-Control-Allow-Origin "%{CORSGUARD_ORIGIN}e" env=CORSGUARD_ORIGIN',
    );
    if (policy.credentials) {
      l.push(
        '    # Credentials only together with an allowed origin.',
        '    Header always set Access-Control-Allow-Credentials "true" env=CORSGUARD_ORIGIN',
      );
    }
  }
  l.push(
    '    # Preflight answers: exactly the methods and request headers of the policy.',
    `    Header always set Access-Control-Allow-Methods ${quote(allowMethods(policy).join(', '))} env=CORSGUARD_PREFLIGHT`,
  );
  const headers = allowHeaders(policy);
  if (headers.length > 0) {
    l.push(
      `    Header always set Access-Control-Allow-Headers ${quote(headers.join(', '))} env=CORSGUARD_PREFLIGHT`,
    );
  }
  if (policy.maxAge !== null) {
    l.push(
      `    Header always set Access-Control-Max-Age ${quote(String(policy.maxAge))} env=CORSGUARD_PREFLIGHT`,
    );
  }
  if (policy.privateNetwork) {
    l.push(
      `    Header always set Access-Control-Allow-Private-Network "true" "expr=-n reqenv('CORSGUARD_PREFLIGHT') && -n reqenv('CORSGUARD_LISTED') && req('Access-Control-Request-Private-Network') == 'true'"`,
    );
  }
  if (policy.exposeHeaders.length > 0) {
    const cond = policy.anyOrigin
      ? 'env=!CORSGUARD_PREFLIGHT'
      : `"expr=-n reqenv('CORSGUARD_ORIGIN') && -z reqenv('CORSGUARD_PREFLIGHT')"`;
    l.push(
      '    # Response headers script may read, on allowed non-preflight responses.',
      `    Header always set Access-Control-Expose-Headers ${quote(policy.exposeHeaders.join(', '))} ${cond}`,
    );
  }
  if (!policy.anyOrigin) {
    l.push(
      '    # The answer depends on Origin: every response says so, or a shared cache could serve one',
      "    # origin's answer to another.",
      '    Header always merge Vary Origin',
    );
  }
  l.push(
    '    Header always merge Vary "Access-Control-Request-Method, Access-Control-Request-Headers" env=CORSGUARD_PREFLIGHT',
    close,
  );
  return l.join('\n');
}

/** Renders the Apache 2.4 configuration: one `<Location>`/`<LocationMatch>` section per policy. */
export function generateApache(input: GenerateInput, scopes: readonly ScopedPolicy[]): GeneratedConfig {
  const code = [
    comment(headerLines('Apache httpd 2.4', input, scopes), '#'),
    '#',
    '# Needs mod_headers, mod_setenvif and mod_rewrite (a2enmod headers setenvif rewrite). Put it inside',
    '# the <VirtualHost> of the API. Other <Location> sections with Header lines for these paths would',
    '# be merged with these: keep CORS in this file only.',
    '',
    byLongestPrefix(scopes)
      .map((s) => block(s, scopes))
      .join('\n\n'),
    '',
  ].join('\n');
  return { target: 'apache', language: 'apache', filename: 'cors.conf', code };
}
