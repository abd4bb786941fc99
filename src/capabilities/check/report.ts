import type { Violation } from './compare.js';
import type { CheckResult } from './run-check.js';

/** The result for one URL of a `corsguard check` run. */
export interface CheckUrlResult extends CheckResult {
  /** The path override whose policy applied (`/public/`), or null for the environment's own policy. */
  readonly path: string | null;
  /** Ids of every probe sent, in plan order (for per-probe reports such as JUnit). */
  readonly probeIds: readonly string[];
}

/** A whole `corsguard check` run: which policy, and one result per URL. */
export interface CheckRun {
  readonly policyFile: string;
  readonly environment: string;
  readonly results: readonly CheckUrlResult[];
}

/** Totals of a check run. */
export interface CheckSummary {
  readonly urls: number;
  readonly probes: number;
  readonly violations: number;
  /** Probes that could not be sent. */
  readonly errors: number;
  /** Violations per code. */
  readonly byCode: Readonly<Record<string, number>>;
}

/** Exit codes of `corsguard check` (the same meanings as `scan`'s). */
export const CHECK_EXIT = { ok: 0, violations: 1, usage: 2, probeErrors: 3 } as const;

/**
 * Totals over a run.
 *
 * @example
 * ```ts
 * summarizeCheck(run.results); // { urls: 2, probes: 104, violations: 1, errors: 0, byCode: { 'vary-missing': 1 } }
 * ```
 */
export function summarizeCheck(results: readonly CheckResult[]): CheckSummary {
  const byCode: Record<string, number> = {};
  let probes = 0;
  let violations = 0;
  let errors = 0;
  for (const r of results) {
    probes += r.probes;
    violations += r.violations.length;
    errors += r.errors.length;
    for (const v of r.violations) byCode[v.code] = (byCode[v.code] ?? 0) + 1;
  }
  return { urls: results.length, probes, violations, errors, byCode };
}

/**
 * 1 when any violation was found, else 3 when probes could not be sent, else 0.
 *
 * @example
 * ```ts
 * checkExitCode(summarizeCheck(results)); // 0 when the deployment matches its policy
 * ```
 */
export function checkExitCode(summary: CheckSummary): number {
  if (summary.violations > 0) return CHECK_EXIT.violations;
  if (summary.errors > 0) return CHECK_EXIT.probeErrors;
  return CHECK_EXIT.ok;
}

const ANSI = {
  red: '\u001b[31m',
  green: '\u001b[32m',
  yellow: '\u001b[33m',
  dim: '\u001b[2m',
  bold: '\u001b[1m',
  reset: '\u001b[0m',
};
type Paint = (style: keyof typeof ANSI, text: string) => string;
const painter =
  (color: boolean): Paint =>
  (style, text) =>
    color ? `${ANSI[style]}${text}${ANSI.reset}` : text;

/**
 * The expected-versus-observed header lines of a violation as a diff: lines both share are indented
 * context, `- ` lines are what the policy calls for and the server did not send, `+ ` lines what the server
 * sent instead.
 *
 * @example
 * ```ts
 * formatViolationDiff(v).join('\n');
 * // '  Access-Control-Allow-Origin: https://app.example.com\n- Vary: Origin'
 * ```
 */
export function formatViolationDiff(violation: Violation, options: { color?: boolean } = {}): string[] {
  const paint = painter(options.color === true);
  const observed = new Set(violation.observed);
  const expected = new Set(violation.expected);
  const lines: string[] = [];
  for (const line of violation.expected) {
    lines.push(observed.has(line) ? paint('dim', `  ${line}`) : paint('red', `- ${line}`));
  }
  for (const line of violation.observed) if (!expected.has(line)) lines.push(paint('green', `+ ${line}`));
  return lines;
}

/**
 * One violation in full: code, probe, what is wrong, and the diff.
 *
 * @example
 * ```ts
 * formatViolation(v);
 * // 'vary-missing  allowed https://app.example.com GET\n  the answer depends on Origin but …\n    Access-Control-Allow-Origin: …\n  - Vary: Origin'
 * ```
 */
export function formatViolation(violation: Violation, options: { color?: boolean } = {}): string {
  const paint = painter(options.color === true);
  return [
    `${paint('bold', violation.code)}  ${violation.probe}`,
    `  ${violation.message}`,
    ...formatViolationDiff(violation, options).map((l) => `  ${l}`),
  ].join('\n');
}

/** Violations of one code shown in full per URL before the rest are listed by probe (unless verbose). */
const SHOWN_PER_CODE = 3;

/**
 * The human-readable report of a check run: per URL, every violation with its diff (`-` expected, `+`
 * observed), probe failures, and a summary line.
 *
 * @example
 * ```ts
 * process.stdout.write(formatCheckText(run, { color: process.stdout.isTTY }));
 * ```
 */
export function formatCheckText(run: CheckRun, options: { color?: boolean; verbose?: boolean } = {}): string {
  const paint = painter(options.color === true);
  const out: string[] = [
    `corsguard check: ${run.policyFile}, environment ${run.environment}`,
    paint('dim', `(diff lines: - what the policy calls for, + what the server sent)`),
    '',
  ];
  for (const r of run.results) {
    const where = r.path === null ? '' : paint('dim', ` (policy of path ${r.path})`);
    const status =
      r.violations.length > 0
        ? paint('red', '✗')
        : r.errors.length > 0
          ? paint('yellow', '!')
          : paint('green', '✓');
    const counts = [
      `${r.probes} probes`,
      r.violations.length > 0
        ? `${r.violations.length} violation${r.violations.length === 1 ? '' : 's'}`
        : 'no violations',
      ...(r.errors.length > 0 ? [`${r.errors.length} failed to send`] : []),
    ].join(', ');
    out.push(`${status} ${paint('bold', r.url)}${where}  ${counts}`);
    const byCode = new Map<string, Violation[]>();
    for (const v of r.violations) byCode.set(v.code, [...(byCode.get(v.code) ?? []), v]);
    for (const [code, list] of byCode) {
      const shown = options.verbose ? list : list.slice(0, SHOWN_PER_CODE);
      for (const v of shown) out.push(indent(formatViolation(v, options), 2));
      const rest = list.slice(shown.length);
      if (rest.length > 0) {
        const names = rest.slice(0, 5).map((v) => v.probe);
        out.push(
          `  … and ${rest.length} more ${code}: ${names.join('; ')}${rest.length > names.length ? '; …' : ''} (-v shows all)`,
        );
      }
    }
    if (r.errors.length > 0) {
      const first = r.errors[0];
      out.push(
        paint(
          'yellow',
          `  ${r.errors.length} of ${r.probes} probes could not be sent (never counted as passing); first: ${first?.code} ${first?.message}`,
        ),
      );
    }
    out.push('');
  }
  out.push(formatCheckSummary(run.results, options));
  return `${out.join('\n')}\n`;
}

/**
 * The one-line verdict of a run: URLs, probes, violations by code, probes that failed.
 *
 * @example
 * ```ts
 * formatCheckSummary(run.results); // '1 URL, 61 probes: 2 violations (vary-missing 1, origin-allowed 1)'
 * ```
 */
export function formatCheckSummary(
  results: readonly CheckResult[],
  options: { color?: boolean } = {},
): string {
  const paint = painter(options.color === true);
  const s = summarizeCheck(results);
  const codes = Object.entries(s.byCode)
    .map(([c, n]) => `${c} ${n}`)
    .join(', ');
  const verdict =
    s.violations > 0
      ? paint('red', `${s.violations} violation${s.violations === 1 ? '' : 's'} (${codes})`)
      : paint('green', 'no violations');
  return `${s.urls} URL${s.urls === 1 ? '' : 's'}, ${s.probes} probes: ${verdict}${s.errors > 0 ? paint('yellow', `, ${s.errors} probes failed to send`) : ''}`;
}

/** Version of the `corsguard check --format json` document. */
export const CHECK_REPORT_FORMAT = 1;

/**
 * The `--format json` report: `{ tool, format, command: 'check', policy, results, summary }`.
 *
 * @example
 * ```ts
 * JSON.parse(formatCheckJson(run, '0.1.0')).summary.violations; // 0
 * ```
 */
export function formatCheckJson(run: CheckRun, version: string): string {
  const doc = {
    tool: { name: 'corsguard', version },
    format: CHECK_REPORT_FORMAT,
    command: 'check',
    policy: { file: run.policyFile, environment: run.environment },
    results: run.results.map(({ probeIds: _ids, ...r }) => r),
    summary: summarizeCheck(run.results),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/**
 * The `--format junit` report: one `<testsuite>` per URL and one `<testcase>` per probe, a `<failure>`
 * (with the diff) per violation and an `<error>` per probe that could not be sent. CI systems (GitHub,
 * GitLab, Jenkins) render it as test results.
 *
 * @example
 * ```ts
 * writeFileSync('cors-check.xml', formatCheckJunit(run));
 * ```
 */
export function formatCheckJunit(run: CheckRun): string {
  const s = summarizeCheck(run.results);
  const failingProbes = (r: CheckUrlResult) => new Set(r.violations.map((v) => v.probe)).size;
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="corsguard check" tests="${s.probes}" failures="${run.results.reduce((n, r) => n + failingProbes(r), 0)}" errors="${s.errors}">`,
  ];
  const classname = xml(`corsguard.check.${run.environment}`);
  for (const r of run.results) {
    lines.push(
      `  <testsuite name="${xml(r.url)}" tests="${r.probes}" failures="${failingProbes(r)}" errors="${r.errors.length}">`,
    );
    for (const id of r.probeIds) {
      const violations = r.violations.filter((v) => v.probe === id);
      const error = r.errors.find((e) => e.probe === id);
      const name = `classname="${classname}" name="${xml(id)}"`;
      if (violations.length === 0 && error === undefined) {
        lines.push(`    <testcase ${name}/>`);
        continue;
      }
      lines.push(`    <testcase ${name}>`);
      for (const v of violations) {
        const body = [v.message, ...formatViolationDiff(v)].join('\n');
        lines.push(`      <failure type="${xml(v.code)}" message="${xml(v.message)}">${xml(body)}</failure>`);
      }
      if (error) lines.push(`      <error type="${xml(error.code)}" message="${xml(error.message)}"/>`);
      lines.push('    </testcase>');
    }
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>');
  return `${lines.join('\n')}\n`;
}

function xml(text: string): string {
  return (
    text
      // biome-ignore lint/suspicious/noControlCharactersInRegex: XML 1.0 forbids these characters.
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/\n/g, '&#10;')
  );
}

function indent(text: string, n: number): string {
  const pad = ' '.repeat(n);
  return text
    .split('\n')
    .map((l) => pad + l)
    .join('\n');
}
