import {
  child,
  children,
  identifierName,
  keyName,
  type Node,
  rangeOf,
  stringValue,
  unwrap,
  walk,
} from './ast.js';

/**
 * What a file's names stand for, collected once: each variable's value (`const x = …`, `x = …`, and
 * destructuring `const { origin } = req.headers`, recorded as the member it reads), and the module each
 * imported name comes from (`import cors from 'cors'`, `const cors = require('cors')`). Deliberately
 * simple (intra-file, no scopes): it follows what teams write in one file, not a whole program.
 */
export interface Bindings {
  readonly values: ReadonlyMap<string, Node>;
  readonly modules: ReadonlyMap<string, string>;
  /** Every value a plain name is given (`let o = ''; if (ok) o = origin;`), with the ancestors of the assignment. */
  readonly assignments: ReadonlyMap<string, readonly Assignment[]>;
}

/** One value given to a name, and where (its ancestors, for the guards around it). */
export interface Assignment {
  readonly value: Node;
  readonly ancestors: readonly Node[];
}

function member(object: Node, name: string): Node {
  // A synthetic `init.name`, placed where `init` is so findings point at the destructured source.
  const [start, end] = rangeOf(object);
  return {
    type: 'MemberExpression',
    object,
    property: { type: 'Identifier', name },
    computed: false,
    start,
    end,
    range: [start, end],
  };
}

function requireSource(init: Node | undefined): string | undefined {
  const n = unwrap(init);
  if (n?.type !== 'CallExpression' || identifierName(child(n, 'callee')) !== 'require') return undefined;
  return stringValue(children(n, 'arguments')[0]);
}

/**
 * Collects the bindings of a program.
 *
 * @example
 * ```ts
 * collectBindings(program).modules.get('cors'); // 'cors' for `import cors from 'cors'`
 * ```
 */
export function collectBindings(program: Node): Bindings {
  const values = new Map<string, Node>();
  const modules = new Map<string, string>();
  const assignments = new Map<string, Assignment[]>();
  let at: readonly Node[] = [];
  const bind = (pattern: Node | undefined, init: Node | undefined) => {
    if (!pattern || !init) return;
    if (pattern.type === 'Identifier') {
      const name = pattern.name as string;
      values.set(name, init);
      const list = assignments.get(name) ?? [];
      if (list.length < 64) list.push({ value: init, ancestors: at });
      assignments.set(name, list);
    } else if (pattern.type === 'ObjectPattern') {
      for (const p of children(pattern, 'properties')) {
        const name = p.type === 'Property' ? keyName(p) : undefined;
        const target = child(p, 'value');
        if (name !== undefined && target) {
          bind(target.type === 'AssignmentPattern' ? child(target, 'left') : target, member(init, name));
        }
      }
    }
  };
  walk(program, (node, ancestors) => {
    if (node.type === 'VariableDeclarator' || node.type === 'AssignmentExpression') at = [...ancestors, node];
    if (node.type === 'VariableDeclarator') {
      const id = child(node, 'id');
      const init = child(node, 'init');
      const source = requireSource(init);
      if (source !== undefined && id?.type === 'Identifier') modules.set(id.name as string, source);
      else if (source !== undefined && id?.type === 'ObjectPattern') {
        for (const p of children(id, 'properties')) {
          const local = identifierName(child(p, 'value'));
          if (local) modules.set(local, source);
        }
      } else bind(id, init);
    } else if (node.type === 'FunctionDeclaration') {
      const name = identifierName(child(node, 'id'));
      if (name) values.set(name, node);
    } else if (node.type === 'AssignmentExpression' && node.operator === '=') {
      bind(child(node, 'left'), child(node, 'right'));
    } else if (node.type === 'ImportDeclaration') {
      const source = stringValue(child(node, 'source'));
      if (source === undefined) return;
      for (const s of children(node, 'specifiers')) {
        const local = identifierName(child(s, 'local'));
        if (local) modules.set(local, source);
      }
    }
  });
  return { values, modules, assignments };
}

/**
 * Follows identifiers to the value they were given (at most 8 steps, so `a = b; b = a` ends).
 *
 * @example
 * ```ts
 * resolve(identifierNode, bindings); // the `init` of its declaration
 * ```
 */
export function resolve(node: Node | undefined, bindings: Bindings): Node | undefined {
  let n = unwrap(node);
  for (let i = 0; i < 8 && n?.type === 'Identifier'; i++) {
    const next = bindings.values.get(n.name as string);
    if (!next) break;
    n = unwrap(next);
  }
  return n;
}
