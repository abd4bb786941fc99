export { ANALYZERS, analyzeFile, prepareAnalyzers } from './analyze.js';
export { mayLint } from './candidates.js';
export { type FindingInput, lintFinding } from './finding.js';
export { analyzeProgram, type EstreeNode, javascriptAnalyzer } from './javascript/index.js';
export { type EntryVerdict, judgeOriginEntry } from './origin-entry.js';
export {
  type RegexSite,
  regexFindings,
  type StringCheck,
  safeRegexSource,
  stringCheckRegex,
} from './regex-findings.js';
export { LineIndex, snippetOf } from './region.js';
export type {
  Analyzer,
  AnalyzerResult,
  LintEdit,
  LintFinding,
  LintFix,
  LintLanguage,
  LintPattern,
  LintProblem,
  LintReach,
  LintRegion,
  LintRun,
  SourceFile,
} from './types.js';
