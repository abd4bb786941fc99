/** The slice of ESTree (as oxc produces it) the bundle extractor reads. */
export interface Node {
  readonly type: string;
  readonly start: number;
  readonly end: number;
  readonly [key: string]: unknown;
}

function isNode(value: unknown): value is Node {
  return (
    typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string'
  );
}

/** The child under `key`, when it is a node. */
export function child(node: Node, key: string): Node | undefined {
  const value = node[key];
  return isNode(value) ? value : undefined;
}

/** The children under `key`, when it is an array of nodes. */
export function children(node: Node, key: string): Node[] {
  const value = node[key];
  return Array.isArray(value) ? value.filter(isNode) : [];
}

/**
 * Visits every node depth first in source order, iteratively (an explicit stack), so deeply nested code
 * cannot overflow the call stack.
 */
export function walk(root: Node, visit: (node: Node) => void): void {
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop() as Node;
    visit(node);
    const kids: Node[] = [];
    for (const key of Object.keys(node)) {
      const value = node[key];
      if (Array.isArray(value)) {
        for (const v of value) if (isNode(v)) kids.push(v);
      } else if (isNode(value)) kids.push(value);
    }
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i] as Node);
  }
}

/** Strips parentheses, `await`, optional chains and TypeScript wrappers. */
export function unwrap(node: Node | undefined): Node | undefined {
  let n = node;
  while (
    n &&
    (n.type === 'ParenthesizedExpression' ||
      n.type === 'ChainExpression' ||
      n.type === 'AwaitExpression' ||
      n.type === 'TSAsExpression' ||
      n.type === 'TSNonNullExpression')
  )
    n = child(n, 'expression') ?? child(n, 'argument');
  return n;
}

/** The name of an identifier, or of a member expression's property (`a.b`, `a['b']`). */
export function nameOf(node: Node | undefined): string | undefined {
  const n = unwrap(node);
  if (!n) return undefined;
  if (n.type === 'Identifier') return n.name as string;
  if (n.type === 'MemberExpression') {
    const p = child(n, 'property');
    if (p?.type === 'Identifier' && n.computed !== true) return p.name as string;
    if (p?.type === 'Literal' && typeof p.value === 'string') return p.value;
  }
  return undefined;
}

/** The name of the object of a member expression (`axios` in `axios.get`), else undefined. */
export function objectName(node: Node | undefined): string | undefined {
  const n = unwrap(node);
  return n?.type === 'MemberExpression' ? nameOf(child(n, 'object')) : undefined;
}
