import { child, children, type Node, unwrap } from './js-ast.js';

/** A string a bundle builds from literals: complete, or only its leading part (`partial`). */
export interface StaticString {
  readonly value: string;
  /** True when an expression could not be resolved and the value stops before it. */
  readonly partial: boolean;
}

/** Longest string the evaluator builds (a concatenation loop cannot grow it without bound). */
const MAX_LENGTH = 4096;

/**
 * The string value of an expression made of string literals, template literals, `+` and constants
 * (`consts`: names bound once to such a string). Where an expression cannot be resolved, the value is the
 * text before it, marked `partial`; undefined when nothing leads.
 *
 * @example
 * ```ts
 * // `${API}/users/${id}` with API = 'https://api.example.com'
 * staticString(node, new Map([['API', 'https://api.example.com']])); // { value: 'https://api.example.com/users/', partial: true }
 * ```
 */
export function staticString(
  node: Node | undefined,
  consts: ReadonlyMap<string, string>,
  depth = 0,
): StaticString | undefined {
  const n = unwrap(node);
  if (!n || depth > 32) return undefined;
  if (n.type === 'Literal') return typeof n.value === 'string' ? whole(n.value) : undefined;
  if (n.type === 'Identifier') {
    const value = consts.get(n.name as string);
    return value === undefined ? undefined : whole(value);
  }
  if (n.type === 'TemplateLiteral') {
    const quasis = children(n, 'quasis');
    const expressions = children(n, 'expressions');
    let value = '';
    for (let i = 0; i < quasis.length; i++) {
      const cooked = (quasis[i]?.value as { cooked?: string | null } | undefined)?.cooked;
      if (typeof cooked !== 'string') return lead(value);
      value += cooked;
      const expression = expressions[i];
      if (!expression) continue;
      const part = staticString(expression, consts, depth + 1);
      if (!part) return lead(value);
      value += part.value;
      if (part.partial) return lead(value);
    }
    return whole(value);
  }
  if (n.type === 'BinaryExpression' && n.operator === '+') {
    const left = staticString(child(n, 'left'), consts, depth + 1);
    if (!left) return undefined;
    if (left.partial) return left;
    const right = staticString(child(n, 'right'), consts, depth + 1);
    if (!right) return lead(left.value);
    return right.partial ? lead(left.value + right.value) : whole(left.value + right.value);
  }
  return undefined;
}

function whole(value: string): StaticString | undefined {
  return value.length > MAX_LENGTH ? undefined : { value, partial: false };
}

function lead(value: string): StaticString | undefined {
  return value === '' || value.length > MAX_LENGTH ? undefined : { value, partial: true };
}
