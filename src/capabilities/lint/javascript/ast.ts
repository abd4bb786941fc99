/**
 * The slice of ESTree the JavaScript analyzer reads. Both parsers it runs on produce it: oxc (the CLI,
 * `start`/`end` offsets) and ESLint's espree or typescript-eslint (`range`), so one analysis serves both.
 */
export interface Node {
  readonly type: string;
  readonly start?: number;
  readonly end?: number;
  readonly range?: readonly [number, number];
  readonly [key: string]: unknown;
}

/** True for an ESTree node. */
export function isNode(value: unknown): value is Node {
  return (
    typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string'
  );
}

/** `[start, end)` of a node in the source text, from either parser. */
export function rangeOf(node: Node): readonly [number, number] {
  return node.range ?? [node.start ?? 0, node.end ?? 0];
}

/** The child of a node under `key`, when it is a node. */
export function child(node: Node, key: string): Node | undefined {
  const value = node[key];
  return isNode(value) ? value : undefined;
}

/** The children of a node under `key`, when it is an array of nodes. */
export function children(node: Node, key: string): Node[] {
  const value = node[key];
  return Array.isArray(value) ? value.filter(isNode) : [];
}

const SKIPPED_KEYS = new Set(['parent', 'loc', 'range', 'start', 'end', 'typeAnnotation', 'decorators']);

/**
 * Visits every node depth first, parents before children, with the chain of ancestors (nearest last).
 * Iterative (an explicit stack), so a deeply nested file cannot overflow the call stack.
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

/** Strips what does not change a value: parentheses, `as`/`satisfies`/`!` (TypeScript), `await`. */
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

/** The value of a string literal or a template literal without expressions, else undefined. */
export function stringValue(node: Node | undefined): string | undefined {
  const n = unwrap(node);
  if (!n) return undefined;
  if (n.type === 'Literal' && typeof n.value === 'string') return n.value;
  if (n.type === 'TemplateLiteral' && children(n, 'expressions').length === 0) {
    const [quasi] = children(n, 'quasis');
    const cooked = (quasi?.value as { cooked?: string } | undefined)?.cooked;
    return typeof cooked === 'string' ? cooked : undefined;
  }
  return undefined;
}

/** The pattern and flags of a regex literal, else undefined. */
export function regexLiteral(node: Node | undefined): { pattern: string; flags: string } | undefined {
  const n = unwrap(node);
  const regex =
    n?.type === 'Literal' ? (n.regex as { pattern?: string; flags?: string } | undefined) : undefined;
  return regex && typeof regex.pattern === 'string'
    ? { pattern: regex.pattern, flags: regex.flags ?? '' }
    : undefined;
}

/** `true`/`false` of a boolean literal (or `'true'` as a string), else undefined. */
export function booleanValue(node: Node | undefined): boolean | undefined {
  const n = unwrap(node);
  if (n?.type === 'Literal' && typeof n.value === 'boolean') return n.value;
  const s = stringValue(n);
  return s === 'true' ? true : s === 'false' ? false : undefined;
}

/** The name of a property key (`a`, `'a'`, `["a"]`), else undefined. */
export function keyName(property: Node): string | undefined {
  const key = child(property, 'key');
  if (!key) return undefined;
  if (key.type === 'Identifier' && property.computed !== true) return key.name as string;
  return stringValue(key);
}

/** The property named `name` (case-insensitive when asked) of an object expression. */
export function property(object: Node | undefined, name: string, ignoreCase = false): Node | undefined {
  const o = unwrap(object);
  if (o?.type !== 'ObjectExpression') return undefined;
  const want = ignoreCase ? name.toLowerCase() : name;
  for (const p of children(o, 'properties')) {
    if (p.type !== 'Property') continue;
    const k = keyName(p);
    if (k !== undefined && (ignoreCase ? k.toLowerCase() : k) === want) return p;
  }
  return undefined;
}

/** The property name of a member expression (`a.b`, `a['b']`), else undefined. */
export function memberName(node: Node | undefined): string | undefined {
  const n = unwrap(node);
  if (n?.type !== 'MemberExpression') return undefined;
  const p = child(n, 'property');
  if (!p) return undefined;
  if (n.computed !== true && p.type === 'Identifier') return p.name as string;
  return stringValue(p);
}

/** The callee's method name of a call (`x.y.setHeader(…)` → `setHeader`, `cors(…)` → `cors`). */
export function calleeName(call: Node): string | undefined {
  const callee = unwrap(child(call, 'callee'));
  if (!callee) return undefined;
  if (callee.type === 'Identifier') return callee.name as string;
  return memberName(callee);
}

/** The identifier name of a node, else undefined. */
export function identifierName(node: Node | undefined): string | undefined {
  const n = unwrap(node);
  return n?.type === 'Identifier' ? (n.name as string) : undefined;
}

/** True for function nodes. */
export function isFunction(node: Node | undefined): boolean {
  return (
    node?.type === 'FunctionExpression' ||
    node?.type === 'ArrowFunctionExpression' ||
    node?.type === 'FunctionDeclaration'
  );
}
