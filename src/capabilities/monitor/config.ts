import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { LineCounter, parseDocument } from 'yaml';
import { CorsguardError } from '../../core/errors/index.js';
import { isHttpUrl } from '../../core/origin/index.js';
import { checkSinkConfig, type Env } from '../alerts/index.js';
import { locate } from '../policy-file/index.js';
import { cronProblem, parseInterval } from './schedule.js';
import type {
  GroupLimits,
  MonitorConfigIssue,
  MonitorConfigResult,
  MonitorGroup,
  Schedule,
} from './types.js';

/**
 * The monitor configuration's JSON Schema (draft 2020-12), as shipped in `schema/monitor.schema.json`.
 *
 * @example
 * ```ts
 * MONITOR_SCHEMA.$id; // 'https://unpkg.com/corsguard/schema/monitor.schema.json'
 * ```
 */
export const MONITOR_SCHEMA = createRequire(import.meta.url)(
  '../../../schema/monitor.schema.json',
) as Readonly<Record<string, unknown>> & { readonly $id: string };

type Path = readonly (string | number)[];
type Raw = Record<string, unknown>;
type Pending = Omit<MonitorConfigIssue, 'line' | 'column'> & { readonly at?: 'key' | 'value' };

let compiled: ValidateFunction | undefined;
const validator = () => {
  compiled ??= new Ajv2020({ allErrors: true, strict: false }).compile(MONITOR_SCHEMA);
  return compiled;
};

const pointer = (p: string): (string | number)[] =>
  p === ''
    ? []
    : p
        .slice(1)
        .split('/')
        .map((s) => (/^\d+$/.test(s) ? Number(s) : s.replace(/~1/g, '/').replace(/~0/g, '~')));
const where = (path: Path) =>
  path.length === 0
    ? 'the file'
    : path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');

function structural(e: ErrorObject): Pending {
  const path = pointer(e.instancePath);
  const params = e.params as {
    additionalProperty?: string;
    unevaluatedProperty?: string;
    missingProperty?: string;
  };
  const extra = params.additionalProperty ?? params.unevaluatedProperty;
  if (extra !== undefined)
    return {
      code: 'unknown-key',
      path: [...path, extra],
      at: 'key',
      message: `unknown key "${extra}" in ${where(path)}`,
      fix: 'remove it, or check its spelling against docs/monitor.md',
    };
  if (params.missingProperty !== undefined)
    return {
      code: 'missing-key',
      path,
      message: `${where(path)} needs "${params.missingProperty}"`,
      fix: `add "${params.missingProperty}:" (see docs/monitor.md)`,
    };
  return {
    code: 'schema',
    path,
    message: `${where(path)} ${e.message ?? 'is not valid'}`,
    fix: 'see docs/monitor.md for the allowed values',
  };
}

/** The files a configuration names are read through this (a test can give its own). */
export type ReadText = (absolutePath: string) => string;

const readText: ReadText = (p) => readFileSync(p, 'utf8');

/**
 * Parses and validates `corsguard.monitor.yaml`: YAML syntax, the structure against
 * `schema/monitor.schema.json`, then the rules a schema cannot say (a group's schedule is `every` or
 * `cron`, not both; valid cron; http(s) URLs; a readable `urlFile`; unique group names; alerts naming
 * defined sinks). Every problem is returned at once, each at its line and column; `urlFile` and `policy`
 * are resolved relative to the configuration's folder.
 *
 * @example
 * ```ts
 * const result = parseMonitorConfig(text, 'corsguard.monitor.yaml');
 * if (!result.ok) console.error(formatMonitorConfigIssues(result.issues, result.fileName));
 * ```
 */
export function parseMonitorConfig(
  text: string,
  fileName: string,
  read: ReadText = readText,
  env: Env = process.env,
): MonitorConfigResult {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const place = (p: Pending): MonitorConfigIssue => {
    const { at, ...rest } = p;
    const pos = locate(doc, lineCounter, p.path, at ?? 'value');
    return { ...rest, line: pos.line, column: pos.column };
  };
  if (doc.errors.length > 0) {
    const issues = doc.errors.map((e): MonitorConfigIssue => {
      const pos = lineCounter.linePos(e.pos[0]);
      return {
        code: 'yaml-syntax',
        path: [],
        message: e.message.replace(/\.$/, ''),
        fix: 'fix the YAML syntax at this place',
        line: pos.line,
        column: pos.col,
      };
    });
    return { ok: false, fileName, issues };
  }
  const data = doc.toJS({ maxAliasCount: 100 }) as unknown;
  const validate = validator();
  if (!validate(data)) {
    const seen = new Set<string>();
    const issues = (validate.errors ?? []).map(structural).filter((i) => {
      const key = `${i.code}|${i.path.join('/')}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    return { ok: false, fileName, issues: issues.map(place) };
  }
  const raw = data as { defaults?: Raw; alerts?: Record<string, Raw>; groups: Raw[] };
  const pending: Pending[] = [];
  const sinks = raw.alerts ?? {};
  for (const [name, sink] of Object.entries(sinks)) {
    for (const p of checkSinkConfig({ name, ...sink }, env).problems)
      pending.push({
        code: 'sink-invalid',
        path: ['alerts', name, ...p.path],
        message: `alert sink "${name}": ${p.message}`,
        fix: 'see docs/alerts.md for the keys of each sink type',
      });
  }
  const base = dirname(resolve(fileName));
  const names = new Set<string>();
  const groups: MonitorGroup[] = [];
  raw.groups.forEach((g, i) => {
    const at = (...rest: (string | number)[]): Path => ['groups', i, ...rest];
    const merged = { ...(raw.defaults ?? {}), ...g };
    const name = g.name as string;
    if (names.has(name))
      pending.push({
        code: 'group-duplicate',
        path: at('name'),
        message: `two groups are named "${name}"`,
        fix: 'give each group its own name (it keys the history)',
      });
    names.add(name);
    const schedule = scheduleOf(g, raw.defaults ?? {}, at, pending);
    const urls = [...((g.urls as string[] | undefined) ?? [])];
    urls.forEach((u, j) => {
      if (!isHttpUrl(u))
        pending.push({
          code: 'url-invalid',
          path: at('urls', j),
          message: `${JSON.stringify(u)} is not an http(s) URL`,
          fix: 'write it like https://api.example.com/v1/me',
        });
    });
    if (typeof g.urlFile === 'string') {
      const file = resolve(base, g.urlFile);
      try {
        read(file)
          .split(/\r?\n/)
          .forEach((line) => {
            const u = line.replace(/#.*$/, '').trim();
            if (u === '') return;
            if (isHttpUrl(u)) urls.push(u);
            else
              pending.push({
                code: 'url-invalid',
                path: at('urlFile'),
                message: `${g.urlFile} lists ${JSON.stringify(u)}, not an http(s) URL`,
                fix: 'one http(s) URL per line; # starts a comment',
              });
          });
      } catch (e) {
        pending.push({
          code: 'url-file-unreadable',
          path: at('urlFile'),
          message: `${g.urlFile} cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'})`,
          fix: 'the path is relative to this configuration file',
        });
      }
    }
    if (urls.length === 0 && g.policy === undefined)
      pending.push({
        code: 'group-empty',
        path: at(),
        message: `group "${name}" watches nothing`,
        fix: 'add urls:, urlFile: or a policy: whose environment has urls',
      });
    const alerts = (g.alerts as string[] | undefined) ?? [];
    alerts.forEach((a, j) => {
      if (!(a in sinks))
        pending.push({
          code: 'sink-unknown',
          path: at('alerts', j),
          message: `no sink named "${a}" under alerts:`,
          fix: `define alerts: { ${a}: { type: webhook, url: … } } or remove it`,
        });
    });
    const limits: GroupLimits = {
      concurrency: (merged.concurrency as number | undefined) ?? 8,
      perHost: (merged.perHost as number | undefined) ?? 2,
      ...(merged.h2Streams === undefined ? {} : { h2Streams: merged.h2Streams as number }),
      ...(merged.requestsPerSecond === undefined
        ? {}
        : { requestsPerSecond: merged.requestsPerSecond as number }),
      ...(merged.maxRequests === undefined ? {} : { maxRequests: merged.maxRequests as number }),
      ...(merged.timeoutMs === undefined ? {} : { timeoutMs: merged.timeoutMs as number }),
    };
    groups.push({
      name,
      urls: [...new Set(urls)],
      schedule,
      limits,
      ...(typeof g.policy === 'string'
        ? {
            policy: {
              file: resolve(base, g.policy),
              ...(typeof g.environment === 'string' ? { environment: g.environment } : {}),
            },
          }
        : {}),
      alerts,
    });
  });
  if (pending.length > 0) return { ok: false, fileName, issues: pending.map(place) };
  return { ok: true, config: { fileName, groups, sinks } };
}

function scheduleOf(
  g: Raw,
  defaults: Raw,
  at: (...rest: (string | number)[]) => Path,
  pending: Pending[],
): Schedule {
  if (g.every !== undefined && g.cron !== undefined)
    pending.push({
      code: 'schedule-conflict',
      path: at('cron'),
      at: 'key',
      message: 'a group has either every: or cron:, not both',
      fix: 'keep one of them',
    });
  const cron = (g.cron ?? (g.every === undefined ? defaults.cron : undefined)) as string | undefined;
  if (cron !== undefined) {
    const problem = cronProblem(cron);
    if (problem)
      pending.push({
        code: 'cron-invalid',
        path: g.cron !== undefined ? at('cron') : ['defaults', 'cron'],
        message: `cron ${JSON.stringify(cron)}: ${problem}`,
        fix: 'five fields, minute first, in UTC: "*/15 * * * *" is every 15 minutes',
      });
    return { kind: 'cron', expression: cron };
  }
  return { kind: 'interval', ms: parseInterval((g.every ?? defaults.every ?? '1h') as string) ?? 3_600_000 };
}

/**
 * Formats issues the way compilers do: `FILE:LINE:COL  code  message. Fix: …`, one per line.
 *
 * @example
 * ```ts
 * formatMonitorConfigIssues(issues, 'corsguard.monitor.yaml');
 * ```
 */
export function formatMonitorConfigIssues(issues: readonly MonitorConfigIssue[], fileName: string): string {
  return issues
    .map((i) => `${fileName}:${i.line}:${i.column}  ${i.code}  ${i.message}. Fix: ${i.fix}`)
    .join('\n');
}

/**
 * Reads and parses a configuration file; an invalid one is a `MONITOR_CONFIG_INVALID` error listing every
 * problem with FILE:LINE:COL.
 *
 * @example
 * ```ts
 * const config = await loadMonitorConfig('corsguard.monitor.yaml');
 * ```
 */
export async function loadMonitorConfig(path: string) {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new CorsguardError(
      'USAGE',
      `${path}: cannot read the monitor configuration (${(e as NodeJS.ErrnoException).code ?? 'error'}); give --config FILE`,
    );
  }
  const result = parseMonitorConfig(text, path);
  if (!result.ok) {
    const n = result.issues.length;
    throw new CorsguardError(
      'MONITOR_CONFIG_INVALID',
      `${n} problem${n === 1 ? '' : 's'} in ${path}:\n${formatMonitorConfigIssues(result.issues, path)}`,
    );
  }
  return result.config;
}
