import { CORS_RESPONSE_HEADER_NAMES } from '../../core/browser/index.js';
import { originRegex } from '../../core/origin/index.js';
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

/** The line that separates the `http { }` part from the `server { }` part of the nginx output. */
export const NGINX_SERVER_PART = '# ---- Part 2 of 2: inside your server { } block ----';
/** The placeholder upstream every generated location proxies to. */
export const NGINX_UPSTREAM = 'http://127.0.0.1:8000';

function q(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

// nginx keeps `\.` etc. inside quoted strings as written; only `\\`, `\"`, `\'`, \t \r \n are escapes.
function qRegex(source: string): string {
  return `"~${source}"`;
}

function maps(scope: ScopedPolicy): string {
  const { policy, id } = scope;
  const v = (name: string) => `$corsguard_${id}_${name}`;
  const out: string[] = [];
  const title = scope.path === null ? 'Default policy' : `Policy for ${scope.path}`;
  out.push(`# ${title}.`);
  if (policy.anyOrigin) {
    out.push(
      '# Any origin may read anonymously: the answer is the same "*" for everyone (no Vary: Origin needed).',
      `map $http_origin ${v('origin')} {`,
      '    default "*";',
      '}',
    );
  } else {
    out.push(
      '# The allowed origin, or "" (nginx sends no header whose value is empty, so a refused origin gets no',
      '# CORS header at all). Exact origins are compared as strings and answered with the canonical value;',
      '# patterns are anchored (^…\\z) with every dot escaped, so app.example.com.evil.tld never matches.',
      `map $http_origin ${v('origin')} {`,
      '    default "";',
    );
    for (const origin of exactOrigins(policy)) out.push(`    ${q(origin)} ${q(origin)};`);
    for (const rule of policy.rules) {
      if (rule.kind !== 'exact') out.push(`    ${qRegex(originRegex(rule, 'pcre'))} $http_origin;`);
    }
    out.push('}');
  }
  out.push(
    '# "allow": a preflight from an allowed origin (answered 204 here); "refuse": a preflight from any other',
    '# origin (403, no CORS header); "": not a preflight, the application answers.',
    `map "$corsguard_preflight|${v('origin')}" ${v('preflight')} {`,
    '    default "";',
    '    "~^1\\|." allow;',
    '    "1|" refuse;',
    '}',
  );
  if (policy.credentials) {
    out.push(
      '# Credentials only together with an allowed, exact Access-Control-Allow-Origin.',
      `map ${v('origin')} ${v('credentials')} {`,
      '    default "";',
      '    "~." "true";',
      '}',
    );
  }
  const preflightValue = (name: string, value: string, why: string) => {
    out.push(
      `# ${why}`,
      `map ${v('preflight')} ${v(name)} {`,
      '    default "";',
      `    allow ${q(value)};`,
      '}',
    );
  };
  const methods = allowMethods(policy);
  preflightValue(
    'methods',
    methods.join(', '),
    policy.anyMethod ? 'Any method (anonymous policy).' : 'Exactly the methods of the policy.',
  );
  const headers = allowHeaders(policy);
  if (headers.length > 0) {
    preflightValue(
      'headers',
      headers.join(', '),
      policy.anyRequestHeader
        ? 'Any request header ("*", anonymous policy): never a copy of Access-Control-Request-Headers.'
        : 'Exactly the request headers of the policy: never a copy of Access-Control-Request-Headers.',
    );
  }
  if (policy.maxAge !== null) {
    preflightValue('max_age', String(policy.maxAge), 'How long a browser may cache an allowed preflight.');
  }
  if (policy.exposeHeaders.length > 0) {
    out.push(
      '# Exposed response headers, on allowed non-preflight responses.',
      `map "${v('preflight')}|${v('origin')}" ${v('expose')} {`,
      '    default "";',
      `    "~^\\|." ${q(policy.exposeHeaders.join(', '))};`,
      '}',
    );
  }
  if (policy.privateNetwork) {
    out.push(
      '# Private Network Access: only for exactly listed origins (never a pattern), when the preflight asks.',
      `map $http_origin ${v('listed')} {`,
      '    default 0;',
      ...exactOrigins(policy).map((o) => `    ${q(o)} 1;`),
      '}',
      `map "${v('preflight')}|${v('listed')}|$http_access_control_request_private_network" ${v('private_network')} {`,
      '    default "";',
      '    "allow|1|true" "true";',
      '}',
    );
  }
  return out.join('\n');
}

function location(scope: ScopedPolicy): string {
  const { policy, id } = scope;
  const v = (name: string) => `$corsguard_${id}_${name}`;
  // ^~: a path prefix wins over regex locations too, so no other block answers these paths.
  const head = scope.path === null ? 'location / {' : `location ^~ ${scope.path} {`;
  const lines: string[] = [
    head,
    '    # A preflight is answered here, before the application: 204 for an allowed origin, 403 with no',
    '    # CORS header for any other. A plain OPTIONS (no Access-Control-Request-Method) reaches the app.',
    '    # (`if` with only `return` inside is the safe use of `if` in a location.)',
    `    if (${v('preflight')} = refuse) { return 403; }`,
    `    if (${v('preflight')} = allow) { return 204; }`,
    '',
    '    # add_header in a location replaces EVERY add_header inherited from server { } and http { }:',
    '    # repeat here any other add_header you rely on (HSTS, CSP…). `always` also covers 4xx/5xx.',
    `    add_header Access-Control-Allow-Origin ${v('origin')} always;`,
  ];
  if (policy.credentials)
    lines.push(`    add_header Access-Control-Allow-Credentials ${v('credentials')} always;`);
  lines.push(`    add_header Access-Control-Allow-Methods ${v('methods')} always;`);
  if (allowHeaders(policy).length > 0)
    lines.push(`    add_header Access-Control-Allow-Headers ${v('headers')} always;`);
  if (policy.maxAge !== null) lines.push(`    add_header Access-Control-Max-Age ${v('max_age')} always;`);
  if (policy.privateNetwork)
    lines.push(`    add_header Access-Control-Allow-Private-Network ${v('private_network')} always;`);
  if (policy.exposeHeaders.length > 0)
    lines.push(`    add_header Access-Control-Expose-Headers ${v('expose')} always;`);
  if (!policy.anyOrigin) {
    lines.push(
      '    # The answer depends on Origin: every response says so, or a shared cache could serve one',
      "    # origin's answer to another.",
      '    add_header Vary Origin always;',
    );
  }
  lines.push(
    '    add_header Vary $corsguard_vary_preflight always;',
    '',
    '    # Your application (replace with your upstream). Its own CORS headers are dropped: nginx answers.',
    `    proxy_pass ${NGINX_UPSTREAM};`,
    ...CORS_RESPONSE_HEADER_NAMES.map((h) => `    proxy_hide_header ${h};`),
    '}',
  );
  return lines.join('\n');
}

/** Renders the nginx configuration: `map`s for the `http { }` context, then one `location` per policy. */
export function generateNginx(input: GenerateInput, scopes: readonly ScopedPolicy[]): GeneratedConfig {
  const ordered = byLongestPrefix(scopes);
  const code = [
    comment(headerLines('nginx', input, scopes), '#'),
    '#',
    '# Part 1 goes in the http { } context (map is only allowed there, e.g. a conf.d/ file); part 2',
    '# inside the server { } block of the API, replacing its location blocks for these paths.',
    '',
    '# ---- Part 1 of 2: the http { } context ----',
    '',
    '# A CORS preflight is OPTIONS with Access-Control-Request-Method and an Origin. Any other OPTIONS',
    '# is an ordinary request for the application.',
    'map "$request_method|$http_access_control_request_method" $corsguard_options_acrm {',
    '    default 0;',
    '    "~^OPTIONS\\|." 1;',
    '}',
    'map "$corsguard_options_acrm|$http_origin" $corsguard_preflight {',
    '    default 0;',
    '    "~^1\\|." 1;',
    '}',
    '# A preflight answer also depends on the requested method and headers.',
    'map $corsguard_preflight $corsguard_vary_preflight {',
    '    default "";',
    '    1 "Access-Control-Request-Method, Access-Control-Request-Headers";',
    '}',
    '',
    ordered.map(maps).join('\n\n'),
    '',
    NGINX_SERVER_PART,
    '',
    ordered.map(location).join('\n\n'),
    '',
  ].join('\n');
  return { target: 'nginx', language: 'nginx', filename: 'cors.conf', code };
}
