import { judgeOriginEntry } from '../origin-entry.js';
import { regexFindings } from '../regex-findings.js';
import { LineIndex } from '../region.js';
import type { AnalyzerResult, LintFix, LintReach, SourceFile } from '../types.js';
import { type OriginCheck, OriginFacts } from './guards.js';
import { type AddHeader, addHeader, effectiveHeaders, sendsCredentials, variesOnOrigin } from './headers.js';
import { type NginxContext, nginxQuote, report } from './report.js';
import { type NginxDirective, parseNginx, variablesOf } from './tree.js';

const ACAO = 'access-control-allow-origin';

const LIST_FIX: LintFix = {
  description:
    'answer only listed origins: `map $http_origin $cors_origin { default ""; "https://app.example.com" $http_origin; }` at http level, then `add_header Access-Control-Allow-Origin $cors_origin always;` and `add_header Vary Origin always;`',
};

/** What one dynamic `Access-Control-Allow-Origin` depends on. */
interface DynamicAcao {
  readonly header: AddHeader;
  readonly reach: LintReach;
  readonly checks: OriginCheck[];
}

/**
 * Finds the CORS misconfigurations of one nginx configuration file: the Origin reflected without a check
 * (`add_header Access-Control-Allow-Origin $http_origin`, a `map` whose `default` is `$http_origin`), every
 * regex the Origin is tested with (`if ($http_origin ~* …)`, `map` regex keys) proved exactly, listed
 * origins that should not be (`null`, `http://`, localhost), `*` with credentials, and a dynamic
 * `Access-Control-Allow-Origin` sent without `Vary: Origin`. A syntax error is a `LINT_PARSE_ERROR` problem;
 * what was read before it is still analyzed.
 *
 * @example
 * ```ts
 * analyzeNginx({ path: 'nginx.conf', text: 'location / { add_header Access-Control-Allow-Origin $http_origin; add_header Vary Origin; }' })
 *   .findings.map((f) => f.id); // ['origin-reflected']
 * ```
 */
export function analyzeNginx(file: SourceFile): AnalyzerResult {
  const ctx: NginxContext = {
    file: file.path,
    lines: new LineIndex(file.text),
    out: { findings: [], problems: [] },
  };
  const config = parseNginx(file.text);
  if (config.error) {
    ctx.out.problems.push({
      file: file.path,
      line: ctx.lines.position(config.error.offset).line,
      code: 'LINT_PARSE_ERROR',
      message: `nginx would refuse this file: ${config.error.message}; only what comes before it was checked`,
    });
  }
  const facts = new OriginFacts(config);
  const reaches = new Map<OriginCheck, LintReach>();
  for (const d of config.all) {
    const h = addHeader(d);
    if (h?.name !== ACAO) continue;
    const acao = judgeAcao(ctx, facts, h);
    for (const check of acao?.checks ?? [])
      if (reaches.get(check) !== 'credentialed') reaches.set(check, acao?.reach ?? 'anonymous');
  }
  for (const check of facts.checks) judgeCheck(ctx, check, reaches.get(check) ?? 'anonymous');
  return ctx.out;
}

function judgeAcao(ctx: NginxContext, facts: OriginFacts, h: AddHeader): DynamicAcao | undefined {
  const d = h.directive;
  const headers = effectiveHeaders(d.parent);
  const credentialed = sendsCredentials(headers);
  const reach: LintReach = credentialed ? 'credentialed' : 'anonymous';
  const value = h.value.value.trim();
  const vars = variablesOf(value);
  const range = { start: d.start, end: d.end };
  if (vars.length === 0) {
    if (value === '*') {
      if (credentialed)
        report(
          ctx,
          'wildcard-with-credentials',
          reach,
          'nginx/add-header',
          range,
          '`add_header Access-Control-Allow-Origin *` with `Access-Control-Allow-Credentials true`: browsers refuse the credentialed read, so the next "fix" is usually to reflect the Origin',
          LIST_FIX,
        );
      else
        report(
          ctx,
          'wildcard-origin',
          reach,
          'nginx/add-header',
          range,
          '`add_header Access-Control-Allow-Origin *` lets every site read these responses (without cookies)',
        );
      return undefined;
    }
    const verdict = judgeOriginEntry(value);
    if (verdict)
      report(
        ctx,
        verdict.id,
        reach,
        'nginx/add-header',
        range,
        `\`add_header Access-Control-Allow-Origin ${value}\`: ${verdict.reason}`,
      );
    return undefined;
  }
  const guards = facts.guardsOf(d);
  const checks = guards.flat();
  let reflects = false;
  let unguarded = false;
  let mapDefault: NginxDirective | undefined;
  for (const v of vars) {
    if (v === 'http_origin') {
      reflects = true;
      if (guards.length === 0) unguarded = true;
      continue;
    }
    for (const entry of facts.values.get(v) ?? []) {
      if (!variablesOf(entry.value).includes('http_origin')) continue;
      reflects = true;
      if (entry.fromMap) {
        if (entry.mapCheck) checks.push(entry.mapCheck);
        else if (guards.length === 0) mapDefault = entry.directive;
        continue;
      }
      const own = facts.guardsOf(entry.directive);
      checks.push(...own.flat());
      if (own.length === 0 && guards.length === 0) unguarded = true;
    }
    if ((facts.values.get(v) ?? []).some((e) => e.fromMap && facts.originMaps.includes(mapOf(e.directive))))
      reflects = true;
  }
  if (!reflects) return undefined;
  if (unguarded)
    report(
      ctx,
      'origin-reflected',
      reach,
      'nginx/add-header',
      range,
      `\`add_header Access-Control-Allow-Origin ${value}\` answers every Origin with itself${credentialed ? ', with `Access-Control-Allow-Credentials true`' : ''}: any site can read these responses`,
      LIST_FIX,
    );
  if (mapDefault)
    report(
      ctx,
      'origin-reflected',
      reach,
      'nginx/map-default',
      { start: mapDefault.start, end: mapDefault.end },
      `the \`map\` behind \`add_header Access-Control-Allow-Origin ${value}\` gives \`$http_origin\` by \`default\`: every Origin is answered with itself`,
      { description: 'make the map `default ""` and list the allowed origins as exact keys' },
    );
  if (!variesOnOrigin(headers))
    report(
      ctx,
      'vary-origin-missing',
      'anonymous',
      'nginx/vary',
      range,
      `\`add_header Access-Control-Allow-Origin ${value}\` depends on the Origin but this block sends no \`Vary: Origin\`${hasVaryAbove(d) ? ' (the `add_header Vary` of an enclosing block is not inherited here: nginx drops parent add_header directives when a block has its own)' : ''}: caches can serve one origin's answer to another`,
      {
        description: 'add `add_header Vary Origin always;` next to it',
        edit: {
          start: d.end,
          end: d.end,
          text: `\n${indentOf(ctx, d)}add_header Vary Origin${h.always ? ' always' : ''};`,
        },
      },
    );
  return { header: h, reach, checks };
}

function mapOf(entry: NginxDirective): NginxDirective {
  return entry.parent.owner ?? entry;
}

function hasVaryAbove(d: NginxDirective): boolean {
  for (let b = d.parent.parent; b; b = b.parent)
    if (variesOnOrigin(b.directives.map(addHeader).filter((h): h is AddHeader => h !== undefined)))
      return true;
  return false;
}

function indentOf(ctx: NginxContext, d: NginxDirective): string {
  const line = ctx.lines.lineText(ctx.lines.position(d.start).line);
  return /^[ \t]*/.exec(line)?.[0] ?? '';
}

function judgeCheck(ctx: NginxContext, check: OriginCheck, reach: LintReach): void {
  const range = { start: check.word.start, end: check.word.end };
  if (check.kind === 'literal') {
    const verdict = judgeOriginEntry(check.text);
    if (verdict)
      report(
        ctx,
        verdict.id,
        reach,
        check.mapPrefix === undefined && check.directive?.name === 'if'
          ? 'nginx/if-origin'
          : 'nginx/map-origin',
        range,
        `the Origin is compared with \`${check.text}\`: ${verdict.reason}`,
      );
    return;
  }
  const inMap = check.mapPrefix !== undefined;
  const r = regexFindings(
    { source: check.text, flags: check.flags, dialect: 'pcre' },
    {
      file: ctx.file,
      lines: ctx.lines,
      start: range.start,
      end: range.end,
      language: 'nginx',
      rule: inMap ? 'nginx/map-origin' : 'nginx/if-origin',
      reach,
      describe: inMap
        ? `the nginx \`map $http_origin\` key \`${check.word.value}\``
        : `the nginx \`if ($http_origin ${check.flags ? '~*' : '~'} …)\` test`,
      fixEdit: (fixed) => ({
        start: range.start,
        end: range.end,
        text: nginxQuote(`${check.mapPrefix ?? ''}${fixed}`),
      }),
    },
  );
  ctx.out.findings.push(...r.findings);
  ctx.out.problems.push(...r.problems);
}
