import { explainFinding } from '../../capabilities/explain/index.js';
import type { Evidence, Finding, Severity } from '../../capabilities/scan/index.js';
import { painter, type Style } from '../kit/index.js';
import type { ReportWriter, Sink } from './json.js';
import type { ScanSummary } from './summary.js';
import type { ReportTarget } from './target.js';

const SEVERITY_STYLE: Record<Severity, Style> = {
  critical: ['bold', 'red'],
  high: 'red',
  medium: 'yellow',
  low: 'cyan',
  info: 'gray',
};

function wrap(text: string, indent: string, width = 100): string {
  const words = text.split(/\s+/);
  const lines: string[] = [];
  let line = '';
  for (const w of words) {
    if (line !== '' && indent.length + line.length + 1 + w.length > width) {
      lines.push(line);
      line = w;
    } else line = line === '' ? w : `${line} ${w}`;
  }
  if (line !== '') lines.push(line);
  return lines.map((l) => indent + l).join('\n');
}

function evidenceLines(e: Evidence): string[] {
  const origin = e.request.headers.origin;
  const asked = e.request.headers['access-control-request-method'];
  const req = `${e.request.method} ${e.request.url}${origin === undefined ? '' : `  Origin: ${origin}`}${asked ? `  (preflight for ${asked})` : ''}`;
  const cors = e.response.headers
    .filter(([k]) => k.startsWith('access-control-') || k === 'vary' || k === 'set-cookie')
    .map(([k, v]) => `${k}: ${v}`);
  return [`      > ${req}`, `      < ${e.response.status}${cors.length ? `  ${cors.join('  ')}` : ''}`];
}

/**
 * The terminal report: per target, its findings most severe first, each with what an attacker can do,
 * the fix and the evidence; then a summary. Colours only when `color` is set (a TTY without NO_COLOR).
 *
 * @example
 * ```ts
 * const w = textWriter(process.stdout, { color: process.stdout.isTTY === true });
 * ```
 */
export function textWriter(out: Sink, opts: { color: boolean; verbose?: boolean }): ReportWriter {
  const paint = painter(opts.color);
  const finding = (f: Finding, url: string): string => {
    const e = opts.verbose ? explainFinding(f, url) : undefined;
    const head = `  ${paint(SEVERITY_STYLE[f.severity], f.severity.toUpperCase().padEnd(8))} ${paint('bold', f.id)}  ${f.title}`;
    const more = f.origins.length > 1 ? ` (+${f.origins.length - 1} more)` : '';
    const lines = [
      head,
      `      origin: ${f.origin}${more}${f.credentialed ? paint('red', "  — readable with the victim's cookies") : ''}`,
      wrap(f.explanation, '      '),
      ...(e
        ? [
            wrap(`Attacker: ${e.attackerCan}`, '      '),
            wrap(`How sure (${e.certainty.level}): ${e.certainty.text}`, '      '),
          ]
        : []),
      paint('green', wrap(`Fix: ${f.remediation}`, '      ')),
      ...f.evidence.slice(0, opts.verbose ? 3 : 1).flatMap(evidenceLines),
    ];
    return lines.join('\n');
  };
  return {
    target(r: ReportTarget) {
      const mark = r.error
        ? paint('yellow', '!')
        : r.findings.length
          ? paint('red', '✗')
          : paint('green', '✓');
      const grade = r.grade
        ? `grade ${r.grade.letter} (${r.grade.score}/100)${r.grade.cap ? `, ${r.grade.cap}` : ''}`
        : r.error
          ? 'no grade (scan error)'
          : '';
      const parts = [
        `${mark} ${paint('bold', r.url)}  ${paint('gray', `${r.findings.length} finding(s), ${r.requests} requests, ${r.durationMs} ms`)}${grade ? `  ${paint('bold', grade)}` : ''}`,
      ];
      if (r.error) parts.push(`  ${paint('yellow', `error ${r.error.code}:`)} ${r.error.message}`);
      for (const f of r.findings) parts.push(finding(f, r.url));
      for (const n of r.notes) parts.push(paint('gray', wrap(`note: ${n}`, '  ')));
      out.write(`${parts.join('\n')}\n\n`);
    },
    end(s: ScanSummary) {
      if (s.baseline) {
        const b = s.baseline;
        const fixed = b.fixed.map((f) => `  ${paint('green', 'fixed')} ${f.id}  ${f.url}`);
        out.write(
          `${paint('bold', 'Baseline')} ${b.file}: ${b.new} new, ${b.unchanged} unchanged, ${b.fixed.length} fixed finding(s)\n${fixed.map((l) => `${l}\n`).join('')}\n`,
        );
      }
      const grade = s.grade ? `; grade ${s.grade.letter} (worst target: ${s.grade.target})` : '';
      const counts = (['critical', 'high', 'medium', 'low', 'info'] as const)
        .map((sev) => paint(SEVERITY_STYLE[sev], `${s.findings[sev]} ${sev}`))
        .join(', ');
      out.write(
        `${paint('bold', 'Summary')}: ${s.targets} target(s), ${s.errors} error(s), findings: ${counts}; ${s.requests} requests in ${(s.durationMs / 1000).toFixed(1)} s` +
          `${s.failOn === 'none' ? '' : `; ${s.failing} target(s) at or above ${s.failOn}`}${grade}\n`,
      );
    },
  };
}
