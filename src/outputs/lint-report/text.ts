import type { LintFinding, LintRun } from '../../capabilities/lint/index.js';
import { SEVERITIES } from '../../core/findings/index.js';
import { escapeTerminal, type Paint, type Style } from '../kit/index.js';
import { lintSummary } from './summary.js';

const SEVERITY_STYLE: Readonly<Record<LintFinding['severity'], Style>> = {
  critical: ['bold', 'red'],
  high: 'red',
  medium: 'yellow',
  low: 'cyan',
  info: 'gray',
};

const ENGINE_NAME = { javascript: 'JavaScript RegExp', pcre2: 'PCRE2', cpython: "CPython's re" } as const;

function finding(f: LintFinding, paint: Paint): string[] {
  const at = `${f.region.line}:${f.region.column}`.padEnd(8);
  const lines = [
    `  ${at}${paint(SEVERITY_STYLE[f.severity], f.severity.padEnd(9))}${paint('bold', f.id)}  ${escapeTerminal(f.message)}`,
    `          ${paint('gray', `│ ${escapeTerminal(f.snippet)}`)}`,
  ];
  if (f.counterexample !== undefined) {
    const by = f.confirmedBy ? ` (accepted by ${ENGINE_NAME[f.confirmedBy]})` : '';
    lines.push(`          attacker origin: ${escapeTerminal(f.counterexample)}${by}`);
  }
  if (f.fix) lines.push(`          fix: ${escapeTerminal(f.fix.description)}`);
  return lines;
}

/**
 * The text report of `corsguard lint`: findings grouped by file (line:column, severity, the scanner's id,
 * what the code does, the line, the attacker origin for patterns and the fix), then the problems, then the
 * counts. Every value from the linted files is escaped for the terminal.
 *
 * @example
 * ```ts
 * process.stdout.write(formatLintText(run, painter(false)));
 * ```
 */
export function formatLintText(run: LintRun, paint: Paint): string {
  const out: string[] = [];
  let file: string | undefined;
  for (const f of run.findings) {
    if (f.file !== file) {
      if (file !== undefined) out.push('');
      file = f.file;
      out.push(paint('underline', escapeTerminal(f.file)));
    }
    out.push(...finding(f, paint));
  }
  if (run.problems.length > 0) {
    if (out.length > 0) out.push('');
    out.push(paint('bold', 'Not fully checked:'));
    for (const p of run.problems) {
      const where = p.line === undefined ? p.file : `${p.file}:${p.line}`;
      out.push(`  ${escapeTerminal(where)}  ${p.code}  ${escapeTerminal(p.message)}`);
    }
  }
  const s = lintSummary(run);
  const counts = SEVERITIES.filter((sev) => s.bySeverity[sev] > 0).map(
    (sev) => `${s.bySeverity[sev]} ${sev}`,
  );
  if (out.length > 0) out.push('');
  out.push(
    `${s.files} file${s.files === 1 ? '' : 's'} checked${s.skipped ? ` (${s.skipped} skipped: too large or binary)` : ''}: ` +
      (s.findings === 0
        ? paint('green', 'no CORS misconfiguration found')
        : `${s.findings} finding${s.findings === 1 ? '' : 's'} (${counts.join(', ')})`) +
      (s.problems ? `, ${s.problems} not fully checked` : ''),
  );
  return `${out.join('\n')}\n`;
}
