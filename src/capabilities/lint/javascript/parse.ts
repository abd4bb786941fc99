import { parseJavaScript } from '../../../core/javascript/index.js';
import type { LineIndex } from '../region.js';
import type { LintProblem } from '../types.js';
import type { Node } from './ast.js';

/** The languages oxc reads, by extension: JavaScript, TypeScript and their JSX and module variants. */
export const JS_EXTENSIONS = /\.(?:[cm]?[jt]sx?)$/i;

/**
 * Parses a JavaScript or TypeScript file with oxc (the parser is chosen by the file's extension) into an
 * ESTree program, safely for hostile files (`parseJavaScript`: a big-stack thread, nesting limits; a
 * refused file is a `LINT_TOO_DEEP` problem). oxc recovers from most syntax errors; each one becomes a
 * `LINT_PARSE_ERROR` problem with its line, and whatever parsed is still analysed, so a typo never hides
 * the rest of the file.
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
  const result = parseJavaScript(JS_EXTENSIONS.test(path) ? path : `${path}.js`, text);
  if (!result.ok) {
    const why = result.tooDeep ? `${result.reason}, which no hand-written code does` : result.reason;
    const message = `the file was not analysed: ${why} (a generated or hostile file?) — exclude it with --exclude`;
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
  return { program: result.program, problems };
}
