import {
  type CheckResult,
  type CheckRun,
  type DiffChange,
  describeViolation,
  diffLineText,
  summarizeCheck,
  type Violation,
  violationDiff,
} from '../../capabilities/check/index.js';
import { type Paint, painter, type Style } from '../kit/index.js';

/** Colour options of the check text report. */
export interface CheckTextOptions {
  readonly color?: boolean;
  readonly verbose?: boolean;
}

const PART_STYLE: Readonly<Record<'code' | DiffChange, Style>> = {
  code: 'bold',
  same: 'dim',
  missing: 'red',
  extra: 'green',
};

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
  return violationDiff(violation).map((line) => paint(PART_STYLE[line.change], diffLineText(line)));
}

/**
 * One violation in full: code, probe, what is wrong, and the diff.
 *
 * @example
 * ```ts
 * formatViolation(v, { color: true });
 * // '\u001b[1mvary-missing\u001b[22m  allowed https://app.example.com GET\n  the answer depends on Origin but …'
 * ```
 */
export function formatViolation(violation: Violation, options: { color?: boolean } = {}): string {
  const paint = painter(options.color === true);
  return describeViolation(violation, (part, text) => paint(PART_STYLE[part], text));
}

/** Violations of one code shown in full per URL before the rest are listed by probe (unless verbose). */
const SHOWN_PER_CODE = 3;

function urlSection(r: CheckRun['results'][number], paint: Paint, options: CheckTextOptions): string[] {
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
  const out = [`${status} ${paint('bold', r.url)}${where}  ${counts}`];
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
  return [...out, ''];
}

/**
 * The human-readable report of a check run: per URL, every violation with its diff (`-` expected, `+`
 * observed), probe failures, and a summary line.
 *
 * @example
 * ```ts
 * process.stdout.write(formatCheckText(run, { color: process.stdout.isTTY }));
 * ```
 */
export function formatCheckText(run: CheckRun, options: CheckTextOptions = {}): string {
  const paint = painter(options.color === true);
  const out: string[] = [
    `corsguard check: ${run.policyFile}, environment ${run.environment}`,
    paint('dim', `(diff lines: - what the policy calls for, + what the server sent)`),
    '',
    ...run.results.flatMap((r) => urlSection(r, paint, options)),
    formatCheckSummary(run.results, options),
  ];
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

function indent(text: string, n: number): string {
  const pad = ' '.repeat(n);
  return text
    .split('\n')
    .map((l) => pad + l)
    .join('\n');
}
