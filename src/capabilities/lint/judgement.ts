/**
 * What a condition on the Origin amounts to, the same for every language (the entries, patterns and
 * substrings are the language's own nodes):
 * - `none`: it does not look at the Origin;
 * - `unknown`: it does, in a way the analyzer cannot decide (a call to an imported function);
 * - `exact`: an exact comparison or allowlist lookup (literal entries are judged one by one);
 * - `flawed`: patterns (regexes, prefix/suffix/substring checks), each decided by the prover, and
 *   lookups in a string of origins (any substring passes);
 * - `deny`: the grant happens when a check FAILS (a deny-list), so every other origin is granted.
 */
export interface JudgementOf<E, P, S> {
  readonly kind: 'none' | 'unknown' | 'exact' | 'flawed' | 'deny';
  readonly entries: readonly E[];
  readonly patterns: readonly P[];
  readonly substrings: readonly S[];
}

/**
 * Joins the judgements of two conditions: `and` (both must hold, so an exact comparison bounds what
 * passes to its entries) or `or` (either grants, so the weakest decides).
 *
 * @example
 * ```ts
 * combineJudgements(judge(a), judge(b), 'and');
 * ```
 */
export function combineJudgements<E, P, S>(
  a: JudgementOf<E, P, S>,
  b: JudgementOf<E, P, S>,
  op: 'and' | 'or',
): JudgementOf<E, P, S> {
  if (a.kind === 'none') return b;
  if (b.kind === 'none') return a;
  const none = { entries: [], patterns: [], substrings: [] };
  const merged = {
    entries: [...a.entries, ...b.entries],
    patterns: [...a.patterns, ...b.patterns],
    substrings: [...a.substrings, ...b.substrings],
  };
  if (op === 'and') {
    if (a.kind === 'exact' || b.kind === 'exact') {
      const entries = [...(a.kind === 'exact' ? a.entries : []), ...(b.kind === 'exact' ? b.entries : [])];
      return { ...none, kind: 'exact', entries };
    }
    if (a.kind === 'flawed' || b.kind === 'flawed') return { ...merged, kind: 'flawed' };
    return { ...none, kind: a.kind === 'deny' && b.kind === 'deny' ? 'deny' : 'unknown' };
  }
  if (a.kind === 'deny' || b.kind === 'deny') return { ...none, kind: 'deny' };
  if (a.kind === 'flawed' || b.kind === 'flawed') return { ...merged, kind: 'flawed' };
  return a.kind === 'unknown' || b.kind === 'unknown'
    ? { ...none, kind: 'unknown' }
    : { ...merged, kind: 'exact' };
}

/**
 * A recognised check that must FAIL for the grant (`positive` false) is a deny-list.
 *
 * @example
 * ```ts
 * withPolarity(judgeCall(call), false).kind; // 'deny' for `if (!ALLOWED.includes(origin))` before a grant
 * ```
 */
export function withPolarity<J extends JudgementOf<unknown, unknown, unknown>>(j: J, positive: boolean): J {
  return positive || j.kind === 'none' || j.kind === 'unknown'
    ? j
    : { ...j, kind: 'deny', entries: [], patterns: [], substrings: [] };
}
