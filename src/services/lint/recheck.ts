import { execFileSync } from 'node:child_process';
import type { LintFinding, LintPattern } from '../../capabilities/lint/index.js';

/** Which real engine confirmed a finding's counterexample. */
export interface EngineCheck {
  /** `javascript` (V8, in process), `pcre2` (GNU grep -P, the PCRE2 library nginx and Apache link), `cpython` (`re`). */
  readonly engine: 'javascript' | 'pcre2' | 'cpython';
  /** The engine accepted the counterexample, as the configured code calls it. */
  readonly accepted: boolean;
}

const PYTHON_FUNCTION = {
  'python-match': 'match',
  'python-fullmatch': 'fullmatch',
  'python-search': 'search',
} as const;

const PYTHON_SCRIPT = `
import json, re, sys
out = []
for p in json.load(sys.stdin):
    try:
        flags = re.IGNORECASE if 'i' in p['flags'] else 0
        out.append(getattr(re, p['fn'])(p['source'], p['origin'], flags) is not None)
    except Exception:
        out.append(None)
print(json.dumps(out))
`;

/** Runs CPython's `re` on each (pattern, origin); null where python3 is missing or the pattern fails there. */
function cpython(items: readonly { pattern: LintPattern; origin: string }[]): (boolean | null)[] {
  const input = JSON.stringify(
    items.map(({ pattern, origin }) => ({
      source: pattern.source,
      flags: pattern.flags,
      origin,
      fn: PYTHON_FUNCTION[pattern.dialect as keyof typeof PYTHON_FUNCTION],
    })),
  );
  try {
    const out = execFileSync('python3', ['-I', '-c', PYTHON_SCRIPT], {
      input,
      timeout: 20_000,
      encoding: 'utf8',
    });
    return JSON.parse(out) as (boolean | null)[];
  } catch {
    return items.map(() => null);
  }
}

/** GNU grep's `-P` (PCRE2) on one origin: true when it matches anywhere, as nginx's `~` and Apache's `SetEnvIf` do. */
function pcre2(pattern: LintPattern, origin: string): boolean | null {
  try {
    execFileSync('grep', ['-qP', ...(pattern.flags.includes('i') ? ['-i'] : []), '-e', pattern.source], {
      input: `${origin}\n`,
      timeout: 5_000,
      stdio: ['pipe', 'ignore', 'ignore'],
    });
    return true;
  } catch (e) {
    return (e as { status?: number }).status === 1 ? false : null;
  }
}

/**
 * Re-checks every counterexample of a non-JavaScript pattern with the real engine of its dialect: CPython's
 * `re` (the same `match`/`fullmatch`/`search` the library calls) and PCRE2 through GNU `grep -P`. The
 * prover already re-checked each one with JavaScript's engine after translating the pattern; this runs the
 * original pattern where it really runs. An engine that is not installed gives no verdict (null).
 *
 * @example
 * ```ts
 * const checks = recheckCounterexamples(findings); // Map<LintFinding, EngineCheck[]>
 * ```
 */
export function recheckCounterexamples(findings: readonly LintFinding[]): Map<LintFinding, EngineCheck> {
  const checks = new Map<LintFinding, EngineCheck>();
  const python = findings.filter((f) => f.counterexample && f.pattern?.dialect.startsWith('python'));
  const verdicts = python.length
    ? cpython(python.map((f) => ({ pattern: f.pattern as LintPattern, origin: f.counterexample as string })))
    : [];
  python.forEach((f, i) => {
    const v = verdicts[i];
    if (v !== null && v !== undefined) checks.set(f, { engine: 'cpython', accepted: v });
  });
  for (const f of findings) {
    if (!f.counterexample || !f.pattern) continue;
    if (f.pattern.dialect === 'pcre') {
      const v = pcre2(f.pattern, f.counterexample);
      if (v !== null) checks.set(f, { engine: 'pcre2', accepted: v });
    } else if (f.pattern.dialect === 'js') {
      const re = new RegExp(f.pattern.source, f.pattern.flags.replace(/[gy]/g, ''));
      checks.set(f, { engine: 'javascript', accepted: re.test(f.counterexample) });
    }
  }
  return checks;
}
