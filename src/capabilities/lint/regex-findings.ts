import { CorsguardError } from '../../core/errors/index.js';
import type { FindingId } from '../../core/findings/index.js';
import { hostSite } from '../../core/origin/index.js';
import {
  type Counterexample,
  type JsRegex,
  type OriginRegex,
  type ProofResult,
  proveOriginRegex,
  toJsRegex,
} from '../regex-prover/index.js';
import { lintFinding } from './finding.js';
import type { LineIndex } from './region.js';
import type { AnalyzerResult, LintEdit, LintFinding, LintLanguage, LintReach } from './types.js';

/** Where an origin regex (or a string check turned into one) was found, and how to report on it. */
export interface RegexSite {
  readonly file: string;
  readonly lines: LineIndex;
  readonly start: number;
  readonly end: number;
  readonly language: LintLanguage;
  readonly rule: string;
  readonly reach: LintReach;
  /** What the check is, in the words of the code, e.g. "the nginx `if ($http_origin ~* …)` test". */
  readonly describe: string;
  /** The trusted site when the surrounding code names it; else derived from the regex's literal host. */
  readonly trustedSite?: string;
  /** `http://` origins of the site are trusted on purpose (a development config). */
  readonly allowHttp?: boolean;
  /** Wraps a proven-safe replacement pattern into an edit of the file, when the analyzer can write one. */
  readonly fixEdit?: (fixedSource: string) => LintEdit | undefined;
  /** Words of the fix when no regex edit applies (e.g. "compare with an exact list"). */
  readonly fixText?: string;
}

const ATTACKER = 'corsguard-attacker';

function test(regex: JsRegex, origin: string): boolean {
  return new RegExp(regex.source, regex.flags.replace(/[gy]/g, '')).test(origin);
}

/** The longest literal host on the trusted site written in the pattern (`api.example.com`), else the site. */
function trustedHost(source: string, site: string): string {
  const text = source.replace(/\\\./g, '.').toLowerCase();
  let best = site;
  for (const m of text.matchAll(/[a-z0-9-]+(?:\.[a-z0-9-]+)+/g)) {
    if (hostSite(m[0]).registrableDomain === site && m[0].length > best.length) best = m[0];
  }
  return best;
}

/** True when the source has a `.` outside a class that is not quantified (`.*`, `.+` are wildcards, not dots). */
function hasUnescapedDot(source: string): boolean {
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') i++;
    else if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else if (c === '.' && !/[*+?{]/.test(source[i + 1] ?? '') && /[a-z0-9)\]]/i.test(source[i - 1] ?? ''))
      return true;
  }
  return false;
}

function hostOf(origin: string): string {
  const rest = origin.slice(origin.indexOf('://') + 3);
  const colon = rest.indexOf(':');
  return colon < 0 ? rest : rest.slice(0, colon);
}

/** Which scanner finding a cross-site counterexample stands for, decided with the real engine on the scanner's probe shapes. */
function classify(js: JsRegex, cx: Counterexample, site: string, host: string): FindingId {
  const scheme = cx.origin.slice(0, cx.origin.indexOf('://'));
  const cxHost = hostOf(cx.origin);
  if (hasUnescapedDot(js.source)) {
    for (let i = 0; i < cxHost.length; i++) {
      if (cxHost[i] === '.') continue;
      const dotted = `${cxHost.slice(0, i)}.${cxHost.slice(i + 1)}`;
      if (hostSite(dotted).registrableDomain === site && test(js, `${scheme}://${dotted}`))
        return 'unescaped-dot-bypass';
    }
  }
  // The trusted host the witness starts with (`app.example.com` of `app.example.com.x.com`, when the
  // pattern spells it through an alternation) is the prefix probe's host too.
  let lead = host;
  for (let i = cxHost.indexOf('.'); i > 0; i = cxHost.indexOf('.', i + 1)) {
    if (hostSite(cxHost.slice(0, i)).registrableDomain === site) lead = cxHost.slice(0, i);
  }
  const prefix =
    test(js, `${scheme}://${host}.${ATTACKER}.com`) || test(js, `${scheme}://${lead}.${ATTACKER}.com`);
  // `\w*example\.com` refuses the probe's `-`: a letter in front of the domain is the same bypass.
  const suffix = test(js, `${scheme}://${ATTACKER}${site}`) || test(js, `${scheme}://x${site}`);
  if (prefix && suffix) return 'substring-match-bypass';
  if (prefix) return 'prefix-match-bypass';
  if (suffix) return 'suffix-match-bypass';
  if (test(js, `${scheme}://${ATTACKER}.com`)) return 'origin-reflected';
  return 'substring-match-bypass';
}

const DOES: Partial<Record<FindingId, string>> = {
  'unescaped-dot-bypass': 'an unescaped `.` matches any character',
  'prefix-match-bypass': 'the end of the origin is not anchored',
  'suffix-match-bypass': 'the host may have anything in front of the domain name',
  'substring-match-bypass': 'the trusted name may appear anywhere in the origin',
  'origin-reflected': 'it accepts unrelated origins',
  'insecure-scheme-trusted': 'it accepts `http://` origins, which a network attacker can impersonate',
  'null-origin-allowed': 'it accepts the `null` origin of sandboxed frames',
  'subdomain-trusted': 'it accepts every subdomain, including ones you did not build',
};

/**
 * A safe version of an origin pattern for the simple cases: the dots of literal host names escaped, the
 * pattern anchored at both ends. Returned only when the prover finds the result safe.
 *
 * @example
 * ```ts
 * safeRegexSource({ source: 'https://api.example.com', flags: '', dialect: 'js' }, 'example.com');
 * // '^https://api\\.example\\.com$'
 * ```
 */
export function safeRegexSource(regex: OriginRegex, site: string): string | undefined {
  let body = regex.source;
  const inline = /^\(\?[a-zA-Z]+\)/.exec(body)?.[0] ?? '';
  body = body.slice(inline.length);
  if (body.startsWith('^')) body = body.slice(1);
  if (body.endsWith('$') && !body.endsWith('\\$')) body = body.slice(0, -1);
  body = body.replace(/(?<=[a-z0-9-)])\.(?=[a-z0-9-(])/gi, '\\.');
  const source = topLevelAlternation(body) ? `${inline}^(?:${body})$` : `${inline}^${body}$`;
  try {
    const js = toJsRegex({ ...regex, source });
    const proof = proveOriginRegex(js, { trustedSite: site });
    return proof.verdict === 'safe' && !test(js, `https://${ATTACKER}.${site}`) ? source : undefined;
  } catch {
    return undefined;
  }
}

function topLevelAlternation(source: string): boolean {
  let depth = 0;
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') i++;
    else if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) return true;
  }
  return false;
}

function problem(at: RegexSite, e: CorsguardError): AnalyzerResult {
  const { line } = at.lines.position(at.start);
  return {
    findings: [],
    problems: [{ file: at.file, line, code: e.code, message: `${at.describe}: ${e.message}` }],
  };
}

/**
 * Proves one origin pattern and reports what gets through: one finding per counterexample kind (cross-site,
 * `http://`, `null`), with the scanner's id for the bug its witness shows, the counterexample origin, and a
 * proven-safe replacement when the analyzer can write one. A pattern the prover refuses becomes a problem
 * (reported, never a silent pass).
 *
 * @example
 * ```ts
 * regexFindings({ source: '^https://.*example.com$', flags: '', dialect: 'js' }, site).findings[0]?.counterexample;
 * // 'https://xexample.com'
 * ```
 */
export function regexFindings(regex: OriginRegex, at: RegexSite): AnalyzerResult {
  let js: JsRegex;
  let proof: ProofResult;
  try {
    js = toJsRegex(regex);
    proof = proveOriginRegex(js, {
      ...(at.trustedSite === undefined ? {} : { trustedSite: at.trustedSite }),
      allowHttp: at.allowHttp ?? false,
    });
  } catch (e) {
    if (e instanceof CorsguardError) return problem(at, e);
    throw e;
  }
  const site = proof.trustedSite;
  const host = trustedHost(regex.source, site);
  const findings: LintFinding[] = [];
  const fixed = safeRegexSource(regex, site);
  const edit = fixed === undefined ? undefined : at.fixEdit?.(fixed);
  const fix =
    fixed !== undefined
      ? {
          description: `use the pattern \`${fixed}\` (dots escaped, anchored at both ends; proven safe)`,
          ...(edit ? { edit } : {}),
        }
      : at.fixText !== undefined
        ? { description: at.fixText }
        : undefined;
  const report = (id: FindingId, origin: string | undefined, reason: string) => {
    findings.push(
      lintFinding({
        id,
        reach: at.reach,
        message: `${at.describe} trusts ${origin ?? 'attacker origins'}: ${reason}`,
        rule: at.rule,
        language: at.language,
        file: at.file,
        lines: at.lines,
        start: at.start,
        end: at.end,
        ...(origin === undefined ? {} : { counterexample: origin }),
        pattern: { source: regex.source, flags: regex.flags, dialect: regex.dialect },
        ...(fix === undefined ? {} : { fix }),
      }),
    );
  };
  for (const cx of proof.counterexamples) {
    const id: FindingId =
      cx.kind === 'null'
        ? 'null-origin-allowed'
        : cx.kind === 'insecure-scheme'
          ? 'insecure-scheme-trusted'
          : classify(js, cx, site, host);
    report(id, cx.origin, DOES[id] ?? 'it accepts an origin outside the trusted site');
  }
  const wildcardSub = `https://${ATTACKER}.${site}`;
  if (!findings.some((f) => f.id !== 'insecure-scheme-trusted') && test(js, wildcardSub))
    report('subdomain-trusted', wildcardSub, DOES['subdomain-trusted'] as string);
  return { findings, problems: [] };
}

/** A string comparison on the Origin (or on its host name) that an analyzer found in code. */
export type StringCheck = 'equals' | 'startsWith' | 'endsWith' | 'includes';

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

/**
 * The origin regex equivalent to a string check, so the prover decides string checks exactly like regexes:
 * `origin.endsWith('example.com')` is `/example\.com$/`, `new URL(origin).hostname.startsWith('app.')` is a
 * pattern over the whole origin whose host starts with `app.`.
 *
 * @example
 * ```ts
 * stringCheckRegex('endsWith', 'example.com', 'origin'); // { source: 'example\\.com$', flags: '', dialect: 'js' }
 * ```
 */
export function stringCheckRegex(
  check: StringCheck,
  literal: string,
  subject: 'origin' | 'host',
): OriginRegex {
  const lit = escapeRegex(literal);
  if (subject === 'origin') {
    const source =
      check === 'equals'
        ? `^${lit}$`
        : check === 'startsWith'
          ? `^${lit}`
          : check === 'endsWith'
            ? `${lit}$`
            : lit;
    return { source, flags: '', dialect: 'js' };
  }
  const hostChar = '[^/:]';
  const host =
    check === 'equals'
      ? lit
      : check === 'startsWith'
        ? `${lit}${hostChar}*`
        : check === 'endsWith'
          ? `${hostChar}*${lit}`
          : `${hostChar}*${lit}${hostChar}*`;
  return { source: `^[a-z][a-z0-9+.-]*:\\/\\/${host}(?::[0-9]+)?$`, flags: '', dialect: 'js' };
}
