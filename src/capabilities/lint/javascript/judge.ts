import { isLocal } from '../../../core/origin/index.js';
import type { OriginRegex } from '../../regex-prover/index.js';
import { combineJudgements, type JudgementOf, withPolarity } from '../judgement.js';
import { type StringCheck, stringCheckRegex } from '../regex-findings.js';
import type { LintEdit } from '../types.js';
import {
  calleeName,
  child,
  children,
  identifierName,
  isFunction,
  memberName,
  type Node,
  rangeOf,
  regexLiteral,
  stringValue,
  unwrap,
} from './ast.js';
import { resolve } from './bindings.js';
import type { JsContext } from './context.js';
import { isOriginRead, mentionsOrigin } from './origin-read.js';

/** A literal origin an exact comparison accepts. */
export interface Entry {
  readonly value: string;
  readonly node: Node;
}

/** An origin pattern a check applies (a regex, or a string comparison turned into one). */
export interface PatternAtom {
  readonly regex: OriginRegex;
  readonly node: Node;
  readonly describe: string;
  readonly fixEdit?: (fixed: string) => LintEdit;
  readonly fixText?: string;
}

/** `list.includes(origin)` where `list` is a string: any substring of it passes. */
export interface Substring {
  readonly node: Node;
  readonly list?: string;
}

/** What a JavaScript condition on the Origin amounts to (see `JudgementOf`). */
export type Judgement = JudgementOf<Entry, PatternAtom, Substring>;

const NONE: Judgement = { kind: 'none', entries: [], patterns: [], substrings: [] };
const UNKNOWN: Judgement = { ...NONE, kind: 'unknown' };
const exact = (entries: readonly Entry[] = []): Judgement => ({ ...NONE, kind: 'exact', entries });
const DENY: Judgement = { ...NONE, kind: 'deny' };

function regexSlash(source: string): string {
  return source.replace(/(?<!\\)\//g, '\\/');
}

/** The regex a node denotes: a literal, `new RegExp('…', 'i')`, or a name bound to either. */
export function regexOf(node: Node | undefined, ctx: JsContext): PatternAtom | undefined {
  const n = resolve(node, ctx.bindings);
  const literal = regexLiteral(n);
  if (literal && n) {
    const [start, end] = rangeOf(n);
    return {
      regex: { source: literal.pattern, flags: literal.flags, dialect: 'js' },
      node: n,
      describe: `the origin regex /${literal.pattern}/${literal.flags}`,
      fixEdit: (fixed) => ({ start, end, text: `/${regexSlash(fixed)}/${literal.flags}` }),
    };
  }
  if (
    (n?.type === 'NewExpression' || n?.type === 'CallExpression') &&
    identifierName(child(n, 'callee')) === 'RegExp'
  ) {
    const [sourceNode, flagsNode] = children(n, 'arguments');
    const source = stringValue(resolve(sourceNode, ctx.bindings));
    const flags = flagsNode === undefined ? '' : stringValue(flagsNode);
    if (source === undefined || flags === undefined) return undefined;
    const at = resolve(sourceNode, ctx.bindings) as Node;
    const [start, end] = rangeOf(at);
    return {
      regex: { source, flags, dialect: 'js' },
      node: at,
      describe: `the origin regex new RegExp(${JSON.stringify(source)})`,
      fixEdit: (fixed) => ({ start, end, text: JSON.stringify(fixed) }),
    };
  }
  return undefined;
}

/** `origin` or `new URL(origin).hostname` / `.host`: what a comparison is made on. */
function subjectOf(
  node: Node | undefined,
  ctx: JsContext,
  names: ReadonlySet<string>,
): 'origin' | 'host' | undefined {
  const n = resolve(node, ctx.bindings);
  if (isOriginRead(n, ctx, names)) return 'origin';
  const name = memberName(n);
  if (n && (name === 'hostname' || name === 'host')) {
    const url = resolve(child(n, 'object'), ctx.bindings);
    if (url?.type === 'NewExpression' && identifierName(child(url, 'callee')) === 'URL') {
      return isOriginRead(children(url, 'arguments')[0], ctx, names) ? 'host' : undefined;
    }
  }
  return undefined;
}

function stringCheck(
  check: StringCheck,
  literal: Node,
  subject: 'origin' | 'host',
  call: Node,
  method: string,
): PatternAtom {
  const value = stringValue(literal) as string;
  const on = subject === 'host' ? 'new URL(origin).hostname' : 'origin';
  return {
    regex: stringCheckRegex(check, value, subject),
    node: call,
    describe: `${on}.${method}(${JSON.stringify(value)})`,
    fixText:
      'compare the whole origin with an exact list (`ALLOWED.includes(origin)` on an array of origins), or parse it and require `url.protocol === "https:"` and a hostname equal to one you own',
  };
}

/** What a list's `includes`/`has` accepts: an exact match against an array or Set, or any substring of a string. */
function listLookup(listNode: Node | undefined, call: Node, ctx: JsContext): Judgement {
  const list = resolve(listNode, ctx.bindings);
  if (!list) return exact();
  const asString = stringValue(list);
  const isEnv = list.type === 'MemberExpression' && memberName(child(list, 'object')) === 'env';
  if (asString !== undefined || isEnv) {
    return {
      ...NONE,
      kind: 'flawed',
      substrings: [{ node: call, ...(asString === undefined ? {} : { list: asString }) }],
    };
  }
  const elements =
    list.type === 'ArrayExpression'
      ? children(list, 'elements')
      : list.type === 'NewExpression' && identifierName(child(list, 'callee')) === 'Set'
        ? children(resolve(children(list, 'arguments')[0], ctx.bindings) ?? list, 'elements')
        : [];
  return exact(
    elements.flatMap((e) => {
      const value = stringValue(resolve(e, ctx.bindings));
      return value === undefined ? [] : [{ value, node: e }];
    }),
  );
}

/** Joins two judgements (see `combineJudgements`). */
export const combine = combineJudgements<Entry, PatternAtom, Substring>;

const polarity = withPolarity<Judgement>;

function localFunction(callee: Node | undefined, ctx: JsContext): Node | undefined {
  const fn = resolve(callee, ctx.bindings);
  return isFunction(fn) ? fn : undefined;
}

/**
 * Judges a condition on the Origin (`positive`: the grant happens when it holds).
 *
 * @example
 * ```ts
 * judge(parseExpression("origin.endsWith('example.com')"), ctx, names, true).kind; // 'flawed'
 * ```
 */
export function judge(
  node: Node | undefined,
  ctx: JsContext,
  names: ReadonlySet<string>,
  positive: boolean,
  depth = 0,
): Judgement {
  const n = unwrap(node);
  if (!n || depth > 6) return NONE;
  // `const isAllowed = ALLOWED.includes(origin); if (isAllowed) …`: judge what the name holds.
  if (n.type === 'Identifier' && !isOriginRead(n, ctx, names)) {
    const value = resolve(n, ctx.bindings);
    return value && value !== n ? judge(value, ctx, names, positive, depth + 1) : NONE;
  }
  if (!mentionsOrigin(n, ctx, names)) return NONE;
  // `if (origin)` grants every origin; `if (!origin)` none (a request without Origin is not cross-origin).
  if (isOriginRead(n, ctx, names)) return positive ? NONE : exact();
  if (n.type === 'UnaryExpression' && n.operator === '!')
    return judge(child(n, 'argument'), ctx, names, !positive, depth + 1);
  if (n.type === 'LogicalExpression' && (n.operator === '&&' || n.operator === '||')) {
    const op = (n.operator === '&&') === positive ? 'and' : 'or';
    const a = judge(child(n, 'left'), ctx, names, positive, depth + 1);
    const b = judge(child(n, 'right'), ctx, names, positive, depth + 1);
    return combine(a, b, op);
  }
  if (n.type === 'BinaryExpression') return judgeComparison(n, ctx, names, positive, depth);
  if (n.type === 'CallExpression') return polarity(judgeCall(n, ctx, names, depth), positive);
  return UNKNOWN;
}

function judgeComparison(
  n: Node,
  ctx: JsContext,
  names: ReadonlySet<string>,
  positive: boolean,
  depth: number,
): Judgement {
  const op = n.operator as string;
  const left = child(n, 'left');
  const right = child(n, 'right');
  // X.indexOf(origin) !== -1, origin.indexOf('x') > -1, … : includes, with the operator's polarity.
  const call = [left, right]
    .map((s) => unwrap(s))
    .find((s) => s?.type === 'CallExpression' && calleeName(s) === 'indexOf');
  if (call) {
    const other = unwrap(call === unwrap(left) ? right : left);
    const bound =
      other?.type === 'UnaryExpression'
        ? -Number((child(other, 'argument')?.value as number) ?? 0)
        : Number(other?.value);
    const found =
      ((op === '!==' || op === '!=') && bound === -1) ||
      (op === '>' && bound === -1) ||
      (op === '>=' && bound === 0);
    const missing = (op === '===' || op === '==') && bound === -1;
    if (!found && !missing) return UNKNOWN;
    return polarity(judgeCall(call, ctx, names, depth), found === positive);
  }
  if (!['===', '==', '!==', '!='].includes(op)) return UNKNOWN;
  const equal = (op === '===' || op === '==') === positive;
  // `origin === undefined` / `typeof origin === 'undefined'`: no Origin header, no cross-origin grant.
  const absent = [left, right].some((s) => {
    const u = unwrap(s);
    return (
      (u?.type === 'Identifier' && u.name === 'undefined') ||
      (u?.type === 'Literal' && u.value === null) ||
      stringValue(u) === 'undefined'
    );
  });
  if (absent) return equal ? exact() : NONE;
  for (const [a, b] of [
    [left, right],
    [right, left],
  ] as const) {
    const subject = subjectOf(a, ctx, names);
    const literal = resolve(b, ctx.bindings);
    const value = stringValue(literal);
    if (!subject || value === undefined || !literal) continue;
    if (subject === 'origin') return equal ? exact([{ value, node: literal }]) : DENY;
    // `hostname === 'localhost'` accepts every scheme and port of it: judged as the origin it lets in.
    if (equal && isLocal(value)) return exact([{ value: `http://${value}`, node: literal }]);
    return equal
      ? { ...NONE, kind: 'flawed', patterns: [stringCheck('equals', literal, 'host', n, 'hostname ===')] }
      : DENY;
  }
  return UNKNOWN;
}

function judgeCall(n: Node, ctx: JsContext, names: ReadonlySet<string>, depth: number): Judgement {
  const name = calleeName(n);
  const callee = unwrap(child(n, 'callee'));
  const object = callee?.type === 'MemberExpression' ? child(callee, 'object') : undefined;
  const [arg] = children(n, 'arguments');
  if ((name === 'includes' || name === 'has' || name === 'indexOf') && isOriginRead(arg, ctx, names)) {
    return listLookup(object, n, ctx);
  }
  const subject = subjectOf(object, ctx, names);
  if (subject && arg) {
    const literal = resolve(arg, ctx.bindings);
    const checks: Record<string, StringCheck> = {
      startsWith: 'startsWith',
      endsWith: 'endsWith',
      includes: 'includes',
      indexOf: 'includes',
    };
    const check = name === undefined ? undefined : checks[name];
    if (check && literal && stringValue(literal) !== undefined) {
      return { ...NONE, kind: 'flawed', patterns: [stringCheck(check, literal, subject, n, name as string)] };
    }
    if ((name === 'match' || name === 'search') && subject === 'origin') {
      const atom = regexOf(arg, ctx);
      return atom ? { ...NONE, kind: 'flawed', patterns: [atom] } : UNKNOWN;
    }
    return UNKNOWN;
  }
  if (name === 'test' && isOriginRead(arg, ctx, names)) {
    const atom = regexOf(object, ctx);
    return atom ? { ...NONE, kind: 'flawed', patterns: [atom] } : UNKNOWN;
  }
  // A local helper (`function isAllowed(origin) { return ALLOWED.includes(origin); }`): judge what it returns.
  const fn = localFunction(callee, ctx);
  if (fn) {
    const param = identifierName(
      children(fn, 'params')[children(n, 'arguments').findIndex((a) => isOriginRead(a, ctx, names))],
    );
    const body = child(fn, 'body');
    const returned =
      body?.type === 'BlockStatement'
        ? children(body, 'body')
            .filter((s) => s.type === 'ReturnStatement')
            .map((s) => child(s, 'argument'))
        : [body];
    if (param && returned.length === 1)
      return judge(returned[0], ctx, new Set([...names, param]), true, depth + 1);
  }
  return UNKNOWN;
}
