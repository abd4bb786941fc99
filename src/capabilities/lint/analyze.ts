import { apacheAnalyzer } from './apache/index.js';
import { javascriptAnalyzer } from './javascript/index.js';
import { nginxAnalyzer } from './nginx/index.js';
import { policyAnalyzer } from './policy/index.js';
import { pythonAnalyzer } from './python/index.js';
import type { Analyzer, AnalyzerResult, SourceFile } from './types.js';

/**
 * Every analyzer, one per language. An analyzer is a folder of this capability with an `index.ts` that
 * exports one `Analyzer`; add it here.
 */
export const ANALYZERS: readonly Analyzer[] = [
  javascriptAnalyzer,
  pythonAnalyzer,
  nginxAnalyzer,
  apacheAnalyzer,
  policyAnalyzer,
];

/**
 * Loads what the analyzers need before the first file (the Python grammar). Call once per process before
 * {@link analyzeFile}; it does nothing the second time.
 *
 * @example
 * ```ts
 * await prepareAnalyzers();
 * ```
 */
export async function prepareAnalyzers(analyzers: readonly Analyzer[] = ANALYZERS): Promise<void> {
  await Promise.all(analyzers.map((a) => a.prepare?.()));
}

/**
 * Runs every analyzer that reads this file and joins what they found. An analyzer that throws is a bug:
 * it is reported as a `LINT_INTERNAL` problem for the file, so one file never loses the others' results.
 *
 * @example
 * ```ts
 * analyzeFile({ path: 'app.js', text: "app.use(cors({ origin: true, credentials: true }))" }).findings[0]?.id;
 * // 'origin-reflected'
 * ```
 */
export function analyzeFile(file: SourceFile, analyzers: readonly Analyzer[] = ANALYZERS): AnalyzerResult {
  const result: AnalyzerResult = { findings: [], problems: [] };
  for (const analyzer of analyzers) {
    if (!analyzer.accepts(file.path, file.text)) continue;
    try {
      const r = analyzer.analyze(file);
      result.findings.push(...r.findings);
      result.problems.push(...r.problems);
    } catch (e) {
      result.problems.push({
        file: file.path,
        code: 'LINT_INTERNAL',
        message: `the ${analyzer.language} analyzer failed on this file (${(e as Error).message}); please report it`,
      });
    }
  }
  result.findings.sort((a, b) => a.region.line - b.region.line || a.region.column - b.region.column);
  return result;
}
