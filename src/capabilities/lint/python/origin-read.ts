import { callName, type Node, positional, pyString } from './ast.js';
import { type PyContext, pyResolve } from './context.js';

const ORIGIN_KEYS = new Set(['origin', 'http_origin']);

/** `X.get('Origin')` / `X['Origin']` on request headers, `request.META['HTTP_ORIGIN']`, `environ.get('HTTP_ORIGIN')`. */
function isDirectRead(n: Node): boolean {
  if (n.type === 'call' && callName(n) === 'get') {
    const key = pyString(positional(n)[0]);
    return key !== undefined && ORIGIN_KEYS.has(key.toLowerCase());
  }
  if (n.type === 'subscript') {
    const key = pyString(n.childForFieldName('subscript'));
    return key !== undefined && ORIGIN_KEYS.has(key.toLowerCase());
  }
  return false;
}

/**
 * True when a Python expression is the request's Origin as Django (`request.headers.get('Origin')`,
 * `request.META.get('HTTP_ORIGIN')`), Flask (`request.headers.get('Origin')`) and Starlette/FastAPI
 * (`request.headers.get('origin')`) spell it — or a name bound to one, or one with a fallback (`or '*'`).
 * `names` are parameters known to hold the Origin.
 *
 * @example
 * ```ts
 * isPyOriginRead(node, ctx, new Set()); // true for request.META.get("HTTP_ORIGIN")
 * ```
 */
export function isPyOriginRead(
  node: Node | null | undefined,
  ctx: PyContext,
  names: ReadonlySet<string>,
  depth = 0,
): boolean {
  if (!node || depth > 8) return false;
  if (node.type === 'parenthesized_expression')
    return isPyOriginRead(node.namedChildren[0], ctx, names, depth + 1);
  if (node.type === 'identifier') {
    if (names.has(node.text)) return true;
    const v = pyResolve(node, ctx);
    return v !== undefined && v !== node && isPyOriginRead(v, ctx, names, depth + 1);
  }
  if (node.type === 'boolean_operator' && node.childForFieldName('operator')?.text === 'or')
    return isPyOriginRead(node.childForFieldName('left'), ctx, names, depth + 1);
  return isDirectRead(node);
}

/** True when the Origin is read anywhere inside the expression. */
export function mentionsPyOrigin(
  node: Node | null | undefined,
  ctx: PyContext,
  names: ReadonlySet<string>,
  depth = 0,
): boolean {
  if (!node || depth > 64) return false;
  if (isPyOriginRead(node, ctx, names)) return true;
  if (node.type === 'identifier') {
    const v = pyResolve(node, ctx);
    return (
      v !== undefined && v !== node && v.type !== 'identifier' && mentionsPyOrigin(v, ctx, names, depth + 1)
    );
  }
  return node.namedChildren.some((c) => c !== null && mentionsPyOrigin(c, ctx, names, depth + 1));
}
