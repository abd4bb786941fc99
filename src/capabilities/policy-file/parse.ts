import { readFile } from 'node:fs/promises';
import { LineCounter, parseDocument } from 'yaml';
import { isHttpUrl, namesLoopback } from '../../core/origin/index.js';
import {
  POLICY_INPUT_KEYS,
  type Policy,
  type PolicyInput,
  type PolicyIssue,
  validatePolicy,
} from '../../core/policy/index.js';
import { PolicyFileError } from './format.js';
import { locate } from './locate.js';
import { type StructuralIssue, validateStructure } from './schema.js';
import type {
  PathPolicy,
  PolicyEnvironment,
  PolicyFile,
  PolicyFileIssue,
  PolicyFileIssueCode,
  PolicyFileResult,
} from './types.js';

/** The policy keys a file may set (`PolicyInput`'s, minus the code-only `unsafeDynamicOrigin`). */
export const POLICY_KEYS = POLICY_INPUT_KEYS.filter(
  (key): key is Exclude<(typeof POLICY_INPUT_KEYS)[number], 'unsafeDynamicOrigin'> =>
    key !== 'unsafeDynamicOrigin',
);

/** Environment names treated as production: they may not allow localhost or loopback origins. */
export const PRODUCTION_NAMES: readonly string[] = ['prod', 'production', 'live'];

type Path = readonly (string | number)[];
type Raw = Record<string, unknown>;

/** Where each merged key came from, so an issue points at the line that set it. */
type Sources = Map<string, Path>;

/** A candidate issue before positions are added; `entity` says what was being validated. */
interface Pending {
  readonly code: PolicyFileIssueCode;
  readonly path: Path;
  readonly at: 'key' | 'value';
  readonly message: string;
  readonly fix: string;
  /** Set when the issue is reported for an environment or override that inherited the key. */
  readonly inheritedBy?: string;
}

/**
 * Parses and validates a policy file's text (YAML, or JSON with the same structure): YAML syntax, then
 * the structure against `schema/cors-policy.schema.json`, then every environment's and path override's
 * policy with `validatePolicy` (defaults merged in), then the file's own rules (no localhost origins in a
 * production environment, http(s) `urls`). Returns the resolved environments, or every issue found, each
 * with a 1-based line and column.
 *
 * @example
 * ```ts
 * const result = parsePolicyFile(text, 'cors.policy.yaml');
 * if (!result.ok) console.error(formatPolicyFileIssues(result.issues, 'cors.policy.yaml'));
 * else result.file.environments.get('production')?.policy.matchOrigin('https://app.example.com'); // 'exact'
 * ```
 */
export function parsePolicyFile(text: string, fileName: string): PolicyFileResult {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const position = (path: Path, at: 'key' | 'value' = 'value') => locate(doc, lineCounter, path, at);
  if (doc.errors.length > 0) {
    const issues = doc.errors.map((e): PolicyFileIssue => {
      const pos = lineCounter.linePos(e.pos[0]);
      return {
        code: 'yaml-syntax',
        path: [],
        message: e.message.replace(/\.$/, ''),
        fix: yamlFix(e.code, text.slice(e.pos[0], e.pos[0] + 1)),
        line: pos.line,
        column: pos.col,
      };
    });
    return { ok: false, fileName, issues };
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    return {
      ok: false,
      fileName,
      issues: [
        {
          code: 'yaml-syntax',
          path: [],
          message: e instanceof Error ? e.message : String(e),
          fix: 'write the values out instead of using YAML aliases',
          line: 1,
          column: 1,
        },
      ],
    };
  }
  if (data === null || data === undefined) {
    return {
      ok: false,
      fileName,
      issues: [
        {
          code: 'missing-key',
          path: [],
          message: 'the file is empty',
          fix: 'start it with "version: 1" and "environments:", or run corsguard init',
          line: 1,
          column: 1,
        },
      ],
    };
  }

  const structural = validateStructure(data);
  const pending: Pending[] = [...structural];
  const environments = new Map<string, PolicyEnvironment>();
  const root = isRecord(data) ? data : {};
  const defaults = isRecord(root.defaults) ? root.defaults : {};
  const envs = isRecord(root.environments) ? root.environments : {};
  for (const [name, value] of Object.entries(envs)) {
    if (!isRecord(value)) continue;
    const env = resolveEnvironment(name, value, defaults, pending);
    if (env) environments.set(name, env);
  }

  const covered = (p: Pending) =>
    p.code !== 'unknown-key' &&
    structural.some(
      (s) => s !== p && s.path.length <= p.path.length && s.path.every((x, i) => x === p.path[i]),
    );
  const issues = dedupe(pending.filter((p) => structural.includes(p as StructuralIssue) || !covered(p))).map(
    (p): PolicyFileIssue => ({
      code: p.code,
      path: p.path,
      message: p.message,
      fix: p.fix,
      ...position(p.path, p.at),
    }),
  );
  issues.sort((a, b) => a.line - b.line || a.column - b.column);
  if (issues.length > 0) return { ok: false, fileName, issues };
  return { ok: true, file: { fileName, environments }, issues: [] };
}

/**
 * Reads and parses a policy file ({@link parsePolicyFile}); a file that cannot be read is reported as a
 * `file-unreadable` issue, never thrown.
 *
 * @example
 * ```ts
 * const result = await loadPolicyFile('cors.policy.yaml');
 * if (result.ok) console.log([...result.file.environments.keys()]); // ['production', 'development']
 * ```
 */
export async function loadPolicyFile(path: string): Promise<PolicyFileResult> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return {
      ok: false,
      fileName: path,
      issues: [
        {
          code: 'file-unreadable',
          path: [],
          message: `cannot read ${path}${code === 'ENOENT' ? ': no such file' : code ? ` (${code})` : ''}`,
          fix: 'check the path, or create a policy file with corsguard init',
          line: 1,
          column: 1,
        },
      ],
    };
  }
  return parsePolicyFile(text, path);
}

/**
 * Loads a policy file that must be valid: returns it, or throws a {@link PolicyFileError} listing every
 * issue with its line and column.
 *
 * @example
 * ```ts
 * const file = await requirePolicyFile('cors.policy.yaml');
 * ```
 */
export async function requirePolicyFile(path: string): Promise<PolicyFile> {
  const result = await loadPolicyFile(path);
  if (!result.ok) throw new PolicyFileError(path, result.issues);
  return result.file;
}

function resolveEnvironment(
  name: string,
  raw: Raw,
  defaults: Raw,
  pending: Pending[],
): PolicyEnvironment | null {
  const envPath: Path = ['environments', name];
  const label = `environment "${name}"`;
  const sources: Sources = new Map();
  const merged: Raw = {};
  for (const key of POLICY_KEYS) {
    if (raw[key] !== undefined) {
      merged[key] = raw[key];
      sources.set(key, [...envPath, key]);
    } else if (defaults[key] !== undefined) {
      merged[key] = defaults[key];
      sources.set(key, ['defaults', key]);
    }
  }
  let ok = true;
  const policy = validate(merged, sources, envPath, label, pending);
  if (policy === null) ok = false;
  const production = isProductionName(name);
  if (production) localhostOrigins(merged, sources, envPath, name, label, pending);

  const urls: string[] = [];
  if (Array.isArray(raw.urls)) {
    raw.urls.forEach((url: unknown, i) => {
      if (typeof url !== 'string') return; // the schema reports it
      if (!isHttpUrl(url)) {
        ok = false;
        pending.push({
          code: 'url-invalid',
          path: [...envPath, 'urls', i],
          at: 'value',
          message: `${JSON.stringify(url)} is not an http(s) URL`,
          fix: 'write the full URL corsguard check should test, e.g. https://api.example.com/v1/me',
        });
      } else urls.push(url);
    });
  }

  const paths: PathPolicy[] = [];
  const seenPaths = new Map<string, number>();
  if (Array.isArray(raw.paths)) {
    raw.paths.forEach((override: unknown, i) => {
      if (!isRecord(override) || typeof override.path !== 'string') return; // the schema reports it
      const overridePath: Path = [...envPath, 'paths', i];
      const first = seenPaths.get(override.path);
      if (first !== undefined) {
        ok = false;
        pending.push({
          code: 'path-duplicate',
          path: [...overridePath, 'path'],
          at: 'value',
          message: `path ${JSON.stringify(override.path)} is already overridden by paths[${first}] of ${label}`,
          fix: 'merge the two overrides into one',
        });
      } else seenPaths.set(override.path, i);
      const notPrefix = pathPrefixProblem(override.path);
      if (notPrefix !== null) {
        ok = false;
        pending.push({ code: 'path-not-prefix', path: [...overridePath, 'path'], at: 'value', ...notPrefix });
      }
      const overrideSources: Sources = new Map(sources);
      const overrideInput: Raw = { ...merged };
      for (const key of POLICY_KEYS) {
        if (override[key] !== undefined) {
          overrideInput[key] = override[key];
          overrideSources.set(key, [...overridePath, key]);
        }
      }
      const overrideLabel = `path "${override.path}" of ${label}`;
      const p = validate(overrideInput, overrideSources, overridePath, overrideLabel, pending);
      if (production)
        localhostOrigins(overrideInput, overrideSources, overridePath, name, overrideLabel, pending);
      if (p === null) ok = false;
      else paths.push({ path: override.path, input: overrideInput as unknown as PolicyInput, policy: p });
    });
  }
  if (!ok || policy === null) return null;
  return { name, urls, input: merged as unknown as PolicyInput, policy, paths };
}

/** Validates merged settings; maps each issue to the line that set the key. */
function validate(
  input: Raw,
  sources: Sources,
  entity: Path,
  label: string,
  pending: Pending[],
): Policy | null {
  const result = validatePolicy(input);
  if (result.ok) return result.policy;
  for (const issue of result.issues) pending.push(toPending(issue, sources, entity, label));
  return null;
}

function toPending(issue: PolicyIssue, sources: Sources, entity: Path, label: string): Pending {
  const [key, ...rest] = issue.path;
  const source = typeof key === 'string' ? sources.get(key) : undefined;
  const path = source ? [...source, ...rest] : [...entity];
  const own = path.length >= entity.length && entity.every((x, i) => x === path[i]);
  return {
    code: issue.code,
    path,
    at: 'value',
    message: issue.message,
    fix: issue.fix,
    ...(own ? {} : { inheritedBy: label }),
  };
}

/** The classic slip: a production environment that still allows local development origins. */
function localhostOrigins(
  input: Raw,
  sources: Sources,
  entity: Path,
  name: string,
  label: string,
  pending: Pending[],
): void {
  const origins = input.origins;
  const source = sources.get('origins');
  if (!Array.isArray(origins) || source === undefined) return;
  origins.forEach((entry: unknown, i) => {
    if (typeof entry !== 'string' || !namesLoopback(entry)) return;
    const path = [...source, i];
    const own = path.length >= entity.length && entity.every((x, j) => x === path[j]);
    pending.push({
      code: 'production-localhost',
      path,
      at: 'value',
      message: `${JSON.stringify(entry)} is a local development origin, allowed in the production environment "${name}": any program on a user's machine serving that port can read their data`,
      fix: 'move it to a development environment (e.g. development: { origins: [...] }) and remove it here',
      ...(own ? {} : { inheritedBy: label }),
    });
  });
}

/** Whether an environment name means production (`prod`, `production`, `live`, also `eu-prod`, `prod_us`). */
export function isProductionName(name: string): boolean {
  return name
    .toLowerCase()
    .split(/[-_.]/)
    .some((part) => PRODUCTION_NAMES.includes(part));
}

/** One issue per (code, location, message); inherited copies are merged and name who inherits them. */
function dedupe(pending: readonly Pending[]): Pending[] {
  const byKey = new Map<string, { first: Pending; own: boolean; labels: string[] }>();
  for (const p of pending) {
    const key = `${p.code}|${JSON.stringify(p.path)}|${p.at}|${p.message}`;
    const entry = byKey.get(key);
    if (!entry)
      byKey.set(key, {
        first: p,
        own: p.inheritedBy === undefined,
        labels: p.inheritedBy ? [p.inheritedBy] : [],
      });
    else if (p.inheritedBy === undefined) entry.own = true;
    else if (!entry.labels.includes(p.inheritedBy)) entry.labels.push(p.inheritedBy);
  }
  return [...byKey.values()].map(({ first, own, labels }) =>
    own || labels.length === 0
      ? first
      : { ...first, message: `${first.message} (inherited by ${labels.join(', ')})` },
  );
}

function yamlFix(code: string, at: string): string {
  if (at === '*' || code === 'BAD_ALIAS') return "quote it: origins: '*' (a bare * starts a YAML alias)";
  switch (code) {
    case 'DUPLICATE_KEY':
      return 'keep only one of the two keys';
    case 'TAB_AS_INDENT':
      return 'indent with spaces, not tabs';
    case 'BAD_INDENT':
    case 'MISSING_CHAR':
      return 'check the indentation and closing brackets on this line and the one before';
    default:
      return 'fix the YAML here (indent with spaces; quote values that start with * or contain ": " or " #")';
  }
}

function isRecord(value: unknown): value is Raw {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// Characters the URL parser percent-encodes in a path (URL Standard §path percent-encode set), so a
// browser never sends them as written, plus "\\" (read as "/" in special URLs).
const NEVER_IN_PATH = /[\s"<>^`{|}\\]/;

/**
 * Why a `path` of a path override is not a plain URL-path prefix, or null when it is. Paths are
 * compared as prefixes of the request path as sent, so a glob (`/public/*`), a query, a fragment or a
 * character that is always percent-encoded would silently never match.
 */
function pathPrefixProblem(path: string): { message: string; fix: string } | null {
  const star = path.indexOf('*');
  if (star !== -1) {
    const prefix = path.slice(0, star);
    const plain = prefix.endsWith('/') || star === path.length - 1 ? prefix : `${prefix}/`;
    return {
      message: `path ${JSON.stringify(path)} has a "*", but paths are plain URL-path prefixes, not patterns: it would only match a path containing a literal "*"`,
      fix: `write ${JSON.stringify(plain === '' ? '/' : plain)}: a prefix already covers everything below it`,
    };
  }
  const q = path.search(/[?#]/);
  if (q !== -1) {
    return {
      message: `path ${JSON.stringify(path)} has a query or fragment; only the URL path is compared`,
      fix: `write ${JSON.stringify(path.slice(0, q) || '/')}`,
    };
  }
  const bad = NEVER_IN_PATH.exec(path);
  if (bad !== null) {
    return {
      message: `path ${JSON.stringify(path)} contains ${JSON.stringify(bad[0])}, which a browser always percent-encodes in a URL path, so it never matches`,
      fix: 'write the path as it appears in the request URL (percent-encoded, e.g. %20 for a space)',
    };
  }
  return null;
}
