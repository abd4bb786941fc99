import {
  isForbiddenMethod,
  isForbiddenRequestHeaderName,
  isForbiddenResponseHeaderName,
  isToken,
  normalizeMethod,
} from '../browser/index.js';
import { checkDynamicOrigin } from './dynamic-origin.js';
import { compileOriginMatcher } from './origin-matcher.js';
import { issue, parseOriginRule } from './origin-rules.js';
import type { OriginRule, Policy, PolicyIssue } from './types.js';

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
] as const;

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
  const { anyOrigin, rules } = readOrigins(raw.origins, credentials, issues);
  const methods = readList(raw, 'methods', issues);
  const requestHeaders = readList(raw, 'requestHeaders', issues);
  const exposeHeaders = readList(raw, 'exposeHeaders', issues);

  const anyMethod = wildcard(methods, 'methods', 'method-wildcard-credentials', credentials, issues);
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
    credentials,
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
    } else pushUnique(normalizedRequestHeaders, lower);
  });

  const anyExposed = wildcard(
    exposeHeaders,
    'exposeHeaders',
    'expose-header-wildcard-credentials',
    credentials,
    issues,
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
  const dynamic = raw.unsafeDynamicOrigin;
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
    matchOrigin,
  });
  return { ok: true, policy, issues: [] };
}

function readOrigins(
  value: unknown,
  credentials: boolean,
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
    const rule = parseOriginRule(entry, credentials, ['origins', i]);
    if (Array.isArray(rule)) issues.push(...rule);
    else {
      const key = JSON.stringify(rule);
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

function wildcard(
  list: readonly string[],
  key: string,
  code: PolicyIssue['code'],
  credentials: boolean,
  issues: PolicyIssue[],
): boolean {
  const i = list.indexOf('*');
  if (i === -1) return false;
  if (credentials) {
    issues.push(
      issue(
        code,
        [key, i],
        `"*" in ${key} with credentials: true: for credentialed requests browsers read "*" as a literal name, not "any"`,
        `list the ${key === 'methods' ? 'methods' : 'headers'} explicitly`,
      ),
    );
  }
  return true;
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
