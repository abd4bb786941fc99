import { LineIndex } from '../region.js';
import type { Analyzer, AnalyzerResult, SourceFile } from '../types.js';
import type { Node } from './ast.js';
import { collectBindings } from './bindings.js';
import type { JsContext } from './context.js';
import { checkCorsOptions } from './cors-options.js';
import { checkHeaderWrites } from './headers.js';
import { JS_EXTENSIONS, parseJs } from './parse.js';

export type { Node as EstreeNode } from './ast.js';

/**
 * Runs the JavaScript/TypeScript checks on a parsed ESTree program (from oxc, espree or
 * typescript-eslint: nodes with `start`/`end` or `range`). The ESLint plugin calls this with ESLint's own
 * AST, so the editor and `corsguard lint` report the same findings.
 *
 * @example
 * ```ts
 * analyzeProgram(program, text, 'src/app.ts').findings.map((f) => f.id);
 * ```
 */
export function analyzeProgram(program: Node, text: string, file: string): AnalyzerResult {
  const ctx: JsContext = {
    file,
    text,
    lines: new LineIndex(text),
    bindings: collectBindings(program),
    findings: [],
    problems: [],
  };
  checkCorsOptions(ctx, program);
  checkHeaderWrites(ctx, program);
  return { findings: dedupe(ctx.findings), problems: ctx.problems };
}

/** One finding per id and place: a grant reached twice (two guards, two paths) is one bug. */
function dedupe<T extends { id: string; region: { line: number; column: number } }>(findings: T[]): T[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.id}:${f.region.line}:${f.region.column}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * The JavaScript/TypeScript analyzer: Express, Fastify, Hono, Koa and NestJS CORS options, Next.js route
 * handlers, middleware and `next.config` headers, and hand-written CORS headers with the Origin checks
 * before them. Files are parsed with oxc; files that do not mention CORS are skipped unparsed.
 *
 * @example
 * ```ts
 * javascriptAnalyzer.analyze({ path: 'app.js', text: "app.use(cors({ origin: true, credentials: true }))" });
 * ```
 */
export const javascriptAnalyzer: Analyzer = {
  language: 'javascript',
  accepts: (path) => JS_EXTENSIONS.test(path) && !/\.d\.[cm]?ts$/i.test(path),
  analyze(file: SourceFile): AnalyzerResult {
    if (!/cors|access-control-/i.test(file.text)) return { findings: [], problems: [] };
    const lines = new LineIndex(file.text);
    const { program, problems } = parseJs(file.path, file.text, lines);
    if (!program) return { findings: [], problems };
    let r: ReturnType<typeof analyzeProgram>;
    try {
      r = analyzeProgram(program, file.text, file.path);
    } catch (e) {
      // A syntax tree tens of thousands of levels deep overflows the analyzer's (JavaScript) stack.
      if (!(e instanceof RangeError)) throw e;
      const message = `the file was not analysed: its syntax tree is too deep (${e.message}) (a generated or hostile file?) — exclude it with --exclude`;
      return { findings: [], problems: [...problems, { file: file.path, code: 'LINT_TOO_DEEP', message }] };
    }
    return { findings: r.findings, problems: [...problems, ...r.problems] };
  },
};
