import type { DiscoveryResult } from '../../capabilities/discovery/index.js';
import { explainFinding } from '../../capabilities/explain/index.js';
import { fixText, type Stack } from '../../capabilities/remediation/index.js';
import { type Evidence, type Severity, TRUSTED_ORIGINS_NOTE } from '../../capabilities/scan/index.js';
import { escapeTerminal as inert, type Paint, painter, type Style } from '../kit/index.js';
import { discoveryDigest, sourceLabel } from './discovery.js';
import type { ReportWriter, Sink } from './json.js';
import type { ScanSummary } from './summary.js';
import { isNew, type ReportFinding, type ReportTarget } from './target.js';
import { topFixLines } from './text-fix.js';
import { verifiedText } from './verified.js';

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

/** The block written before the targets with `scan --discover`: what was found, where, what was dropped. */
function discoveryLines(d: DiscoveryResult, paint: Paint): string[] {
  const digest = discoveryDigest(d);
  const lines = [`${paint('bold', 'Discovery')}${inert(digest.heading.slice('Discovery'.length))}:`];
  for (const n of digest.notes) lines.push(paint('gray', wrap(`note: ${inert(n)}`, '  ')));
  for (const x of digest.dropped) lines.push(paint('gray', `  ${inert(x)}`));
  if (digest.more > 0) lines.push(paint('gray', `  … and ${digest.more} more dropped`));
  return lines;
}

const sev = (paint: Paint, s: Severity) => paint(SEVERITY_STYLE[s], s.toUpperCase().padEnd(8));

/** With a baseline: the compact list of unchanged findings, the fixed ones and what could not be re-checked. */
function baselineLines(r: ReportTarget, paint: Paint): string[] {
  if (!r.baseline) return [];
  const lines: string[] = [];
  const unchanged = r.findings.filter((f) => !isNew(f));
  if (unchanged.length > 0) {
    lines.push(`  ${paint('yellow', `unchanged since the baseline (${unchanged.length}), still open:`)}`);
    for (const f of unchanged) lines.push(`    ${sev(paint, f.severity)} ${paint('bold', f.id)}  ${f.title}`);
  }
  const { fixed, unverified } = r.baseline;
  if (fixed.length > 0) {
    lines.push(`  ${paint('green', `fixed since the baseline (${fixed.length}):`)}`);
    // Values from the baseline file: made inert for the terminal.
    for (const f of fixed) lines.push(`    ${paint('green', 'fixed')} ${inert(f.id)}  ${inert(f.title)}`);
  }
  if (unverified > 0) {
    lines.push(
      `  ${paint('yellow', `${unverified} baseline finding(s) not re-checked: the scan did not complete, so they are neither unchanged nor fixed`)}`,
    );
  }
  return lines;
}

/**
 * The terminal report: per target, its findings most severe first, each with what an attacker can do,
 * the fix and the evidence; then a summary. Colours only when `color` is set (a TTY without NO_COLOR).
 * With `--baseline`, new findings are shown in full and marked `NEW`, unchanged ones in a compact list
 * (the target keeps its ✗ and its grade: they are still there), fixed ones listed as fixed. With `scan
 * --discover`, a block first says what discovery found and dropped, and each target where it was found.
 *
 * @example
 * ```ts
 * const w = textWriter(process.stdout, { color: process.stdout.isTTY === true });
 * ```
 */
export function textWriter(
  out: Sink,
  opts: { color: boolean; verbose?: boolean; stack?: Stack; discovery?: DiscoveryResult },
): ReportWriter {
  const paint = painter(opts.color);
  if (opts.discovery) out.write(`${discoveryLines(opts.discovery, paint).join('\n')}\n\n`);
  const finding = (f: ReportFinding, r: ReportTarget): string => {
    const url = r.url;
    const e = opts.verbose ? explainFinding(f, url) : undefined;
    const fresh = f.baseline === 'new' ? `  ${paint(['bold', 'magenta'], 'NEW')}` : '';
    const head = `  ${sev(paint, f.severity)} ${paint('bold', f.id)}  ${f.title}${fresh}`;
    const more = f.origins.length > 1 ? ` (+${f.origins.length - 1} more)` : '';
    const lines = [
      head,
      `      origin: ${f.origin}${more}${f.credentialed ? paint('red', "  — readable with the victim's cookies") : ''}`,
      ...(f.verified
        ? [
            `      verified: ${paint(f.verified.read ? ['bold', 'red'] : 'green', verifiedText(f.verified))}`,
            ...f.verified.console.map((l) => paint('gray', `        console: ${inert(l)}`)),
          ]
        : []),
      wrap(f.explanation, '      '),
      ...(e
        ? [
            wrap(`Attacker: ${e.attackerCan}`, '      '),
            wrap(`How sure (${e.certainty.level}): ${e.certainty.text}`, '      '),
          ]
        : []),
      paint('green', wrap(`Fix: ${fixText(r, f)}`, '      ')),
      ...f.evidence.slice(0, opts.verbose ? 3 : 1).flatMap(evidenceLines),
    ];
    return lines.join('\n');
  };
  return {
    target(r: ReportTarget) {
      const shown = r.findings.filter(isNew);
      // ✓ only with no finding at all: unchanged findings are still open.
      const mark = r.error
        ? paint('yellow', '!')
        : shown.length
          ? paint('red', '✗')
          : r.findings.length
            ? paint('yellow', '✗')
            : paint('green', '✓');
      const b = r.baseline;
      const count = b
        ? `${r.findings.length} finding(s): ${b.new} new, ${b.unchanged} unchanged, ${b.fixed.length} fixed`
        : `${r.findings.length} finding(s)`;
      const grade = r.grade
        ? `grade ${r.grade.letter} (${r.grade.score}/100)${r.grade.cap ? `, ${r.grade.cap}` : ''}`
        : r.error
          ? 'no grade (scan error)'
          : '';
      const parts = [
        `${mark} ${paint('bold', r.url)}  ${paint('gray', `${count}, ${r.requests} requests, ${r.durationMs} ms`)}${grade ? `  ${paint('bold', grade)}` : ''}`,
      ];
      if (r.discoveredFrom?.length)
        parts.push(
          paint('gray', `  found in: ${r.discoveredFrom.map((x) => inert(sourceLabel(x))).join(', ')}`),
        );
      if (r.error) parts.push(`  ${paint('yellow', `error ${r.error.code}:`)} ${r.error.message}`);
      for (const f of shown) parts.push(finding(f, r));
      const fix = shown.length > 0 ? topFixLines(r, opts.stack, paint) : [];
      parts.push(...fix, ...baselineLines(r, paint));
      // The fix block names the trusted origins seen; the note saying the same is not repeated.
      const notes = fix.length > 0 ? r.notes.filter((n) => !n.startsWith(TRUSTED_ORIGINS_NOTE)) : r.notes;
      for (const n of notes) parts.push(paint('gray', wrap(`note: ${n}`, '  ')));
      out.write(`${parts.join('\n')}\n\n`);
    },
    end(s: ScanSummary) {
      const b = s.baseline;
      if (b) {
        const unverified =
          b.unverified > 0
            ? `; ${b.unverified} not re-checked (their target was not scanned now, or not completely)`
            : '';
        out.write(
          `${paint('bold', 'Baseline')} ${inert(b.file)}: ${b.new} new, ${b.unchanged} unchanged (still open), ${b.fixed.length} fixed finding(s)${unverified}\n`,
        );
      }
      const grade = s.grade ? `; grade ${s.grade.letter} (worst target: ${s.grade.target})` : '';
      const counts = (['critical', 'high', 'medium', 'low', 'info'] as const)
        .map((sev) => paint(SEVERITY_STYLE[sev], `${s.findings[sev]} ${sev}`))
        .join(', ');
      out.write(
        `${paint('bold', 'Summary')}: ${s.targets} target(s), ${s.errors} error(s), findings: ${counts}; ${s.requests} requests in ${(s.durationMs / 1000).toFixed(1)} s` +
          `${s.failOn === 'none' ? '' : `; ${s.failing} target(s)${b ? ' with new findings' : ''} at or above ${s.failOn}`}${grade}\n`,
      );
    },
  };
}
