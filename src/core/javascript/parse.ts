import { type OxcError, parseOnBigStack } from './oxc-thread.js';
import { isNode, type Node } from './syntax-tree.js';

/** Brackets nested deeper than this: the text is not parsed (no hand-written code does it). */
export const MAX_NESTING = 1000;

/**
 * Syntax trees deeper than this are not handed on: several analyses look at a node's ancestors, so a tree
 * hundreds of thousands of levels deep (`a = a = …`) would cost quadratic time. Real files stay far below
 * (a 2,000-branch `else if` chain is about 4,000 levels).
 */
export const MAX_TREE_DEPTH = 10_000;

/** The deepest bracket nesting of a text (brackets inside strings and comments count too: an upper bound). */
function nesting(text: string): number {
  let depth = 0;
  let max = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 40 || c === 91 || c === 123) max = Math.max(max, ++depth);
    else if (c === 41 || c === 93 || c === 125) depth = Math.max(0, depth - 1);
  }
  return max;
}

/** Whether a tree is deeper than `limit` (iterative: a deep tree cannot overflow this walk). */
function deeperThan(root: Node, limit: number): boolean {
  const stack: [Node, number][] = [[root, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop() as [Node, number];
    if (depth > limit) return true;
    for (const value of Object.values(node)) {
      if (Array.isArray(value)) {
        for (const v of value) if (isNode(v)) stack.push([v, depth + 1]);
      } else if (isNode(value)) stack.push([value, depth + 1]);
    }
  }
  return false;
}

/** A parsed program with oxc's errors, or why there is none (`too-deep`: refused, not a syntax error). */
export type ParsedJavaScript =
  | { readonly ok: true; readonly program: Node; readonly errors: readonly OxcError[] }
  | { readonly ok: false; readonly tooDeep: boolean; readonly reason: string };

/**
 * Parses JavaScript or TypeScript (by the file name's extension) with oxc into ESTree, safely for
 * untrusted text: oxc runs on a thread with a 1 GiB stack (see `oxc-thread.ts`), brackets nested deeper
 * than {@link MAX_NESTING} are refused before parsing, and trees deeper than {@link MAX_TREE_DEPTH} after.
 * oxc recovers from most syntax errors: they are in `errors`, beside what parsed.
 *
 * @example
 * ```ts
 * const parsed = parseJavaScript('app.ts', 'app.use(cors())');
 * if (parsed.ok) parsed.program.type; // 'Program'
 * ```
 */
export function parseJavaScript(name: string, text: string): ParsedJavaScript {
  if (nesting(text) > MAX_NESTING) {
    return { ok: false, tooDeep: true, reason: `brackets nest deeper than ${MAX_NESTING} levels` };
  }
  const file = /\.[cm]?[jt]sx?$/i.test(name) ? name : `${name}.js`;
  const result = parseOnBigStack(file, text, { preserveParens: false });
  if (!result.ok) return { ok: false, tooDeep: false, reason: result.reason };
  const program = result.program as Node;
  if (deeperThan(program, MAX_TREE_DEPTH)) {
    return { ok: false, tooDeep: true, reason: `its syntax tree nests deeper than ${MAX_TREE_DEPTH} levels` };
  }
  return { ok: true, program, errors: result.errors };
}
