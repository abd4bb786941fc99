/**
 * The slice of ESTree that corsguard's JavaScript readers (lint, scan --discover) use. The parsers produce
 * it: oxc (`start`/`end` offsets) and ESLint's espree or typescript-eslint (`range`).
 */
export interface Node {
  readonly type: string;
  readonly start?: number;
  readonly end?: number;
  readonly range?: readonly [number, number];
  readonly [key: string]: unknown;
}

/**
 * True for an ESTree node.
 *
 * @example
 * ```ts
 * isNode({ type: 'Identifier', name: 'cors' }); // true
 * ```
 */
export function isNode(value: unknown): value is Node {
  return (
    typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string'
  );
}

/**
 * `[start, end)` of a node in the source text, from either parser.
 *
 * @example
 * ```ts
 * rangeOf({ type: 'Identifier', start: 4, end: 8 }); // [4, 8]
 * ```
 */
export function rangeOf(node: Node): readonly [number, number] {
  return node.range ?? [node.start ?? 0, node.end ?? 0];
}

/**
 * The child of a node under `key`, when it is a node.
 *
 * @example
 * ```ts
 * child(call, 'callee'); // the Identifier `fetch` of `fetch(url)`
 * ```
 */
export function child(node: Node, key: string): Node | undefined {
  const value = node[key];
  return isNode(value) ? value : undefined;
}

/**
 * The children of a node under `key`, when it is an array of nodes.
 *
 * @example
 * ```ts
 * children(call, 'arguments'); // [url] for `fetch(url)`
 * ```
 */
export function children(node: Node, key: string): Node[] {
  const value = node[key];
  return Array.isArray(value) ? value.filter(isNode) : [];
}

const SKIPPED_KEYS = new Set(['parent', 'loc', 'range', 'start', 'end', 'typeAnnotation', 'decorators']);

/**
 * Visits every node depth first, parents before children, with the chain of ancestors (nearest last).
 * Iterative (an explicit stack), so a deeply nested file cannot overflow the call stack.
 *
 * @example
 * ```ts
 * walk(program, (node, ancestors) => { if (node.type === 'CallExpression') calls.push(node); });
 * ```
 */
export function walk(root: Node, visit: (node: Node, ancestors: readonly Node[]) => void): void {
  const stack: { node: Node; depth: number }[] = [{ node: root, depth: 0 }];
  const path: Node[] = [];
  while (stack.length > 0) {
    const { node, depth } = stack.pop() as { node: Node; depth: number };
    path.length = depth;
    visit(node, path);
    path.push(node);
    const kids: Node[] = [];
    for (const key of Object.keys(node)) {
      if (SKIPPED_KEYS.has(key)) continue;
      const value = node[key];
      if (Array.isArray(value)) {
        for (const v of value) if (isNode(v)) kids.push(v);
      } else if (isNode(value)) kids.push(value);
    }
    for (let i = kids.length - 1; i >= 0; i--) stack.push({ node: kids[i] as Node, depth: depth + 1 });
  }
}

/**
 * Strips what does not change a value: parentheses, `as`/`satisfies`/`!` (TypeScript), `await`.
 *
 * @example
 * ```ts
 * unwrap(node); // the Identifier `origin` of `(origin as string)`
 * ```
 */
export function unwrap(node: Node | undefined): Node | undefined {
  let n = node;
  while (
    n &&
    (n.type === 'TSAsExpression' ||
      n.type === 'TSSatisfiesExpression' ||
      n.type === 'TSNonNullExpression' ||
      n.type === 'ParenthesizedExpression' ||
      n.type === 'ChainExpression' ||
      n.type === 'AwaitExpression' ||
      n.type === 'TSTypeAssertion')
  )
    n = child(n, 'expression') ?? child(n, 'argument');
  return n;
}
