import { judgeOriginEntry } from '../origin-entry.js';
import { child, type Node, rangeOf, stringValue, unwrap } from './ast.js';
import type { JsContext } from './context.js';
import { type Guard, guardsOf } from './guards.js';
import { combine, type Judgement, judge } from './judge.js';
import { isOriginRead } from './origin-read.js';
import { type GrantSite, report, reportGrant } from './report.js';

/** What one value written as `Access-Control-Allow-Origin` (or returned by an origin callback) amounts to. */
export interface GrantOutcome {
  /** The value can be the request's Origin (so responses differ by Origin and need `Vary: Origin`). */
  readonly dynamic: boolean;
  /** It was reported as reflecting every origin. */
  readonly reflected: boolean;
}

/**
 * Judges the guards a grant of the request's Origin runs under (all must hold) and reports what gets
 * through; `unknown` checks (an imported `isAllowed(origin)`) are trusted, never guessed at.
 *
 * @example
 * ```ts
 * grantOrigin(ctx, guardsOf(call, ancestors), names, site); // 'reflected' for an unguarded copy of the Origin
 * ```
 */
export function grantOrigin(
  ctx: JsContext,
  guards: readonly Guard[],
  names: ReadonlySet<string>,
  site: GrantSite,
): GrantOutcome {
  let j: Judgement | undefined;
  for (const g of guards) {
    const next = judge(g.test, ctx, names, g.positive);
    j = j === undefined ? next : combine(j, next, 'and');
  }
  if (j === undefined || j.kind === 'none' || j.kind === 'deny') {
    reportGrant(ctx, j === undefined || j.kind === 'none' ? 'unguarded' : j, site);
    return { dynamic: true, reflected: true };
  }
  if (j.kind !== 'unknown') reportGrant(ctx, j, site);
  return { dynamic: true, reflected: false };
}

/**
 * Follows a value to what it grants: a literal (`'*'` is reported by the caller, other literals judged as
 * allowlist entries), both sides of a ternary (each under its condition), the request's Origin (under the
 * guards around it), or a name given any of these (`let allow = ''; if (ok) allow = origin;`).
 *
 * @example
 * ```ts
 * grantValue(ctx, valueNode, guardsOf(call, ancestors), names, site, (literal) => {});
 * ```
 */
export function grantValue(
  ctx: JsContext,
  value: Node | undefined,
  guards: readonly Guard[],
  names: ReadonlySet<string>,
  site: GrantSite,
  onLiteral: (literal: string, node: Node) => void,
  depth = 0,
): GrantOutcome {
  const none: GrantOutcome = { dynamic: false, reflected: false };
  const v = unwrap(value);
  if (!v || depth > 8) return none;
  const literal = stringValue(v);
  if (literal !== undefined) {
    if (literal !== '*') {
      const verdict = judgeOriginEntry(literal);
      if (verdict) report(ctx, verdict.id, v, site, `${site.what}: ${verdict.reason}`);
    }
    onLiteral(literal, v);
    return none;
  }
  if (v.type === 'ConditionalExpression') {
    const test = child(v, 'test') as Node;
    const a = grantValue(
      ctx,
      child(v, 'consequent'),
      [...guards, { test, positive: true }],
      names,
      site,
      onLiteral,
      depth + 1,
    );
    const b = grantValue(
      ctx,
      child(v, 'alternate'),
      [...guards, { test, positive: false }],
      names,
      site,
      onLiteral,
      depth + 1,
    );
    return { dynamic: a.dynamic || b.dynamic, reflected: a.reflected || b.reflected };
  }
  if (v.type === 'Identifier' && !names.has(v.name as string)) {
    const assigned = ctx.bindings.assignments.get(v.name as string) ?? [];
    let out = none;
    for (const a of assigned) {
      if (a.value === v) continue;
      const at = a.ancestors[a.ancestors.length - 1] ?? a.value;
      const r = grantValue(
        ctx,
        a.value,
        [...guards, ...guardsOf(at, a.ancestors.slice(0, -1))],
        names,
        site,
        onLiteral,
        depth + 1,
      );
      out = { dynamic: out.dynamic || r.dynamic, reflected: out.reflected || r.reflected };
    }
    return out;
  }
  if (isOriginRead(v, ctx, names)) return grantOrigin(ctx, guards, names, site);
  return none;
}

/** The code of a node on one line, shortened, for messages ("res.setHeader('Access-Control-Allow-Origin', origin)"). */
export function codeOf(ctx: JsContext, node: Node): string {
  const [start, end] = rangeOf(node);
  const text = ctx.text.slice(start, Math.min(end, start + 200)).replace(/\s+/g, ' ');
  return text.length > 90 ? `${text.slice(0, 87)}...` : text;
}
