import { hostname } from 'node:os';
import type { Finding, FindingId } from '../../capabilities/scan/index.js';
import { FINDING_CATALOG } from '../../capabilities/scan/index.js';
import { escapeXml } from './escape.js';
import type { ReportWriter, Sink } from './json.js';
import { atOrAbove, type FailOn, type ScanSummary } from './summary.js';
import type { ReportTarget } from './target.js';

const CHECKS = Object.keys(FINDING_CATALOG) as FindingId[];

const attr = (name: string, value: string | number) => ` ${name}="${escapeXml(String(value))}"`;
const seconds = (ms: number) => (ms / 1000).toFixed(3);

function describe(f: Finding): string {
  const ev = f.evidence[0];
  const lines = [
    `${f.severity.toUpperCase()} ${f.id}: ${f.title}`,
    `origin: ${f.origin}${f.credentialed ? " (readable with the victim's cookies)" : ''}`,
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

function testcase(t: ReportTarget, id: FindingId, failOn: FailOn): { xml: string; failed: boolean } {
  const head = `    <testcase${attr('name', id)}${attr('classname', t.url)}${attr('time', '0.000')}`;
  const f = t.findings.find((x) => x.id === id);
  if (!f) {
    if (t.error)
      return {
        xml: `${head}>\n      <skipped${attr('message', 'target not scanned completely')}/>\n    </testcase>`,
        failed: false,
      };
    return { xml: `${head}/>`, failed: false };
  }
  const body = escapeXml(describe(f));
  if (atOrAbove(f.severity, failOn)) {
    const failure = `<failure${attr('message', `${f.severity}: ${f.title}`)}${attr('type', f.severity)}>${body}</failure>`;
    return { xml: `${head}>\n      ${failure}\n    </testcase>`, failed: true };
  }
  return { xml: `${head}>\n      <system-out>${body}</system-out>\n    </testcase>`, failed: false };
}

function suite(
  t: ReportTarget,
  index: number,
  failOn: FailOn,
  timestamp: string,
  host: string,
): {
  xml: string;
  failures: number;
  errors: number;
  tests: number;
} {
  const cases = CHECKS.map((id) => testcase(t, id, failOn));
  const failures = cases.filter((c) => c.failed).length;
  const errorCase = t.error
    ? `    <testcase${attr('name', 'scan')}${attr('classname', t.url)}${attr('time', seconds(t.durationMs))}>\n      <error${attr('message', t.error.message)}${attr('type', t.error.code)}>${escapeXml(`${t.error.code}: ${t.error.message}`)}</error>\n    </testcase>`
    : '';
  const tests = cases.length + (t.error ? 1 : 0);
  const errors = t.error ? 1 : 0;
  const grade = t.grade ? `${t.grade.letter} (${t.grade.score}/100)` : 'none (scan error)';
  const xml = [
    `  <testsuite${attr('name', t.url)}${attr('id', index)}${attr('package', 'corsguard')}${attr('tests', tests)}${attr('failures', failures)}${attr('errors', errors)}${attr('skipped', t.error ? cases.filter((c) => c.xml.includes('<skipped')).length : 0)}${attr('time', seconds(t.durationMs))}${attr('timestamp', timestamp)}${attr('hostname', host)}>`,
    `    <properties>\n      <property${attr('name', 'grade')}${attr('value', grade)}/>\n      <property${attr('name', 'requests')}${attr('value', t.requests)}/>\n    </properties>`,
    ...cases.map((c) => c.xml),
    ...(errorCase ? [errorCase] : []),
    '  </testsuite>',
  ].join('\n');
  return { xml, failures, errors, tests };
}

/**
 * The JUnit XML document of a scan: one `<testsuite>` per target, one `<testcase>` per check (every finding
 * id), `<failure>` when the finding is at or above `--fail-on`, `<error>` when the target could not be scanned.
 *
 * @example
 * ```ts
 * junitXml(targets, summary); // '<?xml version="1.0" encoding="UTF-8"?>\n<testsuites …'
 * ```
 */
export function junitXml(targets: readonly ReportTarget[], summary: ScanSummary): string {
  const timestamp = new Date().toISOString().slice(0, 19);
  const host = hostname() || 'localhost';
  const suites = targets.map((t, i) => suite(t, i, summary.failOn, timestamp, host));
  const sum = (k: 'failures' | 'errors' | 'tests') => suites.reduce((n, s) => n + s[k], 0);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites${attr('name', 'corsguard')}${attr('tests', sum('tests'))}${attr('failures', sum('failures'))}${attr('errors', sum('errors'))}${attr('time', seconds(summary.durationMs))}>`,
    ...suites.map((s) => s.xml),
    '</testsuites>',
    '',
  ].join('\n');
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
