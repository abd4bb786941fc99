import { child, children, type Node, unwrap } from '../../../core/javascript/index.js';

export {
  child,
  children,
  isNode,
  type Node,
  rangeOf,
  unwrap,
  walk,
} from '../../../core/javascript/index.js';

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
