import { open } from 'node:fs/promises';
import {
  ANALYZERS,
  type Analyzer,
  analyzeFile,
  type LintFinding,
  type LintProblem,
  type LintRun,
  mayLint,
  prepareAnalyzers,
} from '../../capabilities/lint/index.js';
import { recheckCounterexamples } from './recheck.js';
import { type WalkOptions, walkFiles } from './walk.js';

/** Options of {@link lintPaths}. */
export interface LintPathsOptions extends Omit<WalkOptions, 'candidate'> {
  /** Larger files are skipped and counted (default 2 MiB: generated bundles, not hand-written config). */
  readonly maxFileBytes?: number;
  readonly analyzers?: readonly Analyzer[];
  /** Files read at once (default 16). */
  readonly concurrency?: number;
}

const DEFAULT_MAX = 2 * 1024 * 1024;

async function readSmall(path: string, max: number): Promise<string | null> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    if (size > max) return null;
    const buffer = await handle.readFile();
    if (buffer.subarray(0, 8192).includes(0)) return null;
    return buffer.toString('utf8');
  } finally {
    await handle.close();
  }
}

/**
 * Lints files and directories: walks them (`.gitignore`, include/exclude globs), reads each file an analyzer
 * reads (bounded size, binary files skipped), runs the analyzers, and re-checks every pattern counterexample
 * with the real engine of its dialect. A counterexample the real engine rejects is reported as a problem
 * (`LINT_ENGINE_DISAGREES`) and its finding kept without the claim. Files that cannot be read are problems,
 * never dropped. `texts` holds the linted text of the files that have an exact fix, for `applyFixes`.
 *
 * @example
 * ```ts
 * const run = await lintPaths(['.'], { cwd: process.cwd() });
 * run.findings.filter((f) => f.severity === 'critical');
 * ```
 */
export async function lintPaths(
  paths: readonly string[],
  options: LintPathsOptions,
): Promise<LintRun & { readonly texts: ReadonlyMap<string, string> }> {
  const analyzers = options.analyzers ?? ANALYZERS;
  await prepareAnalyzers(analyzers);
  const max = options.maxFileBytes ?? DEFAULT_MAX;
  const findings: LintFinding[] = [];
  const problems: LintProblem[] = [];
  const texts = new Map<string, string>();
  let files = 0;
  let skipped = 0;
  const pending = new Set<Promise<void>>();
  const lintOne = async (path: string, absolute: string) => {
    let text: string | null;
    try {
      text = await readSmall(absolute, max);
    } catch (e) {
      problems.push({
        file: path,
        code: 'LINT_READ_ERROR',
        message: `cannot read the file: ${(e as Error).message}`,
      });
      return;
    }
    if (text === null) {
      skipped++;
      return;
    }
    files++;
    const result = analyzeFile({ path, text }, analyzers);
    findings.push(...result.findings);
    if (result.findings.some((f) => f.fix?.edit)) texts.set(path, text);
    problems.push(...result.problems);
  };
  for await (const file of walkFiles(paths, { ...options, candidate: mayLint })) {
    const p = lintOne(file.path, file.absolute).finally(() => pending.delete(p));
    pending.add(p);
    if (pending.size >= (options.concurrency ?? 16)) await Promise.race(pending);
  }
  await Promise.all(pending);
  const checks = recheckCounterexamples(findings);
  const results: LintFinding[] = findings.map((f) => {
    const check = checks.get(f);
    if (check === undefined) return f;
    if (check.accepted) return { ...f, confirmedBy: check.engine };
    const { counterexample, ...rest } = f;
    problems.push({
      file: f.file,
      line: f.region.line,
      code: 'LINT_ENGINE_DISAGREES',
      message: `${check.engine} does not accept ${counterexample} for the pattern ${JSON.stringify(f.pattern?.source)}, although the prover does; the counterexample is withdrawn — please report it`,
    });
    return rest;
  });
  const byPlace = (a: { file: string; region?: { line: number; column: number } }, b: typeof a) =>
    a.file < b.file
      ? -1
      : a.file > b.file
        ? 1
        : (a.region?.line ?? 0) - (b.region?.line ?? 0) || (a.region?.column ?? 0) - (b.region?.column ?? 0);
  results.sort(byPlace);
  problems.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : (a.line ?? 0) - (b.line ?? 0)));
  return { findings: results, problems, files, skipped, texts };
}
