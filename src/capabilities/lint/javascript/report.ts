import { parse as parseDomain } from 'tldts';
import type { FindingId } from '../../../core/findings/index.js';
import { lintFinding } from '../finding.js';
import { judgeOriginEntry } from '../origin-entry.js';
import { regexFindings } from '../regex-findings.js';
import type { LintFix, LintReach } from '../types.js';
import { type Node, rangeOf } from './ast.js';
import type { JsContext } from './context.js';
import type { Judgement } from './judge.js';

/** Where a grant happens and how to word it. */
export interface GrantSite {
  readonly node: Node;
  readonly reach: LintReach;
  readonly rule: string;
  /** The grant in the code's words, e.g. "res.setHeader('Access-Control-Allow-Origin', origin)". */
  readonly what: string;
}

const LIST_FIX: LintFix = {
  description:
    'compare the Origin with an exact list of the front ends that need it (`const ALLOWED = new Set([...]); if (ALLOWED.has(origin)) …`) and answer only an allowed origin, with `Vary: Origin`',
};

/** Reports one finding at a node of a JavaScript file (the one way the JS checks build findings). */
export function report(
  ctx: JsContext,
  id: FindingId,
  at: Node,
  site: Omit<GrantSite, 'node' | 'what'>,
  message: string,
  extra: { counterexample?: string; fix?: LintFix } = {},
): void {
  const [start, end] = rangeOf(at);
  ctx.findings.push(
    lintFinding({
      id,
      reach: site.reach,
      message,
      rule: site.rule,
      language: 'javascript',
      file: ctx.file,
      lines: ctx.lines,
      start,
      end,
      ...extra,
    }),
  );
}

/** A shorter origin inside a listed one that is another registrable domain (`https://app.example.co`). */
function substringOrigin(list: string): string | undefined {
  for (const token of list.split(/[\s,;|]+/)) {
    const m = /^(https?:\/\/)([a-z0-9.-]+)/i.exec(token);
    if (!m?.[2]) continue;
    const own = parseDomain(m[2]).domain;
    for (let k = m[2].length - 1; k > 3; k--) {
      const host = m[2].slice(0, k);
      if (!/^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$/i.test(host)) continue;
      const p = parseDomain(host);
      if (p.isIcann && p.domain && p.domain !== own) return `${m[1]}${host}`;
    }
  }
  return undefined;
}

/**
 * Turns the judgement of a grant's conditions into findings: unguarded or deny-listed → origin-reflected;
 * exact lists → their entries judged one by one; patterns → the prover; `includes` on a string →
 * substring-match-bypass with a shorter origin of another site when the string is known.
 *
 * @example
 * ```ts
 * reportGrant(ctx, judgement, { node, reach: 'credentialed', rule: 'js/acao-header', what: 'res.setHeader(…)' });
 * ```
 */
export function reportGrant(ctx: JsContext, j: Judgement | 'unguarded', site: GrantSite): void {
  if (j === 'unguarded' || j.kind === 'deny') {
    const why =
      j === 'unguarded'
        ? "it copies the request's Origin without checking it, so every website is trusted"
        : 'it grants every origin except the ones its check rejects (a deny-list), so every other website is trusted';
    report(ctx, 'origin-reflected', site.node, site, `${site.what}: ${why}`, { fix: LIST_FIX });
    return;
  }
  for (const entry of j.entries) {
    const verdict = judgeOriginEntry(entry.value);
    if (verdict) report(ctx, verdict.id, entry.node, site, `${site.what}: ${verdict.reason}`);
  }
  for (const atom of j.patterns) {
    const [start, end] = rangeOf(atom.node);
    const r = regexFindings(atom.regex, {
      file: ctx.file,
      lines: ctx.lines,
      start,
      end,
      language: 'javascript',
      rule: site.rule,
      reach: site.reach,
      describe: atom.describe,
      ...(atom.fixEdit ? { fixEdit: atom.fixEdit } : {}),
      ...(atom.fixText ? { fixText: atom.fixText } : {}),
    });
    ctx.findings.push(...r.findings);
    ctx.problems.push(...r.problems);
  }
  for (const s of j.substrings) {
    const cx = s.list === undefined ? undefined : substringOrigin(s.list);
    report(
      ctx,
      'substring-match-bypass',
      s.node,
      site,
      `${site.what}: \`includes\` is called on a string of origins, so any part of it passes${cx ? ` (${cx})` : ''}`,
      {
        ...(cx ? { counterexample: cx } : {}),
        fix: {
          description:
            'split the list into an array (`value.split(",").map((s) => s.trim())`) and compare whole origins',
        },
      },
    );
  }
}
