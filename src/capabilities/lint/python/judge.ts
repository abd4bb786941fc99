import { combineJudgements, type JudgementOf, withPolarity } from '../judgement.js';
import { stringCheckRegex } from '../regex-findings.js';
import type { LintPattern } from '../types.js';
import { callName, type Node, positional, pyElements, pyString } from './ast.js';
import { type PyContext, type PySite, pyEntries, pyRegex, pyReport, pyResolve } from './context.js';
import { isPyOriginRead, mentionsPyOrigin } from './origin-read.js';

/** An origin pattern a Python check applies, in its `re` dialect. */
interface PyPattern {
  readonly node: Node;
  readonly source: string;
  readonly pattern: Omit<LintPattern, 'source'>;
  readonly fixText?: string;
}

/** What a Python condition on the Origin amounts to (see `JudgementOf`). */
export type PyJudgement = JudgementOf<Node, PyPattern, Node>;

const NONE: PyJudgement = { kind: 'none', entries: [], patterns: [], substrings: [] };
const UNKNOWN: PyJudgement = { ...NONE, kind: 'unknown' };
const DENY: PyJudgement = { ...NONE, kind: 'deny' };
const exact = (entries: readonly Node[] = []): PyJudgement => ({ ...NONE, kind: 'exact', entries });
const flawed = (patterns: PyPattern[], substrings: Node[] = []): PyJudgement => ({
  ...NONE,
  kind: 'flawed',
  patterns,
  substrings,
});

const LIST_FIX =
  'compare the whole origin with an exact set: `if origin in ALLOWED_ORIGINS:` with ALLOWED_ORIGINS = {"https://app.example.com"}';

/** Joins two judgements (see `combineJudgements`). */
export const pyCombine = combineJudgements<Node, PyPattern, Node>;

const polarity = withPolarity<PyJudgement>;

/** `origin` itself, or `urlparse(origin).hostname` / `.netloc`. */
function subjectOf(
  node: Node | null | undefined,
  ctx: PyContext,
  names: ReadonlySet<string>,
): 'origin' | 'host' | undefined {
  const n = pyResolve(node, ctx);
  if (isPyOriginRead(n, ctx, names)) return 'origin';
  if (
    n?.type === 'attribute' &&
    ['hostname', 'netloc'].includes(n.childForFieldName('attribute')?.text ?? '')
  ) {
    const call = pyResolve(n.childForFieldName('object'), ctx);
    if (call?.type === 'call' && ['urlparse', 'urlsplit'].includes(callName(call) ?? ''))
      return isPyOriginRead(positional(call)[0], ctx, names) ? 'host' : undefined;
  }
  return undefined;
}

/** A regex call: `re.match(p, origin)`, `PATTERN.fullmatch(origin)` with `PATTERN = re.compile(p, re.I)`. */
function regexCall(n: Node, ctx: PyContext, names: ReadonlySet<string>): PyJudgement | undefined {
  const method = callName(n);
  if (method !== 'match' && method !== 'fullmatch' && method !== 'search') return undefined;
  const dialect = `python-${method}` as const;
  const fn = n.childForFieldName('function');
  const object = fn?.type === 'attribute' ? pyResolve(fn.childForFieldName('object'), ctx) : undefined;
  const args = positional(n);
  let patternNode: Node | undefined;
  let flagsNode: Node | undefined;
  if (object?.type === 'identifier' && object.text === 're') {
    if (!isPyOriginRead(args[1], ctx, names)) return undefined;
    patternNode = pyResolve(args[0], ctx);
    flagsNode = args[2];
  } else if (object?.type === 'call' && callName(object) === 'compile') {
    if (!isPyOriginRead(args[0], ctx, names)) return undefined;
    patternNode = pyResolve(positional(object)[0], ctx);
    flagsNode = positional(object)[1];
  } else return undefined;
  const source = pyString(patternNode);
  if (source === undefined || !patternNode) return UNKNOWN;
  const flags = /IGNORECASE|\bI\b/.test(flagsNode?.text ?? '') ? 'i' : '';
  return flawed([{ node: patternNode, source, pattern: { flags, dialect } }]);
}

function listLookup(list: Node | undefined, at: Node): PyJudgement {
  if (!list) return UNKNOWN;
  if (pyString(list) !== undefined) return flawed([], [at]);
  const elements = pyElements(list);
  return elements ? exact(elements) : UNKNOWN;
}

/**
 * Judges a Python condition on the Origin (`positive`: the grant happens when it holds): `in` on a
 * list/set/tuple (exact) or a string (substring), `==`, `startswith`/`endswith` (also on
 * `urlparse(origin).hostname`), `"x" in origin`, and `re.match`/`fullmatch`/`search` with their own
 * semantics for the prover.
 *
 * @example
 * ```ts
 * pyJudge(ifStatement.childForFieldName('condition'), ctx, names, true).kind; // 'flawed' for origin.endswith("example.com")
 * ```
 */
export function pyJudge(
  node: Node | null | undefined,
  ctx: PyContext,
  names: ReadonlySet<string>,
  positive: boolean,
  depth = 0,
): PyJudgement {
  const n = node ?? undefined;
  if (!n || depth > 8) return NONE;
  if (n.type === 'parenthesized_expression')
    return pyJudge(n.namedChildren[0], ctx, names, positive, depth + 1);
  if (n.type === 'identifier' && !isPyOriginRead(n, ctx, names)) {
    const v = pyResolve(n, ctx);
    return v && v !== n ? pyJudge(v, ctx, names, positive, depth + 1) : NONE;
  }
  if (!mentionsPyOrigin(n, ctx, names)) return NONE;
  if (isPyOriginRead(n, ctx, names)) return positive ? NONE : exact();
  if (n.type === 'not_operator')
    return pyJudge(n.childForFieldName('argument'), ctx, names, !positive, depth + 1);
  if (n.type === 'boolean_operator') {
    const and = n.childForFieldName('operator')?.text === 'and';
    const a = pyJudge(n.childForFieldName('left'), ctx, names, positive, depth + 1);
    const b = pyJudge(n.childForFieldName('right'), ctx, names, positive, depth + 1);
    return pyCombine(a, b, and === positive ? 'and' : 'or');
  }
  if (n.type === 'comparison_operator') return comparison(n, ctx, names, positive);
  if (n.type === 'call') {
    const re = regexCall(n, ctx, names);
    if (re) return polarity(re, positive);
    const method = callName(n);
    const fn = n.childForFieldName('function');
    const subject =
      fn?.type === 'attribute' ? subjectOf(fn.childForFieldName('object'), ctx, names) : undefined;
    if (subject && (method === 'startswith' || method === 'endswith')) {
      const arg = pyResolve(positional(n)[0], ctx);
      const literals = pyElements(arg) ?? (arg ? [arg] : []);
      const patterns = literals.flatMap((l): PyPattern[] => {
        const value = pyString(l);
        if (value === undefined) return [];
        const regex = stringCheckRegex(method === 'startswith' ? 'startsWith' : 'endsWith', value, subject);
        return [
          {
            node: n,
            source: regex.source,
            pattern: { flags: regex.flags, dialect: 'js' },
            fixText: LIST_FIX,
          },
        ];
      });
      return patterns.length > 0 ? polarity(flawed(patterns), positive) : UNKNOWN;
    }
  }
  return UNKNOWN;
}

function comparison(n: Node, ctx: PyContext, names: ReadonlySet<string>, positive: boolean): PyJudgement {
  const operators = n.children.filter((c) => c !== null && !c.isNamed).map((c) => c?.text ?? '');
  const [left, right] = n.namedChildren;
  const op = operators.join(' ');
  if (!left || !right || (operators.length !== 1 && op !== 'not in' && op !== 'is not')) return UNKNOWN;
  if (op === 'in' || op === 'not in') {
    const holds = (op === 'in') === positive;
    if (isPyOriginRead(left, ctx, names)) return polarity(listLookup(pyResolve(right, ctx), n), holds);
    // `"example.com" in origin`: a substring check, decided by the prover.
    const value = pyString(pyResolve(left, ctx));
    const subject = subjectOf(right, ctx, names);
    if (value !== undefined && subject) {
      const regex = stringCheckRegex('includes', value, subject);
      return polarity(
        flawed([
          {
            node: n,
            source: regex.source,
            pattern: { flags: regex.flags, dialect: 'js' },
            fixText: LIST_FIX,
          },
        ]),
        holds,
      );
    }
    return UNKNOWN;
  }
  if (op === 'is' || op === 'is not') return (op === 'is') === positive ? exact() : NONE; // `origin is None`
  if (op !== '==' && op !== '!=') return UNKNOWN;
  const equal = (op === '==') === positive;
  for (const [a, b] of [
    [left, right],
    [right, left],
  ] as const) {
    const subject = subjectOf(a, ctx, names);
    const literal = pyResolve(b, ctx);
    const value = pyString(literal);
    if (!subject || value === undefined || !literal) continue;
    if (subject === 'origin') return equal ? exact([literal]) : DENY;
    const regex = stringCheckRegex('equals', value, 'host');
    return equal
      ? flawed([
          {
            node: n,
            source: regex.source,
            pattern: { flags: regex.flags, dialect: 'js' },
            fixText: LIST_FIX,
          },
        ])
      : DENY;
  }
  return UNKNOWN;
}

/**
 * Reports what a grant of the Origin under a judged condition lets through (the Python twin of the
 * JavaScript `reportGrant`): unguarded or deny-listed → origin-reflected, entries one by one, patterns
 * by the prover, `in` on a string → substring-match-bypass.
 *
 * @example
 * ```ts
 * pyGrant(ctx, 'unguarded', node, site);
 * ```
 */
export function pyGrant(ctx: PyContext, j: PyJudgement | 'unguarded', at: Node, site: PySite): void {
  if (j === 'unguarded' || j.kind === 'deny') {
    const why =
      j === 'unguarded'
        ? "it copies the request's Origin without checking it, so every website is trusted"
        : 'it grants every origin its check does not reject (a deny-list), so every other website is trusted';
    pyReport(ctx, 'origin-reflected', at, site, why, { description: LIST_FIX });
    return;
  }
  pyEntries(ctx, j.entries, site);
  for (const p of j.patterns) pyRegex(ctx, p.node, p.source, p.pattern, site, p.fixText);
  for (const s of j.substrings)
    pyReport(ctx, 'substring-match-bypass', s, site, '`in` on a string of origins accepts any part of it', {
      description:
        'split the string into a set of whole origins: `ALLOWED = {o.strip() for o in value.split(",")}`',
    });
}
