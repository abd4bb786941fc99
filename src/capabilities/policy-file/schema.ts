import { createRequire } from 'node:module';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { PolicyFileIssueCode } from './types.js';

/** Where the policy file's JSON Schema is published (editors fetch it from the `$schema` modeline). */
export const POLICY_FILE_SCHEMA_URL = 'https://unpkg.com/corsguard/schema/cors-policy.schema.json';

/**
 * The policy file's JSON Schema (draft 2020-12), as shipped in `schema/cors-policy.schema.json`.
 *
 * @example
 * ```ts
 * POLICY_FILE_SCHEMA.$id; // 'https://unpkg.com/corsguard/schema/cors-policy.schema.json'
 * ```
 */
export const POLICY_FILE_SCHEMA = createRequire(import.meta.url)(
  '../../../schema/cors-policy.schema.json',
) as Readonly<Record<string, unknown>> & { readonly $id: string };

/** A structural problem, located by its document path; `at: 'key'` points at the key rather than its value. */
export interface StructuralIssue {
  readonly code: PolicyFileIssueCode;
  readonly path: readonly (string | number)[];
  readonly at: 'key' | 'value';
  readonly message: string;
  readonly fix: string;
}

let compiled: ValidateFunction | undefined;

function validator(): ValidateFunction {
  compiled ??= new Ajv2020({ allErrors: true, verbose: true, strict: true }).compile(POLICY_FILE_SCHEMA);
  return compiled;
}

/**
 * Validates a parsed policy file against {@link POLICY_FILE_SCHEMA} and turns ajv's errors into one
 * readable issue per problem (the alternatives of `origins` give one issue, not three).
 *
 * @example
 * ```ts
 * validateStructure({ version: 1, environments: { prod: { origin: [] } } });
 * // [{ code: 'unknown-key', path: ['environments', 'prod', 'origin'], message: 'unknown key "origin" in environments.prod', fix: 'did you mean "origins"? …' }]
 * ```
 */
export function validateStructure(data: unknown): StructuralIssue[] {
  const validate = validator();
  if (validate(data)) return [];
  const errors = (validate.errors ?? []).filter((e) => !/\/anyOf\/\d+\//.test(e.schemaPath));
  const seen = new Set<string>();
  const out: StructuralIssue[] = [];
  for (const e of errors) {
    const issue = describe(e);
    const key = `${issue.path.join('\u0000')}|${issue.at}|${issue.code}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(issue);
  }
  return out;
}

function pointerToPath(pointer: string): (string | number)[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

/** `environments.production.origins[2]`, or `the file` for the root. */
export function where(path: readonly (string | number)[]): string {
  if (path.length === 0) return 'the file';
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

const REQUIRED_FIX: Record<string, string> = {
  version: 'add "version: 1" at the top of the file',
  environments: 'add "environments:" with at least one environment, e.g. production: { origins: [...] }',
  path: 'add "path: /prefix/" (the URL-path prefix this override applies to)',
};

function describe(e: ErrorObject): StructuralIssue {
  const path = pointerToPath(e.instancePath);
  const last = path.at(-1);
  const name = typeof last === 'string' ? last : where(path);
  const parent = e.parentSchema as { properties?: Record<string, unknown>; examples?: unknown[] } | undefined;
  switch (e.keyword) {
    case 'additionalProperties': {
      const key = String((e.params as { additionalProperty: string }).additionalProperty);
      const allowed = Object.keys(parent?.properties ?? {}).filter((k) => k !== '$schema');
      if (key === 'unsafeDynamicOrigin') {
        return {
          code: 'unknown-key',
          path: [...path, key],
          at: 'key',
          message: 'unsafeDynamicOrigin is a function and cannot be written in a policy file',
          fix: 'remove it; a dynamic allowlist belongs in code (the middleware option of the same name)',
        };
      }
      const guess = closest(key, allowed);
      return {
        code: 'unknown-key',
        path: [...path, key],
        at: 'key',
        message: `unknown key "${key}" in ${where(path)}`,
        fix: `${guess ? `did you mean "${guess}"? ` : 'remove it; '}allowed keys here: ${allowed.join(', ')}`,
      };
    }
    case 'required': {
      const key = String((e.params as { missingProperty: string }).missingProperty);
      return {
        code: 'missing-key',
        path,
        at: 'value',
        message: `${where(path)} has no "${key}"`,
        fix: REQUIRED_FIX[key] ?? `add "${key}:"`,
      };
    }
    case 'const':
      return {
        code: 'schema',
        path,
        at: 'value',
        message: `${name} must be ${JSON.stringify((e.params as { allowedValue: unknown }).allowedValue)}, not ${JSON.stringify(e.data)}`,
        fix: `write ${name}: ${JSON.stringify((e.params as { allowedValue: unknown }).allowedValue)}`,
      };
    case 'anyOf':
      return {
        code: 'schema',
        path,
        at: 'value',
        message: `${name} must be '*' or a list of origins, not ${JSON.stringify(e.data)}`,
        fix: `write ${name}: ['https://app.example.com'], or ${name}: '*' for a public API (quoted: a bare * is a YAML alias)`,
      };
    case 'minProperties':
      return {
        code: 'schema',
        path,
        at: 'value',
        message: `${where(path)} is empty`,
        fix: 'add at least one environment, e.g. production: { urls: [...], origins: [...] }',
      };
    case 'pattern': {
      if (e.propertyName !== undefined) {
        return {
          code: 'schema',
          path: [...path, e.propertyName],
          at: 'key',
          message: `environment name "${e.propertyName}" has characters other than letters, digits, _, . and -`,
          fix: 'rename it, e.g. production or eu-staging',
        };
      }
      return {
        code: 'schema',
        path,
        at: 'value',
        message: `${name} ${JSON.stringify(e.data)} must start with /`,
        fix: 'write a URL-path prefix such as /public/',
      };
    }
    case 'propertyNames':
      return {
        code: 'schema',
        path: [...path, String((e.params as { propertyName: string }).propertyName)],
        at: 'key',
        message: 'invalid environment name',
        fix: 'use letters, digits, _, . and -',
      };
    case 'minimum':
    case 'maximum':
    case 'type': {
      if (path.length === 0) {
        return {
          code: 'schema',
          path,
          at: 'value',
          message: `the file must be a mapping with version and environments, not ${JSON.stringify(e.data)}`,
          fix: 'start it with "version: 1" and "environments:", or run corsguard init',
        };
      }
      const example = parent?.examples?.[0];
      const expected =
        e.keyword === 'type'
          ? describeType(String((e.params as { type: string }).type))
          : `within ${e.keyword === 'minimum' ? 'the minimum' : 'the maximum'} ${String((e.params as { limit: number }).limit)}`;
      return {
        code: 'schema',
        path,
        at: 'value',
        message: `${where(path)} must be ${expected}, not ${JSON.stringify(e.data)}`,
        fix:
          example === undefined ? `write ${expected}` : `write it like ${name}: ${JSON.stringify(example)}`,
      };
    }
    default:
      return {
        code: 'schema',
        path,
        at: 'value',
        message: `${where(path)} ${e.message ?? 'is invalid'}`,
        fix: `see ${POLICY_FILE_SCHEMA_URL}`,
      };
  }
}

function describeType(type: string): string {
  switch (type) {
    case 'object':
      return 'a mapping (key: value lines)';
    case 'array':
      return 'a list';
    case 'boolean':
      return 'true or false';
    case 'integer':
      return 'a whole number';
    default:
      return `a ${type}`;
  }
}

/** The allowed key closest to a misspelt one (case-insensitive, edit distance ≤ 3), or null. */
function closest(key: string, allowed: readonly string[]): string | null {
  let best: string | null = null;
  let bestDistance = 4;
  for (const candidate of allowed) {
    const d = distance(key.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0] ?? 0;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j] ?? 0;
      row[j] = Math.min(current + 1, (row[j - 1] ?? 0) + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = current;
    }
  }
  return row[b.length] ?? 0;
}
