import type { Violation } from './compare.js';

/** How a header line of a violation differs: in both answers, only expected, or only observed. */
export type DiffChange = 'same' | 'missing' | 'extra';

/** One header line of a violation's expected-versus-observed diff. */
export interface DiffLine {
  readonly change: DiffChange;
  /** `Name: value` (or `Name: (absent)`). */
  readonly header: string;
}

/**
 * The expected-versus-observed header lines of a violation as data: lines both share (`same`), lines the
 * policy calls for and the server did not send (`missing`), lines the server sent instead (`extra`).
 *
 * @example
 * ```ts
 * violationDiff(v); // [{ change: 'same', header: 'Access-Control-Allow-Origin: https://app.example.com' }, { change: 'missing', header: 'Vary: Origin' }]
 * ```
 */
export function violationDiff(violation: Violation): DiffLine[] {
  const observed = new Set(violation.observed);
  const expected = new Set(violation.expected);
  return [
    ...violation.expected.map((header) => ({
      change: observed.has(header) ? ('same' as const) : ('missing' as const),
      header,
    })),
    ...violation.observed
      .filter((h) => !expected.has(h))
      .map((header) => ({ change: 'extra' as const, header })),
  ];
}

const MARK: Readonly<Record<DiffChange, string>> = { same: ' ', missing: '-', extra: '+' };

/**
 * A diff line as text: `  ` for a shared line, `- ` for an expected one, `+ ` for an observed one.
 *
 * @example
 * ```ts
 * diffLineText({ change: 'missing', header: 'Vary: Origin' }); // '- Vary: Origin'
 * ```
 */
export function diffLineText(line: DiffLine): string {
  return `${MARK[line.change]} ${line.header}`;
}

/** Decorates a part of a violation's description (reports use it for colours); identity by default. */
export type ViolationStyler = (part: 'code' | DiffChange, text: string) => string;

/**
 * One violation as plain text, the way assertion messages and reports show it: code and probe, what is
 * wrong, and the diff; `style` may decorate each part (the reports' colours), without changing the layout.
 *
 * @example
 * ```ts
 * describeViolation(v);
 * // 'vary-missing  allowed https://app.example.com GET\n  the answer depends on Origin but …\n    Access-Control-Allow-Origin: …\n  - Vary: Origin'
 * ```
 */
export function describeViolation(
  violation: Violation,
  style: ViolationStyler = (_part, text) => text,
): string {
  return [
    `${style('code', violation.code)}  ${violation.probe}`,
    `  ${violation.message}`,
    ...violationDiff(violation).map((line) => `  ${style(line.change, diffLineText(line))}`),
  ].join('\n');
}
