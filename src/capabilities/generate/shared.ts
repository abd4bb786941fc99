import { originRegex, patternText, type RegexDialect } from '../../core/origin/index.js';
import type { Policy } from '../../core/policy/index.js';
import type { GenerateIssue } from './issues.js';
import type { GenerateInput, GenerateTarget, PathPolicy } from './types.js';

/** One policy of a generated configuration: the default (`path: null`) or a path prefix. */
export interface ScopedPolicy {
  /** The path prefix, or null for the default policy (every other path). */
  readonly path: string | null;
  readonly policy: Policy;
  /** A short identifier usable in variable names: `default`, `p1`, `p2`… */
  readonly id: string;
}

const SAFE_PATH = /^\/[A-Za-z0-9._~%/-]*$/;
/** The exact origins of a policy (no regex needed for these). */
export function exactOrigins(policy: Policy): string[] {
  return policy.rules.flatMap((r) => (r.kind === 'exact' ? [r.origin] : []));
}

/** The regexes a policy needs in a dialect: one per pattern rule (exact origins are compared as strings). */
export function patternRegexes(policy: Policy, dialect: RegexDialect = 'js'): string[] {
  return policy.rules.flatMap((r) => (r.kind === 'exact' ? [] : [originRegex(r, dialect)]));
}

/** The origins of a policy as written in a policy file, or `'*'`. */
export function originsInput(policy: Policy): string[] | '*' {
  return policy.anyOrigin ? '*' : policy.rules.map(patternText);
}

/** The methods a preflight may ask for, as a static list: the safelisted ones plus the policy's. */
export function allowMethods(policy: Policy): string[] {
  if (policy.anyMethod) return ['*'];
  return [...new Set(['GET', 'HEAD', 'POST', ...policy.methods])];
}

/**
 * The request headers a preflight may ask for, as a static list (`[]` for none). `['*']` for any, plus
 * `authorization` when the policy lists it: Fetch's `*` never covers `Authorization`.
 */
export function allowHeaders(policy: Policy): string[] {
  return policy.anyRequestHeader ? ['*', ...policy.requestHeaders] : [...policy.requestHeaders];
}

/** The default policy first, then each path policy; ids are stable. */
export function scopedPolicies(input: GenerateInput): ScopedPolicy[] {
  const paths: readonly PathPolicy[] = input.paths ?? [];
  return [
    { path: null, policy: input.policy, id: 'default' },
    ...paths.map((p, i) => ({ path: p.path, policy: p.policy, id: `p${i + 1}` })),
  ];
}

/** Where in the generate input a key of a scope's policy is: `['maxAge']` or `['paths', 0, 'maxAge']`. */
export function issuePath(
  scopes: readonly ScopedPolicy[],
  scope: ScopedPolicy,
  key: string,
): (string | number)[] {
  return scope.path === null ? [key] : ['paths', scopes.indexOf(scope) - 1, key];
}

/**
 * What no target can express: path prefixes that are not plain URL paths (or are listed twice), and a
 * dynamic origin callback.
 */
export function scopeIssues(target: GenerateTarget, scopes: readonly ScopedPolicy[]): GenerateIssue[] {
  const issues: GenerateIssue[] = [];
  const seen = new Set<string>();
  scopes.forEach((s, i) => {
    if (s.path === null) return;
    const at = ['paths', i - 1, 'path'];
    if (!SAFE_PATH.test(s.path)) {
      issues.push({
        code: 'path-invalid',
        path: at,
        message: `${JSON.stringify(s.path)} is not a plain URL-path prefix`,
        fix: 'write it like /public/ (letters, digits, . _ ~ % - and /)',
      });
    } else if (seen.has(s.path)) {
      issues.push({
        code: 'path-duplicate',
        path: at,
        message: `${s.path} is listed twice`,
        fix: 'keep one policy per path prefix',
      });
    }
    seen.add(s.path);
  });
  if (target !== 'corsguard') issues.push(...dangerousWildcardIssues(target, scopes));
  for (const s of scopes) {
    if (s.policy.unsafeDynamicOrigin !== null) {
      issues.push({
        code: 'dynamic-origin-unsupported',
        path: issuePath(scopes, s, 'unsafeDynamicOrigin'),
        message: `${where(s)} has an unsafeDynamicOrigin callback, which a ${target} configuration cannot express`,
        fix: "list the origins instead, or use corsguard's middleware, which runs the callback",
      });
    }
  }
  return issues;
}

/** Path policies ordered longest prefix first (the order to test them in), then the default. */
export function byLongestPrefix(scopes: readonly ScopedPolicy[]): ScopedPolicy[] {
  const paths = scopes.filter((s) => s.path !== null);
  paths.sort((a, b) => (b.path as string).length - (a.path as string).length);
  return [...paths, ...scopes.filter((s) => s.path === null)];
}

/** "the default policy" or "the policy for /public/". */
export function where(scope: ScopedPolicy): string {
  return scope.path === null ? 'the default policy' : `the policy for ${scope.path}`;
}

/**
 * `dangerouslyAllowAnyMethodAndHeaderWithCredentials`, for targets whose static headers cannot echo the
 * requested method and headers while still refusing `Authorization` unless listed (all but corsguard).
 */
export function dangerousWildcardIssues(
  target: GenerateTarget,
  scopes: readonly ScopedPolicy[],
): GenerateIssue[] {
  return scopes
    .filter((s) => s.policy.dangerouslyAllowAnyMethodAndHeaderWithCredentials)
    .map((s) => ({
      code: 'dangerous-wildcards-unsupported',
      path: issuePath(scopes, s, 'dangerouslyAllowAnyMethodAndHeaderWithCredentials'),
      message: `${where(s)} has dangerouslyAllowAnyMethodAndHeaderWithCredentials: true, which ${target} cannot express: with credentials, browsers read "*" literally, so the answer must echo each preflight's method and headers (still refusing Authorization unless listed)`,
      fix: 'list the methods and headers instead, or generate for corsguard (its middleware does the echo)',
    }));
}

/** Private Network Access, for targets that cannot grant it to exactly the listed origins. */
export function privateNetworkIssues(
  target: GenerateTarget,
  scopes: readonly ScopedPolicy[],
): GenerateIssue[] {
  return scopes
    .filter((s) => s.policy.privateNetwork)
    .map((s) => ({
      code: 'private-network-unsupported',
      path: issuePath(scopes, s, 'privateNetwork'),
      message: `${where(s)} has privateNetwork: true, but ${target}'s CORS support cannot send Access-Control-Allow-Private-Network (only to explicitly listed origins)`,
      fix: 'generate for nginx, apache, next or corsguard instead, or drop privateNetwork',
    }));
}

/** At most this many allowlist entries are named in a generated file's header comment. */
const HEADER_ORIGINS = 8;

// The header names a few entries; the allowlist itself follows in full. A comment line holding a
// 10,000-origin list would be ~300 KB, which nginx refuses ("too long parameter") and no one reads.
function listed(entries: readonly string[]): string {
  if (entries.length <= HEADER_ORIGINS) return entries.join(', ');
  const shown = entries.slice(0, HEADER_ORIGINS - 2).join(', ');
  return `${shown}, … and ${entries.length - (HEADER_ORIGINS - 2)} more (${entries.length} in all; every one is in the allowlist below)`;
}

/** One line per fact of a policy, for the generated header. */
export function describePolicy(policy: Policy): string[] {
  const origins = policy.anyOrigin
    ? 'any origin ("*"), anonymous reads only'
    : policy.rules.length === 0
      ? 'none (no origin may read cross-origin)'
      : listed(policy.rules.map(patternText));
  const methods = policy.anyMethod ? 'any' : allowMethods(policy).join(', ');
  const headers = policy.anyRequestHeader
    ? `any ("*")${policy.requestHeaders.length > 0 ? ` and ${policy.requestHeaders.join(', ')}` : ''}`
    : policy.requestHeaders.length === 0
      ? 'none beyond the CORS-safelisted ones'
      : policy.requestHeaders.join(', ');
  return [
    `origins:         ${origins}`,
    `credentials:     ${policy.credentials ? 'yes (cookies and HTTP auth are sent and readable)' : 'no'}`,
    `methods:         ${methods}`,
    `request headers: ${headers}`,
    `exposed headers: ${policy.exposeHeaders.length === 0 ? 'none' : policy.exposeHeaders.join(', ')}`,
    `preflight cache: ${policy.maxAge === null ? 'not sent (browsers cache 5 s)' : `${policy.maxAge} s`}`,
    ...(policy.privateNetwork ? ['private network: granted to the exactly listed origins'] : []),
    ...(policy.dangerouslyAllowAnyMethodAndHeaderWithCredentials
      ? ['DANGEROUS:       any method and header with credentials (each preflight is echoed)']
      : []),
  ];
}

/** The generated file's header, as comment lines (without the comment prefix). */
export function headerLines(target: string, input: GenerateInput, scopes: readonly ScopedPolicy[]): string[] {
  const from = input.source ?? 'a corsguard policy';
  const env = input.env === undefined ? '' : ` (environment "${input.env}")`;
  const lines = input.fromScan
    ? [
        `CORS for ${target}, suggested by corsguard from ${from}.`,
        'Derived from the answers corsguard observed, not from a policy file: review the origins, then keep',
        'them in a policy file (`corsguard init` drafts cors.policy.yaml), generate this file from it with',
        '`corsguard generate`, and verify the deployment with `corsguard check`.',
        '',
      ]
    : [
        `CORS for ${target}, generated by corsguard from ${from}${env}.`,
        'Do not edit by hand: change the policy, run `corsguard generate` again, then verify the',
        'deployment with `corsguard check` (the same rules the scanner applies).',
        '',
      ];
  for (const s of scopes) {
    lines.push(
      s.path === null ? 'Default policy (every path not listed below):' : `Policy for paths under ${s.path}:`,
    );
    for (const l of describePolicy(s.policy)) lines.push(`  ${l}`);
  }
  if (scopes.length > 1) lines.push('The longest matching path prefix wins.');
  return lines;
}

/** Prefixes each line with a comment marker (`#`, `//`), without trailing spaces on empty lines. */
export function comment(lines: readonly string[], marker: string, indent = ''): string {
  return lines.map((l) => (l === '' ? `${indent}${marker}` : `${indent}${marker} ${l}`)).join('\n');
}

/** A JavaScript regex literal for a regex source. */
export function jsRegex(source: string): string {
  return `/${source.replace(/\//g, '\\/')}/`;
}
