import { child, type Node, unwrap } from '../../core/javascript/index.js';

// The ESTree helpers (Node, child, children, walk, unwrap) are core's; these two are the extractor's own.
export { child, children, type Node, unwrap, walk } from '../../core/javascript/index.js';

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
