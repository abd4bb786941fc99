import type { FindingId } from '../../../core/findings/index.js';
import { lintFinding } from '../finding.js';
import { judgeOriginEntry } from '../origin-entry.js';
import { regexFindings } from '../regex-findings.js';
import { LineIndex } from '../region.js';
import type { AnalyzerResult, LintFix, LintReach, SourceFile } from '../types.js';
import { envReads, type HeaderDirective, headerDirective, readsOrigin } from './directives.js';
import { type ApacheCheck, ApacheOriginFacts } from './origin-facts.js';
import { type ApacheDirective, type ApacheSection, parseApache } from './tree.js';

const ACAO = 'access-control-allow-origin';

const LIST_FIX: LintFix = {
  description:
    'answer only listed origins: `SetEnvIf Origin "^https://(app|admin)\\.example\\.com$" CORS_ORIGIN=$0` then `Header always set Access-Control-Allow-Origin "%{CORS_ORIGIN}e" env=CORS_ORIGIN` and `Header always merge Vary Origin`',
};

interface Ctx {
  readonly file: string;
  readonly lines: LineIndex;
  readonly out: AnalyzerResult;
}

function report(
  ctx: Ctx,
  id: FindingId,
  reach: LintReach,
  rule: string,
  d: ApacheDirective,
  message: string,
  fix?: LintFix,
) {
  ctx.out.findings.push(
    lintFinding({
      id,
      reach,
      message,
      rule,
      language: 'apache',
      file: ctx.file,
      lines: ctx.lines,
      start: d.start,
      end: d.end,
      ...(fix ? { fix } : {}),
    }),
  );
}

/** The sections holding one of `directives`, and those with one inside them. */
function sectionSets(directives: readonly HeaderDirective[]): {
  at: Set<ApacheSection>;
  below: Set<ApacheSection>;
} {
  const at = new Set<ApacheSection>();
  const below = new Set<ApacheSection>();
  for (const h of directives) {
    at.add(h.directive.section);
    for (let s = h.directive.section.parent; s && !below.has(s); s = s.parent) below.add(s);
  }
  return { at, below };
}

/** True when `section` or an enclosing one is in `sections`. */
function appliesTo(section: ApacheSection, sections: Set<ApacheSection>): boolean {
  for (let s: ApacheSection | undefined = section; s; s = s.parent) if (sections.has(s)) return true;
  return false;
}

/**
 * Finds the CORS misconfigurations of one Apache httpd configuration or `.htaccess`: the Origin reflected
 * without a check (`Header set Access-Control-Allow-Origin "%{HTTP_ORIGIN}e"`, `expr=%{req:Origin}`), every
 * regex the Origin is tested with (`SetEnvIf[NoCase] Origin`, `RewriteCond %{HTTP:Origin}`, `<If … =~ /…/>`)
 * proved exactly, `*` with credentials, `null`/`http://` origins, and a dynamic
 * `Access-Control-Allow-Origin` without `Vary: Origin`. mod_headers merges the `Header` directives of the
 * sections that apply (https://httpd.apache.org/docs/2.4/sections.html#merging), so credentials and `Vary`
 * are looked up in the enclosing sections too.
 *
 * @example
 * ```ts
 * analyzeApache({ path: '.htaccess', text: 'Header set Access-Control-Allow-Origin "%{HTTP_ORIGIN}e"\nHeader merge Vary Origin' })
 *   .findings.map((f) => f.id); // ['origin-reflected']
 * ```
 */
export function analyzeApache(file: SourceFile): AnalyzerResult {
  const ctx: Ctx = { file: file.path, lines: new LineIndex(file.text), out: { findings: [], problems: [] } };
  const config = parseApache(file.text);
  if (config.error)
    ctx.out.problems.push({
      file: file.path,
      line: ctx.lines.position(config.error.offset).line,
      code: 'LINT_PARSE_ERROR',
      message: `httpd would refuse this file: ${config.error.message}; only what comes before it was checked`,
    });
  const facts = new ApacheOriginFacts(config);
  const headers = config.all.map(headerDirective).filter((h): h is HeaderDirective => h !== undefined);
  const credentials = headers.filter(
    (h) => h.name === 'access-control-allow-credentials' && h.value?.value.trim().toLowerCase() === 'true',
  );
  const varies = headers.filter(
    (h) =>
      h.name === 'vary' &&
      h.value !== undefined &&
      /(?:^|[\s,])(?:origin|\*)(?:$|[\s,])/i.test(h.value.value),
  );
  const creds = sectionSets(credentials);
  const vary = sectionSets(varies);
  const linked = new Map<ApacheCheck, LintReach>();
  for (const h of headers) {
    if (h.name !== ACAO || !h.value) continue;
    const d = h.directive;
    // mod_headers merges the sections that apply: credentials set around it, or inside it for those requests.
    const credentialed = appliesTo(d.section, creds.at) || creds.below.has(d.section);
    const reach: LintReach = credentialed ? 'credentialed' : 'anonymous';
    const value = h.value.value.replace(/^expr=/i, '').trim();
    const shown = `Header ${h.table === 'always' ? 'always ' : ''}${h.action} Access-Control-Allow-Origin ${h.value.value}`;
    // The checks in force: enclosing <If>, env=VAR set by an Origin check.
    const guards: ApacheCheck[] = [];
    for (let s: ApacheSection | undefined = d.section; s; s = s.parent) {
      const c = s.owner && facts.ifChecks.get(s.owner);
      if (c) guards.push(c);
    }
    if (h.env && !h.env.negated) {
      const values = facts.env.get(h.env.variable) ?? [];
      if (values.length > 0 && values.every((v) => v.check))
        guards.push(...values.map((v) => v.check as ApacheCheck));
    }
    let dynamic = false;
    let unguarded = false;
    if (readsOrigin(value) && !(facts.env.get('HTTP_ORIGIN') && /%\{HTTP_ORIGIN\}e/i.test(value))) {
      dynamic = true;
      if (guards.length === 0) unguarded = true;
    }
    const used: ApacheCheck[] = [...guards];
    for (const variable of envReads(value)) {
      for (const v of facts.env.get(variable) ?? []) {
        if (!v.reflects) continue;
        dynamic = true;
        if (v.check) used.push(v.check);
        else if (guards.length === 0) unguarded = true;
      }
    }
    for (const c of used) if (linked.get(c) !== 'credentialed') linked.set(c, reach);
    if (!dynamic) {
      if (value === '*') {
        if (credentialed)
          report(
            ctx,
            'wildcard-with-credentials',
            reach,
            'apache/header',
            d,
            `\`${shown}\` with \`Access-Control-Allow-Credentials "true"\`: browsers refuse the credentialed read, so the next "fix" is usually to reflect the Origin`,
            LIST_FIX,
          );
        else
          report(
            ctx,
            'wildcard-origin',
            reach,
            'apache/header',
            d,
            `\`${shown}\` lets every site read these responses (without cookies)`,
          );
      } else if (!value.includes('%{')) {
        const verdict = judgeOriginEntry(value);
        if (verdict) report(ctx, verdict.id, reach, 'apache/header', d, `\`${shown}\`: ${verdict.reason}`);
      }
      continue;
    }
    if (unguarded)
      report(
        ctx,
        'origin-reflected',
        reach,
        'apache/header',
        d,
        `\`${shown}\` answers every Origin with itself${credentialed ? ', with `Access-Control-Allow-Credentials "true"`' : ''}: any site can read these responses`,
        LIST_FIX,
      );
    if (!appliesTo(d.section, vary.at))
      ctx.out.findings.push(
        lintFinding({
          id: 'vary-origin-missing',
          reach: 'anonymous',
          rule: 'apache/vary',
          language: 'apache',
          file: ctx.file,
          lines: ctx.lines,
          start: d.start,
          end: d.end,
          message: `\`${shown}\` depends on the Origin but no \`Header merge Vary Origin\` applies here: caches can serve one origin's answer to another`,
          fix: {
            description: `add \`Header ${h.table === 'always' ? 'always ' : ''}merge Vary Origin\` next to it`,
            edit: {
              start: d.end,
              end: d.end,
              text: `\n${indentOf(ctx, d)}Header ${h.table === 'always' ? 'always ' : ''}merge Vary Origin`,
            },
          },
        }),
      );
  }
  for (const check of facts.checks) judgeCheck(ctx, facts, check, linked.get(check) ?? 'anonymous');
  return ctx.out;
}

function indentOf(ctx: Ctx, d: ApacheDirective): string {
  return /^[ \t]*/.exec(ctx.lines.lineText(ctx.lines.position(d.start).line))?.[0] ?? '';
}

/** `^(?:…)$` around a regex, after its leading inline flags: what answering `$0` really lets through. */
function wholeMatch(source: string): string {
  const inline = /^\(\?[a-zA-Z]+\)/.exec(source)?.[0] ?? '';
  return `${inline}^(?:${source.slice(inline.length)})$`;
}

function apacheQuote(value: string): string {
  return `"${value.replace(/"/g, '\\"')}"`;
}

function judgeCheck(ctx: Ctx, facts: ApacheOriginFacts, check: ApacheCheck, reach: LintReach): void {
  if (check.kind === 'literal') {
    const verdict = judgeOriginEntry(check.text);
    if (verdict)
      ctx.out.findings.push(
        lintFinding({
          id: verdict.id,
          reach,
          rule: check.rule,
          language: 'apache',
          file: ctx.file,
          lines: ctx.lines,
          start: check.start,
          end: check.end,
          message: `the Origin is compared with \`${check.text}\`: ${verdict.reason}`,
        }),
      );
    return;
  }
  // `SetEnvIf Origin "…" CORS=$0` answers the matched part only: an Origin the regex matches just in part
  // gets back an origin that is not its own, which the browser refuses. What gets through is a whole match.
  const whole = facts.capturedOnly.has(check);
  const source = whole ? wholeMatch(check.text) : check.text;
  const word = check.word;
  const r = regexFindings(
    { source, flags: check.flags, dialect: 'pcre' },
    {
      file: ctx.file,
      lines: ctx.lines,
      start: check.start,
      end: check.end,
      language: 'apache',
      rule: check.rule,
      reach,
      describe: check.describe,
      ...(word
        ? { fixEdit: (fixed: string) => ({ start: word.start, end: word.end, text: apacheQuote(fixed) }) }
        : {}),
    },
  );
  ctx.out.findings.push(...r.findings);
  ctx.out.problems.push(...r.problems);
}
