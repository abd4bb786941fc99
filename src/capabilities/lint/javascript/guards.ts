import { child, children, isFunction, type Node } from './ast.js';

/** A condition that must hold (`positive`) or fail for the code at a node to run. */
export interface Guard {
  readonly test: Node;
  readonly positive: boolean;
}

/** True when a statement always leaves the block: `return`, `throw`, or a block/if whose every path does. */
function exits(statement: Node | undefined): boolean {
  if (!statement) return false;
  if (statement.type === 'ReturnStatement' || statement.type === 'ThrowStatement') return true;
  if (statement.type === 'BlockStatement') return children(statement, 'body').some(exits);
  if (statement.type === 'IfStatement')
    return exits(child(statement, 'consequent')) && exits(child(statement, 'alternate'));
  // `return next()` is a ReturnStatement; `next(); return;` is caught by the block rule.
  return false;
}

function contains(outer: Node | undefined, inner: Node): boolean {
  if (!outer) return false;
  const [a, b] = [outer.start ?? outer.range?.[0] ?? 0, outer.end ?? outer.range?.[1] ?? 0];
  const [c, d] = [inner.start ?? inner.range?.[0] ?? 0, inner.end ?? inner.range?.[1] ?? 0];
  return a <= c && d <= b;
}

/**
 * The conditions under which the code at `node` runs, inside its function: the tests of enclosing `if`s
 * and ternaries (negated on the `else` side), the left side of `&&`, and every earlier
 * `if (test) return …;` of an enclosing block (which must fail for the code to be reached).
 *
 * @example
 * ```ts
 * // if (!ALLOWED.includes(origin)) return res.sendStatus(403); res.setHeader('Access-Control-Allow-Origin', origin);
 * guardsOf(setHeaderCall, ancestors); // [{ test: <!ALLOWED.includes(origin)>, positive: false }]
 * ```
 */
export function guardsOf(node: Node, ancestors: readonly Node[]): Guard[] {
  const guards: Guard[] = [];
  let inner = node;
  for (let i = ancestors.length - 1; i >= 0; i--) {
    const a = ancestors[i] as Node;
    if (a.type === 'IfStatement' || a.type === 'ConditionalExpression') {
      const test = child(a, 'test');
      if (test && !contains(test, inner))
        guards.push({ test, positive: contains(child(a, 'consequent'), inner) });
    } else if (a.type === 'LogicalExpression' && a.operator === '&&' && contains(child(a, 'right'), inner)) {
      const left = child(a, 'left');
      if (left) guards.push({ test: left, positive: true });
    } else if (a.type === 'BlockStatement' || a.type === 'Program' || a.type === 'SwitchCase') {
      const body = children(a, a.type === 'SwitchCase' ? 'consequent' : 'body');
      for (const statement of body) {
        if (contains(statement, inner)) break;
        if (
          statement.type === 'IfStatement' &&
          !child(statement, 'alternate') &&
          exits(child(statement, 'consequent'))
        ) {
          const test = child(statement, 'test');
          if (test) guards.push({ test, positive: false });
        }
      }
    }
    if (isFunction(a)) break;
    inner = a;
  }
  return guards;
}

/** The nearest enclosing function of a node (or the program), from its ancestors. */
export function enclosingFunction(ancestors: readonly Node[]): Node | undefined {
  for (let i = ancestors.length - 1; i >= 0; i--) if (isFunction(ancestors[i])) return ancestors[i];
  return ancestors[0];
}
