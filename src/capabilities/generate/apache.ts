import { escapeRegex, literalSetRegex, originRegex } from '../../core/origin/index.js';
import {
  allowHeaders,
  allowMethods,
  byLongestPrefix,
  comment,
  exactOrigins,
  headerLines,
  type ScopedPolicy,
} from './shared.js';
import type { GeneratedConfig, GenerateInput } from './types.js';

// Up to this many exact origins get a readable line each; a longer allowlist is grouped, each group's
// regex kept well under Apache's (and any editor's) comfortable line length.
const GROUP_ABOVE = 50;
const GROUP_CHARS = 3000;

function groups(origins: readonly string[]): string[][] {
  const out: string[][] = [];
  let current: string[] = [];
  let size = 0;
  for (const o of origins) {
    if (current.length > 0 && size + o.length > GROUP_CHARS) {
      out.push(current);
      current = [];
      size = 0;
    }
    current.push(o);
    size += o.length;
  }
  if (current.length > 0) out.push(current);
  return out;
}

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

/** Names of the environment variables of one policy (suffixed when a file has several). */
function vars(index: number, all: readonly ScopedPolicy[]): { origin: string; listed: string } {
  const suffix = all.length === 1 ? '' : `_${index + 1}`;
  return { origin: `CORSGUARD_ORIGIN${suffix}`, listed: `CORSGUARD_LISTED${suffix}` };
}

function scopeName(scope: ScopedPolicy, all: readonly ScopedPolicy[]): string {
  if (scope.path !== null) return `the policy for ${scope.path}`;
  return all.length > 1 ? 'the default policy' : 'the policy';
}

/**
 * Virtual-host-level lines: they run when the request is read (mod_setenvif's post-read-request hook),
 * before Apache picks the <Location> sections, so the <If> sections below can test them. Setting a
 * variable does nothing else; each <Location> reads only its own.
 */
function classify(ordered: readonly ScopedPolicy[], all: readonly ScopedPolicy[]): string[] {
  const l = [
    '# A CORS preflight (Fetch: OPTIONS with Origin and Access-Control-Request-Method).',
    `SetEnvIfExpr "%{REQUEST_METHOD} == 'OPTIONS' && -n req('Access-Control-Request-Method') && -n req('Origin')" CORSGUARD_PREFLIGHT=1`,
  ];
  ordered.forEach((scope) => {
    const { policy } = scope;
    const v = vars(all.indexOf(scope), all);
    if (!policy.anyOrigin) {
      l.push(
        `# The allowlist of ${scopeName(scope, all)}: ${v.origin} is set to the request Origin only when it`,
        '# matches an entry. Every regex is anchored (^…\\z) with dots escaped; case-sensitive, as browsers',
        '# send lower case.',
      );
      const exact = exactOrigins(policy);
      const grouped = exact.length > GROUP_ABOVE;
      if (grouped) {
        l.push(
          `# ${exact.length} exact origins, grouped: each line is one trie-shaped regex for many origins, so a`,
          '# request is matched in a few passes over its Origin instead of one regex per origin.',
        );
        for (const group of groups(exact)) {
          l.push(`SetEnvIf Origin ${quote(literalSetRegex(group, 'pcre'))} ${v.origin}=$0`);
        }
      }
      for (const rule of policy.rules) {
        if (grouped && rule.kind === 'exact') continue;
        l.push(`SetEnvIf Origin ${quote(originRegex(rule, 'pcre'))} ${v.origin}=$0`);
      }
      if (policy.rules.length === 0) l.push('# (no origin is allowed)');
    }
    if (policy.privateNetwork) {
      l.push('# Private Network Access is granted to exactly listed origins only (never a pattern).');
      for (const origin of exactOrigins(policy)) {
        l.push(`SetEnvIf Origin ${quote(originRegex({ kind: 'exact', origin }, 'pcre'))} ${v.listed}=1`);
      }
    }
  });
  return l;
}

function block(scope: ScopedPolicy, all: readonly ScopedPolicy[]): string {
  const { policy } = scope;
  const { open, close } = section(scope, all);
  const v = vars(all.indexOf(scope), all);
  const allowedPreflight = policy.anyOrigin
    ? 'env=CORSGUARD_PREFLIGHT'
    : `"expr=-n reqenv('CORSGUARD_PREFLIGHT') && -n reqenv('${v.origin}')"`;
  const l: string[] = [
    `# ${scope.path === null ? (all.length > 1 ? 'Default policy (every other path)' : 'The policy') : `Policy for ${scope.path}`}.`,
    open,
    '    # A preflight is answered here, never by the application: 204 for an allowed origin, 403 with no',
    '    # CORS header for any other. mod_alias and <If> answer it, not mod_rewrite, so this works whatever',
    '    # "Options" the document root has (RewriteRule here would need FollowSymLinks). A preflight never',
    '    # carries credentials (Fetch), so an allowed one is let through authorization. A plain OPTIONS',
    '    # reaches the application.',
    '    <If "-n reqenv(\'CORSGUARD_PREFLIGHT\')">',
  ];
  if (policy.anyOrigin) {
    l.push('        Require all granted', '        Redirect 204');
  } else {
    l.push(
      `        <If "-n reqenv('${v.origin}')">`,
      '            Require all granted',
      '            Redirect 204',
      '        </If>',
      '        <Else>',
      '            Require all denied',
      '        </Else>',
    );
  }
  l.push(
    '    </If>',
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
      `    Header always set Access-Control-Allow-Origin "%{${v.origin}}e" env=${v.origin}`,
    );
    if (policy.credentials) {
      l.push(
        '    # Credentials only together with an allowed origin.',
        `    Header always set Access-Control-Allow-Credentials "true" env=${v.origin}`,
      );
    }
  }
  l.push(
    '    # Preflight answers: exactly the methods and request headers of the policy.',
    `    Header always set Access-Control-Allow-Methods ${quote(allowMethods(policy).join(', '))} ${allowedPreflight}`,
  );
  const headers = allowHeaders(policy);
  if (headers.length > 0) {
    l.push(
      `    Header always set Access-Control-Allow-Headers ${quote(headers.join(', '))} ${allowedPreflight}`,
    );
  }
  if (policy.maxAge !== null) {
    l.push(
      `    Header always set Access-Control-Max-Age ${quote(String(policy.maxAge))} ${allowedPreflight}`,
    );
  }
  if (policy.privateNetwork) {
    l.push(
      `    Header always set Access-Control-Allow-Private-Network "true" "expr=-n reqenv('CORSGUARD_PREFLIGHT') && -n reqenv('${v.listed}') && req('Access-Control-Request-Private-Network') == 'true'"`,
    );
  }
  if (policy.exposeHeaders.length > 0) {
    const cond = policy.anyOrigin
      ? 'env=!CORSGUARD_PREFLIGHT'
      : `"expr=-n reqenv('${v.origin}') && -z reqenv('CORSGUARD_PREFLIGHT')"`;
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
    '# Needs mod_headers, mod_setenvif, mod_alias and mod_authz_core (a2enmod headers setenvif alias;',
    '# Apache 2.4.26 or later for nested <If>). Put the whole file inside the <VirtualHost> of the API',
    '# (not in a <Directory> or .htaccess: the SetEnvIf lines must run before <Location> sections are',
    '# chosen). Other <Location> sections with Header lines for these paths would be merged with these:',
    '# keep CORS in this file only.',
    '',
    classify(byLongestPrefix(scopes), scopes).join('\n'),
    '',
    byLongestPrefix(scopes)
      .map((s) => block(s, scopes))
      .join('\n\n'),
    '',
  ].join('\n');
  return { target: 'apache', language: 'apache', filename: 'cors.conf', code };
}
