import type { Finding, FindingId } from '../../capabilities/scan/index.js';
import { FINDING_CATALOG } from '../../capabilities/scan/index.js';
import { type JunitCase, type JunitSuite, junitXml as kitJunitXml } from '../kit/index.js';
import { sourceLabel } from './discovery.js';
import type { ReportWriter, Sink } from './json.js';
import { atOrAbove, type FailOn, type ScanSummary } from './summary.js';
import { isNew, type ReportTarget } from './target.js';
import { verifiedText } from './verified.js';

const CHECKS = Object.keys(FINDING_CATALOG) as FindingId[];

function describe(f: Finding): string {
  const ev = f.evidence[0];
  const lines = [
    `${f.severity.toUpperCase()} ${f.id}: ${f.title}`,
    `origin: ${f.origin}${f.credentialed ? " (readable with the victim's cookies)" : ''}`,
    ...(f.verified
      ? [`verified: ${verifiedText(f.verified)}`, ...f.verified.console.map((l) => `  console: ${l}`)]
      : []),
    f.explanation,
    `Fix: ${f.remediation}`,
  ];
  if (ev) {
    lines.push(`> ${ev.request.method} ${ev.request.url}`);
    for (const [k, v] of Object.entries(ev.request.headers)) lines.push(`> ${k}: ${v}`);
    lines.push(`< ${ev.response.status}`);
    for (const [k, v] of ev.response.headers) lines.push(`< ${k}: ${v}`);
  }
  return lines.join('\n');
}

function testcase(t: ReportTarget, id: FindingId, failOn: FailOn): JunitCase {
  const base = { name: id, classname: t.url };
  const all = t.findings.filter((x) => x.id === id);
  if (all.length === 0) {
    if (t.error) return { ...base, outcome: { kind: 'skipped', message: 'target not scanned completely' } };
    const fixed = t.baseline?.fixed.filter((x) => x.id === id) ?? [];
    // Passed: and it says so, since the baseline had this finding.
    return fixed.length
      ? { ...base, systemOut: `fixed since the baseline (was ${fixed[0]?.severity})` }
      : base;
  }
  const fresh = all.filter(isNew);
  const text = all
    .map((f) => `${f.baseline === 'unchanged' ? '(unchanged) ' : ''}${describe(f)}`)
    .join('\n\n');
  const failing = fresh.find((f) => atOrAbove(f.severity, failOn));
  if (failing) {
    const mark = failing.baseline === 'new' ? ' (new)' : '';
    return {
      ...base,
      outcome: {
        kind: 'failure',
        type: failing.severity,
        message: `${failing.severity}: ${failing.title}${mark}`,
        body: text,
      },
    };
  }
  // Unchanged since the baseline: still there, so not passed, but accepted, so not failed.
  const kept = all.find((f) => !isNew(f));
  if (kept) {
    return {
      ...base,
      outcome: { kind: 'skipped', message: `unchanged since the baseline: ${kept.severity}: ${kept.title}` },
      systemOut: text,
    };
  }
  return { ...base, systemOut: text };
}

function suite(t: ReportTarget, index: number, failOn: FailOn): JunitSuite {
  const cases = CHECKS.map((id) => testcase(t, id, failOn));
  if (t.error) {
    const { code, message } = t.error;
    cases.push({
      name: 'scan',
      classname: t.url,
      timeMs: t.durationMs,
      outcome: { kind: 'error', type: code, message, body: `${code}: ${message}` },
    });
  }
  const grade = t.grade ? `${t.grade.letter} (${t.grade.score}/100)` : 'none (scan error)';
  return {
    name: t.url,
    id: index,
    package: 'corsguard',
    timeMs: t.durationMs,
    properties: [
      ['grade', grade],
      ['requests', t.requests],
      ...(t.discoveredFrom?.length
        ? [['discovered-from', t.discoveredFrom.map(sourceLabel).join(', ')] as const]
        : []),
    ],
    cases,
  };
}

/**
 * The JUnit XML document of a scan: one `<testsuite>` per target, one `<testcase>` per check (every finding
 * id), `<failure>` when the finding is at or above `--fail-on`, `<error>` when the target could not be scanned.
 * A suite's properties are its grade, its requests and, with `scan --discover`, where it was found.
 * With `--baseline`, only new findings fail (message ending `(new)`); a check whose findings are all
 * unchanged is `<skipped>` (`unchanged since the baseline: …`, still open, never shown as passed); a fixed
 * one passes with `fixed since the baseline` in `<system-out>`.
 *
 * @example
 * ```ts
 * junitXml(targets, summary); // '<?xml version="1.0" encoding="UTF-8"?>\n<testsuites …'
 * ```
 */
export function junitXml(targets: readonly ReportTarget[], summary: ScanSummary): string {
  return kitJunitXml({
    name: 'corsguard',
    timeMs: summary.durationMs,
    suites: targets.map((t, i) => suite(t, i, summary.failOn)),
  });
}

/**
 * The `--format junit` writer: buffers the targets and writes the JUnit XML document at the end.
 *
 * @example
 * ```ts
 * const w = junitWriter(stream);
 * ```
 */
export function junitWriter(out: Sink): ReportWriter {
  const targets: ReportTarget[] = [];
  return {
    target: (t) => void targets.push(t),
    end: (summary) => void out.write(junitXml(targets, summary)),
  };
}
