import type { LineIndex } from '../region.js';
import type { LintProblem } from '../types.js';
import { isNode, type Node } from './ast.js';
import { parseOnBigStack } from './oxc-thread.js';

/** The languages oxc reads, by extension: JavaScript, TypeScript and their JSX and module variants. */
export const JS_EXTENSIONS = /\.(?:[cm]?[jt]sx?)$/i;

/** Brackets nested deeper than this: the file is not parsed (no hand-written code does it; oxc runs on a big stack anyway, see oxc-thread.ts). */
export const MAX_NESTING = 1000;

/**
 * Syntax trees deeper than this are not analysed: several analyses look at a node's ancestors, so a tree
 * hundreds of thousands of levels deep (`a = a = …`) would cost quadratic time. Real files stay far below
 * (a 2,000-branch `else if` chain is about 4,000 levels).
 */
export const MAX_TREE_DEPTH = 10_000;

/** Whether a tree is deeper than `limit` (iterative: a deep tree cannot overflow this walk). */
function deeperThan(root: Node, limit: number): boolean {
  const stack: [Node, number][] = [[root, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop() as [Node, number];
    if (depth > limit) return true;
    for (const value of Object.values(node)) {
      if (Array.isArray(value)) {
        for (const v of value) if (isNode(v)) stack.push([v, depth + 1]);
      } else if (isNode(value)) stack.push([value, depth + 1]);
    }
  }
  return false;
}

/** The deepest bracket nesting of a text (brackets inside strings and comments count too: an upper bound). */
function nesting(text: string): number {
  let depth = 0;
  let max = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 40 || c === 91 || c === 123) max = Math.max(max, ++depth);
    else if (c === 41 || c === 93 || c === 125) depth = Math.max(0, depth - 1);
  }
  return max;
}

/**
 * Parses a JavaScript or TypeScript file with oxc (the parser is chosen by the file's extension) into an
 * ESTree program. oxc recovers from most syntax errors; each one becomes a `LINT_PARSE_ERROR` problem
 * with its line, and whatever parsed is still analysed, so a typo never hides the rest of the file.
 *
 * @example
 * ```ts
 * const { program, problems } = parseJs('app.ts', 'app.use(cors())', lines);
 * ```
 */
export function parseJs(
  path: string,
  text: string,
  lines: LineIndex,
): { program: Node | undefined; problems: LintProblem[] } {
  if (nesting(text) > MAX_NESTING) {
    const message = `brackets nest deeper than ${MAX_NESTING} levels, which no hand-written code does; the file was not parsed (a generated or hostile file?) — exclude it with --exclude`;
    return { program: undefined, problems: [{ file: path, code: 'LINT_TOO_DEEP', message }] };
  }
  const name = JS_EXTENSIONS.test(path) ? path : `${path}.js`;
  const result = parseOnBigStack(name, text, { preserveParens: false });
  if (!result.ok) {
    const message = `the file was not analysed: ${result.reason} (a generated or hostile file?) — exclude it with --exclude`;
    return { program: undefined, problems: [{ file: path, code: 'LINT_TOO_DEEP', message }] };
  }
  if (deeperThan(result.program as Node, MAX_TREE_DEPTH)) {
    const message = `its syntax tree nests deeper than ${MAX_TREE_DEPTH} levels, which no hand-written code does; the file was not analysed (a generated or hostile file?) — exclude it with --exclude`;
    return { program: undefined, problems: [{ file: path, code: 'LINT_TOO_DEEP', message }] };
  }
  const problems = result.errors
    .filter((e) => e.severity === 'Error')
    .slice(0, 5)
    .map((e): LintProblem => {
      const at = e.labels[0]?.start;
      return {
        file: path,
        ...(at === undefined ? {} : { line: lines.region(at, at).line }),
        code: 'LINT_PARSE_ERROR',
        message: `JavaScript/TypeScript syntax error: ${e.message}; the rest of the file was still checked`,
      };
    });
  return { program: result.program as Node, problems };
}
