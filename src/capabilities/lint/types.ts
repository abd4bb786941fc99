import type { FindingId, Severity } from '../../core/findings/index.js';
import type { TextRegion } from '../../core/text/index.js';

/** One file handed to an analyzer: its path (as shown in reports, relative to the lint root) and its text. */
export interface SourceFile {
  readonly path: string;
  readonly text: string;
}

/** A 1-based line/column region of a file (columns count UTF-16 code units, as editors and SARIF do). */
export type LintRegion = TextRegion;

/** A replacement of `[start, end)` (UTF-16 offsets into the file text) by `text`. */
export interface LintEdit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  /** The replaced range as lines and columns (filled in by `lintFinding`), for SARIF and editors. */
  readonly region?: LintRegion;
}

/** A suggested fix: what to do, in words, and for the simple cases the exact edit. */
export interface LintFix {
  readonly description: string;
  readonly edit?: LintEdit;
}

/**
 * Who can read what the flagged code grants, as far as the code shows: `credentialed` when credentials are
 * enabled on the same configuration, `anonymous` when they are not or it cannot tell (a lint finding never
 * claims cookies it did not see). Picks the registry's severity.
 */
export type LintReach = 'credentialed' | 'anonymous' | 'unreadable';

/** The language an analyzer reads. */
export type LintLanguage = 'javascript' | 'nginx' | 'apache' | 'python' | 'policy';

/** One misconfiguration found in a file: the scanner's finding id and wording, plus where and why. */
export interface LintFinding {
  readonly id: FindingId;
  readonly severity: Severity;
  /** The registry's title for the id (same words as `scan`). */
  readonly title: string;
  /** What this code does, specifically (names the value, the check or the directive). */
  readonly message: string;
  readonly file: string;
  readonly region: LintRegion;
  /** The flagged source, one line, at most 200 characters, control characters escaped. */
  readonly snippet: string;
  readonly language: LintLanguage;
  /** The analyzer's rule that raised it, e.g. `js/origin-check`, `nginx/if-origin`. */
  readonly rule: string;
  /** For origin patterns: the attacker origin that gets through (re-checked by the real engine). */
  readonly counterexample?: string;
  /** For origin patterns: the pattern as its engine runs it, so the counterexample can be re-checked there. */
  readonly pattern?: LintPattern;
  /** The real engine of the pattern's dialect accepted the counterexample (set by the lint run). */
  readonly confirmedBy?: 'javascript' | 'pcre2' | 'cpython';
  readonly fix?: LintFix;
}

/** An origin pattern found in code, in its engine's dialect (`js`, `pcre`, `python-match`, …). */
export interface LintPattern {
  readonly source: string;
  readonly flags: string;
  readonly dialect: 'js' | 'pcre' | 'python-match' | 'python-fullmatch' | 'python-search';
}

/** A file the analyzer could not read fully (syntax error, unsupported construct): reported, never dropped. */
export interface LintProblem {
  readonly file: string;
  readonly line?: number;
  readonly code: string;
  readonly message: string;
}

/** What one analyzer found in one file. */
export interface AnalyzerResult {
  readonly findings: LintFinding[];
  readonly problems: LintProblem[];
}

/** One analyzer: which files it reads and what it finds in one of them (pure: no I/O). */
export interface Analyzer {
  readonly language: LintLanguage;
  /** True when the analyzer reads this path (by name and extension; e.g. `nginx.conf`, `*.py`). */
  accepts(path: string, text?: string): boolean;
  /** Loads what the analyzer needs once before its first file (a WebAssembly grammar); see `prepareAnalyzers`. */
  prepare?(): Promise<void>;
  analyze(file: SourceFile): AnalyzerResult;
}

/** Everything one lint run found: findings, the files that could not be read fully, and counts. */
export interface LintRun {
  readonly findings: readonly LintFinding[];
  readonly problems: readonly LintProblem[];
  /** Files analyzed. */
  readonly files: number;
  /** Files skipped: too large, or binary. */
  readonly skipped: number;
}
