import { LineIndex } from '../region.js';
import type { Analyzer, AnalyzerResult, SourceFile } from '../types.js';
import { assignments } from './ast.js';
import type { PyContext } from './context.js';
import { checkPythonHeaders } from './headers.js';
import { checkPythonMiddleware } from './middleware.js';
import { parsePython, preparePython } from './parse.js';
import { checkDjangoSettings } from './settings.js';

/**
 * The Python analyzer: Django settings for django-cors-headers, flask-cors, Starlette/FastAPI
 * `CORSMiddleware`, and hand-written CORS headers in views — parsed with tree-sitter's Python grammar.
 * `prepare()` loads the grammar once (the lint run awaits it).
 *
 * @example
 * ```ts
 * await pythonAnalyzer.prepare?.();
 * pythonAnalyzer.analyze({ path: 'settings.py', text: 'CORS_ALLOW_ALL_ORIGINS = True\nCORS_ALLOW_CREDENTIALS = True' });
 * ```
 */
export const pythonAnalyzer: Analyzer = {
  language: 'python',
  accepts: (path) => /\.pyw?$/i.test(path),
  prepare: preparePython,
  analyze(file: SourceFile): AnalyzerResult {
    if (!/cors|access-control-/i.test(file.text)) return { findings: [], problems: [] };
    const lines = new LineIndex(file.text);
    const { tree, problems } = parsePython(file.path, file.text, lines);
    if (!tree) return { findings: [], problems };
    try {
      const root = tree.rootNode;
      const values = new Map(
        assignments(root)
          .filter((a) => a.target.type === 'identifier')
          .map((a) => [a.target.text, a.value]),
      );
      const ctx: PyContext = { file: file.path, lines, values, findings: [], problems };
      checkDjangoSettings(ctx, root);
      checkPythonMiddleware(ctx, root);
      checkPythonHeaders(ctx, root);
      return { findings: ctx.findings, problems: ctx.problems };
    } finally {
      tree.delete();
    }
  },
};
