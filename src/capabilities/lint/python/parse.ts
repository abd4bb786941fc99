import { createRequire } from 'node:module';
import { Language, type Node, Parser, type Tree } from 'web-tree-sitter';
import type { LineIndex } from '../region.js';
import type { LintProblem } from '../types.js';

let parser: Parser | undefined;

/**
 * Loads tree-sitter's Python grammar (WebAssembly, from the `tree-sitter-python` package) once. The lint
 * run awaits it before analysing, so commands that never lint Python never pay for it.
 *
 * @example
 * ```ts
 * await preparePython();
 * ```
 */
export async function preparePython(): Promise<void> {
  if (parser) return;
  await Parser.init();
  const require = createRequire(import.meta.url);
  const language = await Language.load(require.resolve('tree-sitter-python/tree-sitter-python.wasm'));
  const p = new Parser();
  p.setLanguage(language);
  parser = p;
}

/** The first syntax error of a tree (an `ERROR` or missing node), if any. */
function firstError(root: Node): Node | undefined {
  if (!root.hasError) return undefined;
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const n = stack.pop() as Node;
    if (n.isError || n.isMissing) return n;
    for (let i = n.childCount - 1; i >= 0; i--) {
      const c = n.child(i);
      if (c?.hasError || c?.isMissing) stack.push(c);
    }
  }
  return undefined;
}

/**
 * Parses Python with tree-sitter, which recovers from syntax errors: the first one becomes a
 * `LINT_PARSE_ERROR` problem with its line and the rest of the tree is still analysed. tree-sitter's
 * parser is iterative, so deep nesting cannot overflow a stack. Offsets are UTF-16, like the file text.
 *
 * @example
 * ```ts
 * const { tree, problems } = parsePython('settings.py', 'CORS_ALLOW_ALL_ORIGINS = True', lines);
 * ```
 */
export function parsePython(
  path: string,
  text: string,
  lines: LineIndex,
): { tree: Tree | undefined; problems: LintProblem[] } {
  if (!parser) {
    const message =
      'the Python grammar was not loaded (call prepareAnalyzers() before analyzeFile); please report it';
    return { tree: undefined, problems: [{ file: path, code: 'LINT_INTERNAL', message }] };
  }
  const tree = parser.parse(text) ?? undefined;
  const error = tree && firstError(tree.rootNode);
  const problems: LintProblem[] = error
    ? [
        {
          file: path,
          line: lines.region(error.startIndex, error.startIndex).line,
          code: 'LINT_PARSE_ERROR',
          message: 'Python syntax error; the rest of the file was still checked',
        },
      ]
    : [];
  return { tree, problems };
}
