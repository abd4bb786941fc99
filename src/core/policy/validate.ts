import {
  isForbiddenMethod,
  isForbiddenRequestHeaderName,
  isForbiddenResponseHeaderName,
  isToken,
  normalizeMethod,
} from '../browser/index.js';
import { compileOriginMatcher, type OriginRule, parseOriginPattern, patternText } from '../origin/index.js';
import { checkDynamicOrigin } from './dynamic-origin.js';
import { issue } from './origin-rules.js';
import type { Policy, PolicyIssue } from './types.js';

/** Browsers cap preflight caching at 2 h (Chromium) / 24 h (Firefox); more is never honoured. */
export const MAX_MAX_AGE = 86_400;

/** Every key of {@link PolicyInput}, in documentation order. */
export const POLICY_INPUT_KEYS = [
  'origins',
  'credentials',
  'methods',
  'requestHeaders',
  'exposeHeaders',
  'maxAge',
  'privateNetwork',
  'unsafeDynamicOrigin',
  'dangerouslyAllowAnyMethodAndHeaderWithCredentials',
] as const;

/** The option that lets `methods: ['*']` / `requestHeaders: ['*']` be used with credentials. */
const DANGEROUS_WILDCARDS = 'dangerouslyAllowAnyMethodAndHeaderWithCredentials';

const KNOWN_OPTIONS: ReadonlySet<string> = new Set(POLICY_INPUT_KEYS);

/** The result of {@link validatePolicy}: the policy when there are no issues, and every issue found. */
export type PolicyValidation =
  | { readonly ok: true; readonly policy: Policy; readonly issues: readonly [] }
  | { readonly ok: false; readonly issues: readonly PolicyIssue[] };

/**
 * Validates a policy and returns every problem at once as data; never throws. Used by the middleware (at
 * construction), by `corsguard policy validate` (which adds line and column) and by the generators.
 *
 * @example
 * ```ts
 * const v = validatePolicy({ origins: ['null', 'http://app.example.com'], credentials: true });
 * v.ok;                          // false
 * v.issues.map((i) => i.code);   // ['origin-null', 'origin-insecure-credentials']
 * ```
 */
export function validatePolicy(input: unknown): PolicyValidation {
  const issues: PolicyIssue[] = [];
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return {
      ok: false,
      issues: [
        issue('type', [], 'the policy must be an object', "write { origins: ['https://app.example.com'] }"),
      ],
    };
  }
  const raw = input as Record<string, unknown>;
  for (const key of Object.keys(raw)) {
    if (!KNOWN_OPTIONS.has(key) && raw[key] !== undefined) {
      issues.push(
        issue(
          'unknown-option',
          [key],
          `unknown option "${key}"`,
          `remove it; known options: ${[...KNOWN_OPTIONS].join(', ')}`,
        ),
      );
    }
  }
  const credentials = readBoolean(raw, 'credentials', issues);
  const privateNetwork = readBoolean(raw, 'privateNetwork', issues);
  const dangerousWildcards = readBoolean(raw, DANGEROUS_WILDCARDS, issues);
  const dynamic = raw.unsafeDynamicOrigin;
  const { anyOrigin, rules } = readOrigins(raw.origins, credentials, dynamic !== undefined, issues);
  const methods = readList(raw, 'methods', issues);
  const requestHeaders = readList(raw, 'requestHeaders', issues);
  const exposeHeaders = readList(raw, 'exposeHeaders', issues);

  // With the dangerous option, "*" with credentials is answered by echoing the request (see decide.ts).
  const refuseWildcard = credentials && !dangerousWildcards;
  const anyMethod = wildcard(methods, 'methods', 'method-wildcard-credentials', refuseWildcard, issues);
  const normalizedMethods: string[] = [];
  methods.forEach((m, i) => {
    if (m === '*') return;
    if (!isToken(m))
      issues.push(
        issue(
          'method-invalid',
          ['methods', i],
          `"${m}" is not a valid method name`,
          'use a token such as PUT or DELETE',
        ),
      );
    else if (isForbiddenMethod(m)) {
      issues.push(
        issue(
          'method-forbidden',
          ['methods', i],
          `${m} is a forbidden method: browsers never send it`,
          `remove "${m}"`,
        ),
      );
    } else pushUnique(normalizedMethods, normalizeMethod(m));
  });

  const anyRequestHeader = wildcard(
    requestHeaders,
    'requestHeaders',
    'request-header-wildcard-credentials',
    refuseWildcard,
    issues,
  );
  const normalizedRequestHeaders: string[] = [];
  requestHeaders.forEach((h, i) => {
    if (h === '*') return;
    const lower = h.toLowerCase();
    if (!isToken(h)) {
      issues.push(
        issue(
          'request-header-invalid',
          ['requestHeaders', i],
          `"${h}" is not a valid header name`,
          'use a token such as X-Api-Key',
        ),
      );
    } else if (isForbiddenRequestHeaderName(lower)) {
      issues.push(
        issue(
          'request-header-forbidden',
          ['requestHeaders', i],
          `${h} is a forbidden request header: the browser sets it, script cannot, so it never appears in a preflight`,
          `remove "${h}"${lower === 'cookie' ? '; cookies are sent by credentials: true' : ''}`,
        ),
      );
    } else if (isCorsResponseHeaderName(lower)) {
      issues.push(
        issue(
          'request-header-response-header',
          ['requestHeaders', i],
          `${h} is a CORS response header: the server sends it, a browser's request never carries it, so allowing it as a request header only shows the policy is misunderstood`,
          `remove "${h}"; the middleware sends the Access-Control-* response headers itself`,
        ),
      );
    } else if (!anyRequestHeader || lower === 'authorization') pushUnique(normalizedRequestHeaders, lower);
  });

  const anyExposed = wildcard(
    exposeHeaders,
    'exposeHeaders',
    'expose-header-wildcard-credentials',
    credentials,
    issues,
    false,
  );
  const normalizedExpose: string[] = anyExposed ? ['*'] : [];
  exposeHeaders.forEach((h, i) => {
    if (h === '*') return;
    if (!isToken(h)) {
      issues.push(
        issue(
          'expose-header-invalid',
          ['exposeHeaders', i],
          `"${h}" is not a valid header name`,
          'use a token such as X-Request-Id',
        ),
      );
    } else if (isForbiddenResponseHeaderName(h)) {
      issues.push(
        issue(
          'expose-header-forbidden',
          ['exposeHeaders', i],
          `${h} can never be exposed: browsers hide it from script whatever the server says, and listing it suggests session cookies are meant to be read`,
          `remove "${h}"`,
        ),
      );
    } else if (!normalizedExpose.some((e) => e.toLowerCase() === h.toLowerCase())) normalizedExpose.push(h);
  });

  const maxAge = readMaxAge(raw.maxAge, issues);
  if (privateNetwork && anyOrigin) {
    issues.push(
      issue(
        'private-network-any-origin',
        ['privateNetwork'],
        'privateNetwork is on with origins: "*": any public website could then reach this private-network service',
        'list the origins that may reach it',
      ),
    );
  }
  if (dynamic !== undefined && typeof dynamic !== 'function') {
    issues.push(
      issue(
        'type',
        ['unsafeDynamicOrigin'],
        'unsafeDynamicOrigin must be a function',
        '(origin) => allowed ? origin : null',
      ),
    );
  }
  if (issues.length > 0) return { ok: false, issues };

  const unsafeDynamicOrigin =
    typeof dynamic === 'function' ? (dynamic as Policy['unsafeDynamicOrigin']) : null;
  const staticMatch = compileOriginMatcher(rules);
  const matchOrigin: Policy['matchOrigin'] = anyOrigin
    ? () => 'any'
    : unsafeDynamicOrigin === null
      ? staticMatch
      : (origin) =>
          staticMatch(origin) ??
          (checkDynamicOrigin(unsafeDynamicOrigin, origin, credentials) ? 'dynamic' : null);
  const policy: Policy = Object.freeze({
    anyOrigin,
    credentials,
    rules: Object.freeze(rules),
    methods: Object.freeze(normalizedMethods),
    anyMethod,
    requestHeaders: Object.freeze(normalizedRequestHeaders),
    anyRequestHeader,
    exposeHeaders: Object.freeze(normalizedExpose),
    maxAge,
    privateNetwork,
    unsafeDynamicOrigin,
    dangerouslyAllowAnyMethodAndHeaderWithCredentials: credentials && dangerousWildcards,
    matchOrigin,
  });
  return { ok: true, policy, issues: [] };
}

function readOrigins(
  value: unknown,
  credentials: boolean,
  dynamic: boolean,
  issues: PolicyIssue[],
): { anyOrigin: boolean; rules: OriginRule[] } {
  if (value === '*') {
    if (credentials) {
      issues.push(
        issue(
          'origin-wildcard-credentials',
          ['origins'],
          'origins: "*" with credentials: true: browsers refuse "*" with credentials, and the usual workaround (reflecting any Origin) lets every website read your users\' data',
          'list the origins that need credentials, or set credentials: false for a public API',
        ),
      );
    }
    return { anyOrigin: true, rules: [] };
  }
  if (!Array.isArray(value)) {
    issues.push(
      issue(
        'type',
        ['origins'],
        'origins is required: a list of origins or "*"',
        "write origins: ['https://app.example.com']",
      ),
    );
    return { anyOrigin: false, rules: [] };
  }
  if (value.length === 0 && !dynamic) {
    issues.push(
      issue(
        'origins-empty',
        ['origins'],
        'origins is an empty list: no origin could ever be allowed, which is almost always a forgotten placeholder',
        "list the front ends that may read, e.g. origins: ['https://app.example.com'] (or give unsafeDynamicOrigin to decide per request)",
      ),
    );
    return { anyOrigin: false, rules: [] };
  }
  const rules: OriginRule[] = [];
  const seen = new Set<string>();
  value.forEach((entry: unknown, i) => {
    if (typeof entry !== 'string') {
      issues.push(
        issue(
          'type',
          ['origins', i],
          `origins[${i}] must be a string`,
          "write it like 'https://app.example.com'",
        ),
      );
      return;
    }
    const rule = parseOriginPattern(entry, { credentials, path: ['origins', i] });
    if (Array.isArray(rule)) issues.push(...rule);
    else {
      const key = patternText(rule);
      if (!seen.has(key)) {
        seen.add(key);
        rules.push(rule);
      }
    }
  });
  return { anyOrigin: false, rules };
}

function readBoolean(raw: Record<string, unknown>, key: string, issues: PolicyIssue[]): boolean {
  const value = raw[key];
  if (value === undefined) return false;
  if (typeof value !== 'boolean') {
    issues.push(
      issue(
        'type',
        [key],
        `${key} must be true or false, not ${JSON.stringify(value)}`,
        `write ${key}: true or ${key}: false`,
      ),
    );
    return false;
  }
  return value;
}

function readList(raw: Record<string, unknown>, key: string, issues: PolicyIssue[]): string[] {
  const value = raw[key];
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    issues.push(issue('type', [key], `${key} must be a list of strings`, `write ${key}: ['…']`));
    return [];
  }
  const out: string[] = [];
  value.forEach((item: unknown, i) => {
    if (typeof item === 'string') out.push(item);
    else issues.push(issue('type', [key, i], `${key}[${i}] must be a string`, 'quote it'));
  });
  return out;
}

// Fetch §CORS-preflight fetch: with credentials, "*" in Access-Control-Allow-Methods/-Headers/-Expose-Headers
// is a literal name, not "any". `refuse`: credentials are on (and, for methods and request headers, the
// dangerous option is off); `dangerousFix`: the fix may name that option.
function wildcard(
  list: readonly string[],
  key: string,
  code: PolicyIssue['code'],
  refuse: boolean,
  issues: PolicyIssue[],
  dangerousFix = true,
): boolean {
  const i = list.indexOf('*');
  if (i === -1) return false;
  if (refuse) {
    const explicit = `list the ${key === 'methods' ? 'methods' : 'headers'} explicitly`;
    issues.push(
      issue(
        code,
        [key, i],
        `"*" in ${key} with credentials: true: for credentialed requests browsers read "*" as a literal name, not "any"`,
        dangerousFix
          ? `${explicit}; only if any credentialed page must send any ${key === 'methods' ? 'method' : 'header'}, set ${DANGEROUS_WILDCARDS}: true, which echoes what each preflight asks for and so lets every allowed origin send anything with the user's cookies`
          : explicit,
      ),
    );
  }
  return true;
}

// The CORS response headers (Fetch §HTTP responses): never part of a request.
function isCorsResponseHeaderName(lower: string): boolean {
  return (
    lower.startsWith('access-control-allow-') ||
    lower === 'access-control-expose-headers' ||
    lower === 'access-control-max-age'
  );
}

function readMaxAge(value: unknown, issues: PolicyIssue[]): number | null {
  if (value === undefined) return null;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > MAX_MAX_AGE) {
    issues.push(
      issue(
        'max-age-range',
        ['maxAge'],
        `maxAge ${JSON.stringify(value)} is not a whole number of seconds from 0 to ${MAX_MAX_AGE}`,
        'use e.g. 600 (10 minutes); browsers cap it at 7200 (Chromium) or 86400 (Firefox) anyway',
      ),
    );
    return null;
  }
  return value;
}

function pushUnique(list: string[], value: string): void {
  if (!list.includes(value)) list.push(value);
}
