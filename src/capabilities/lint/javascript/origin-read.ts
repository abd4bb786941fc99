import { calleeName, child, children, memberName, type Node, stringValue, unwrap, walk } from './ast.js';
import { resolve } from './bindings.js';
import type { JsContext } from './context.js';

const HEADER_OBJECTS = new Set(['headers', 'header']);
const GETTERS = new Set(['get', 'header', 'getHeader', 'headers']);

/**
 * True when the expression is the request's Origin header, as the frameworks spell it: `req.headers.origin`,
 * `req.headers['origin']` (Node, Express, Fastify), `req.get('origin')` / `req.header('Origin')` (Express),
 * `request.headers.get('origin')` (Fetch, Next.js, Hono's `c.req.raw`), `c.req.header('origin')` (Hono),
 * `ctx.get('Origin')` / `ctx.request.header.origin` (Koa), `headers().get('origin')` (next/headers) — or a
 * name bound to one of them, or one of them with a fallback (`origin || '*'`). `names` are parameters
 * known to hold the Origin (the first parameter of an origin callback).
 *
 * @example
 * ```ts
 * isOriginRead(parseExpression('req.headers.origin'), ctx, new Set()); // true
 * ```
 */
export function isOriginRead(
  node: Node | undefined,
  ctx: JsContext,
  names: ReadonlySet<string>,
  depth = 0,
): boolean {
  const n = unwrap(node);
  if (!n || depth > 8) return false;
  if (n.type === 'Identifier') {
    if (names.has(n.name as string)) return true;
    const value = resolve(n, ctx.bindings);
    return value !== n && value !== undefined && isOriginRead(value, ctx, names, depth + 1);
  }
  if (n.type === 'MemberExpression') {
    return (
      memberName(n)?.toLowerCase() === 'origin' && HEADER_OBJECTS.has(memberName(child(n, 'object')) ?? '')
    );
  }
  if (n.type === 'CallExpression') {
    const name = calleeName(n);
    return (
      name !== undefined &&
      GETTERS.has(name) &&
      stringValue(children(n, 'arguments')[0])?.toLowerCase() === 'origin'
    );
  }
  if (n.type === 'LogicalExpression' && (n.operator === '||' || n.operator === '??')) {
    return isOriginRead(child(n, 'left'), ctx, names, depth + 1);
  }
  return false;
}

/**
 * True when the Origin is read anywhere inside the expression (`new URL(origin).hostname.endsWith(…)`).
 *
 * @example
 * ```ts
 * mentionsOrigin(parseExpression("allowed.includes(req.headers.origin)"), ctx, new Set()); // true
 * ```
 */
export function mentionsOrigin(
  node: Node | undefined,
  ctx: JsContext,
  names: ReadonlySet<string>,
  depth = 0,
): boolean {
  if (!node || depth > 4) return false;
  let found = false;
  walk(node, (n, ancestors) => {
    if (found) return;
    const parent = ancestors[ancestors.length - 1];
    // `x.origin` and `{ origin: … }` name a property, not the variable.
    if (
      n.type === 'Identifier' &&
      parent?.type === 'MemberExpression' &&
      parent.property === n &&
      !parent.computed
    )
      return;
    if (n.type === 'Identifier' && parent?.type === 'Property' && parent.key === n && !parent.computed)
      return;
    if (n.type === 'Identifier' || n.type === 'MemberExpression' || n.type === 'CallExpression')
      found = isOriginRead(n, ctx, names);
    // `const host = new URL(origin).hostname; host.endsWith(…)`: the name holds a value read from the Origin.
    if (!found && n.type === 'Identifier') {
      const value = resolve(n, ctx.bindings);
      found = value !== n && value !== undefined && mentionsOrigin(value, ctx, names, depth + 1);
    }
  });
  return found;
}
