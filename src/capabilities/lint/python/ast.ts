import type { Node } from 'web-tree-sitter';

export type { Node } from 'web-tree-sitter';

const ESCAPES: Record<string, string> = {
  n: '\n',
  t: '\t',
  r: '\r',
  '0': '\0',
  '\\': '\\',
  "'": "'",
  '"': '"',
};

/**
 * The value of a Python string literal (`'a'`, `r"\."`, implicit concatenation `"a" "b"`), or undefined
 * for f-strings with placeholders and byte strings. Escapes are decoded unless the string is raw.
 *
 * @example
 * ```ts
 * pyString(node); // '^https://app\\.example\\.com$' for r"^https://app\.example\.com$"
 * ```
 */
export function pyString(node: Node | null | undefined): string | undefined {
  if (!node) return undefined;
  if (node.type === 'concatenated_string') {
    const parts = node.namedChildren.map((c) => pyString(c));
    return parts.every((p) => p !== undefined) ? parts.join('') : undefined;
  }
  if (node.type === 'parenthesized_expression') return pyString(node.namedChildren[0]);
  if (node.type !== 'string') return undefined;
  const prefix = (node.children[0]?.text ?? '').toLowerCase();
  if (prefix.includes('b')) return undefined;
  const raw = prefix.includes('r');
  let out = '';
  for (const c of node.children) {
    if (c === null) continue;
    if (c.type === 'interpolation') return undefined;
    if (c.type === 'string_content') out += c.text;
    else if (c.type === 'escape_sequence') out += raw ? c.text : decode(c.text);
  }
  return out;
}

function decode(sequence: string): string {
  const body = sequence.slice(1);
  if (/^[xuU]/.test(body)) return String.fromCodePoint(Number.parseInt(body.slice(1), 16));
  return ESCAPES[body] ?? sequence;
}

/** `True` / `False`, else undefined. */
export function pyBool(node: Node | null | undefined): boolean | undefined {
  return node?.type === 'true' ? true : node?.type === 'false' ? false : undefined;
}

/** The elements of a list, tuple or set literal, else undefined. */
export function pyElements(node: Node | null | undefined): Node[] | undefined {
  if (!node || !['list', 'tuple', 'set'].includes(node.type)) return undefined;
  return node.namedChildren.filter((c): c is Node => c !== null && c.type !== 'comment');
}

/** The keyword arguments of a call, by name. */
export function keywords(call: Node): Map<string, Node> {
  const out = new Map<string, Node>();
  for (const a of call.childForFieldName('arguments')?.namedChildren ?? []) {
    if (a?.type !== 'keyword_argument') continue;
    const name = a.childForFieldName('name')?.text;
    const value = a.childForFieldName('value');
    if (name && value) out.set(name, value);
  }
  return out;
}

/** The positional arguments of a call. */
export function positional(call: Node): Node[] {
  return (call.childForFieldName('arguments')?.namedChildren ?? []).filter(
    (a): a is Node => a !== null && a.type !== 'keyword_argument' && a.type !== 'comment',
  );
}

/** The last name of a call's function (`CORS` of `flask_cors.CORS(...)`, `add_middleware` of `app.add_middleware`). */
export function callName(call: Node): string | undefined {
  const f = call.childForFieldName('function');
  if (f?.type === 'identifier') return f.text;
  if (f?.type === 'attribute') return f.childForFieldName('attribute')?.text;
  return undefined;
}

/** The value of a dict literal's key, else undefined. */
export function dictValue(dict: Node | null | undefined, key: string): Node | undefined {
  if (dict?.type !== 'dictionary') return undefined;
  for (const pair of dict.namedChildren) {
    if (pair?.type === 'pair' && pyString(pair.childForFieldName('key')) === key)
      return pair.childForFieldName('value') ?? undefined;
  }
  return undefined;
}

/**
 * Every node of a tree, depth first, with its ancestors (iterative: deep nesting cannot overflow).
 *
 * @example
 * ```ts
 * visit(tree.rootNode, (node, ancestors) => {});
 * ```
 */
export function visit(root: Node, fn: (node: Node, ancestors: readonly Node[]) => void): void {
  const stack: { node: Node; depth: number }[] = [{ node: root, depth: 0 }];
  const path: Node[] = [];
  while (stack.length > 0) {
    const { node, depth } = stack.pop() as { node: Node; depth: number };
    path.length = depth;
    fn(node, path);
    path.push(node);
    for (let i = node.namedChildCount - 1; i >= 0; i--) {
      const c = node.namedChild(i);
      if (c) stack.push({ node: c, depth: depth + 1 });
    }
  }
}

/** One `name = value` of the file, with where it happens. */
export interface PyAssignment {
  readonly target: Node;
  readonly value: Node;
  readonly ancestors: readonly Node[];
}

/**
 * Every simple assignment (`NAME = value`, `obj[key] = value`) of a tree, in source order.
 *
 * @example
 * ```ts
 * assignments(tree.rootNode).filter((a) => a.target.text === 'CORS_ALLOW_ALL_ORIGINS');
 * ```
 */
export function assignments(root: Node): PyAssignment[] {
  const out: PyAssignment[] = [];
  visit(root, (node, ancestors) => {
    if (node.type !== 'assignment') return;
    const target = node.childForFieldName('left');
    const value = node.childForFieldName('right');
    if (target && value) out.push({ target, value, ancestors: [...ancestors] });
  });
  return out;
}
