import { hostname } from 'node:os';
import { escapeXml } from './escape.js';

/** A `<failure>` or `<error>` of a test case: its type, one-line message and full text. */
export interface JunitProblem {
  readonly kind: 'failure' | 'error';
  readonly type: string;
  readonly message: string;
  readonly body: string;
}

/** A `<skipped>` test case, with why. */
export interface JunitSkip {
  readonly kind: 'skipped';
  readonly message: string;
}

/** One `<testcase>`: passed when it has no outcome; at most one outcome, as CI servers expect. */
export interface JunitCase {
  readonly name: string;
  readonly classname: string;
  readonly timeMs?: number;
  readonly outcome?: JunitProblem | JunitSkip;
  /** Text shown with the case (e.g. a finding below the failing threshold). */
  readonly systemOut?: string;
}

/** One `<testsuite>`; its counts are computed from the cases. */
export interface JunitSuite {
  readonly name: string;
  readonly id?: number;
  readonly package?: string;
  readonly timeMs?: number;
  readonly properties?: readonly (readonly [string, string | number])[];
  readonly cases: readonly JunitCase[];
}

/** A whole JUnit document. */
export interface JunitReport {
  readonly name: string;
  /** Written on `<testsuites>` when given. */
  readonly timeMs?: number;
  readonly suites: readonly JunitSuite[];
  /** Local time of the run, `YYYY-MM-DDTHH:MM:SS` (default: now, UTC). */
  readonly timestamp?: string;
  /** Host the run happened on (default: this host's name). */
  readonly hostname?: string;
}

const attr = (name: string, value: string | number) => ` ${name}="${escapeXml(String(value))}"`;
const seconds = (ms: number) => (ms / 1000).toFixed(3);

interface Counts {
  tests: number;
  failures: number;
  errors: number;
  skipped: number;
}

function count(cases: readonly JunitCase[]): Counts {
  const n = (kind: string) => cases.filter((c) => c.outcome?.kind === kind).length;
  return { tests: cases.length, failures: n('failure'), errors: n('error'), skipped: n('skipped') };
}

function testcase(c: JunitCase): string {
  const head = `    <testcase${attr('name', c.name)}${attr('classname', c.classname)}${attr('time', seconds(c.timeMs ?? 0))}`;
  const inner: string[] = [];
  const o = c.outcome;
  if (o?.kind === 'skipped') inner.push(`<skipped${attr('message', o.message)}/>`);
  else if (o)
    inner.push(
      `<${o.kind}${attr('message', o.message)}${attr('type', o.type)}>${escapeXml(o.body)}</${o.kind}>`,
    );
  if (c.systemOut !== undefined) inner.push(`<system-out>${escapeXml(c.systemOut)}</system-out>`);
  if (inner.length === 0) return `${head}/>`;
  return `${head}>\n${inner.map((l) => `      ${l}\n`).join('')}    </testcase>`;
}

function testsuite(s: JunitSuite, counts: Counts, timestamp: string, host: string): string {
  const head = `  <testsuite${attr('name', s.name)}${s.id === undefined ? '' : attr('id', s.id)}${s.package === undefined ? '' : attr('package', s.package)}${attr('tests', counts.tests)}${attr('failures', counts.failures)}${attr('errors', counts.errors)}${attr('skipped', counts.skipped)}${attr('time', seconds(s.timeMs ?? 0))}${attr('timestamp', timestamp)}${attr('hostname', host)}>`;
  const properties = s.properties
    ? [
        `    <properties>\n${s.properties.map(([n, v]) => `      <property${attr('name', n)}${attr('value', v)}/>\n`).join('')}    </properties>`,
      ]
    : [];
  return [head, ...properties, ...s.cases.map(testcase), '  </testsuite>'].join('\n');
}

/**
 * Writes a JUnit XML document (the Ant JUnit format Jenkins, GitLab and GitHub read; valid against
 * `schema/vendor/junit.xsd`): every value escaped with {@link escapeXml}, so text from the network can
 * never break the document, and every count computed from the cases.
 *
 * @example
 * ```ts
 * junitXml({
 *   name: 'corsguard',
 *   suites: [{ name: 'https://api.example.com/', cases: [{ name: 'origin-reflected', classname: 'https://api.example.com/' }] }],
 * });
 * // '<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="corsguard" tests="1" failures="0" errors="0">\n  <testsuite …'
 * ```
 */
export function junitXml(report: JunitReport): string {
  const timestamp = report.timestamp ?? new Date().toISOString().slice(0, 19);
  const host = report.hostname ?? (hostname() || 'localhost');
  const counts = report.suites.map((s) => count(s.cases));
  const sum = (k: keyof Counts) => counts.reduce((n, c) => n + c[k], 0);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites${attr('name', report.name)}${attr('tests', sum('tests'))}${attr('failures', sum('failures'))}${attr('errors', sum('errors'))}${report.timeMs === undefined ? '' : attr('time', seconds(report.timeMs))}>`,
    ...report.suites.map((s, i) => testsuite(s, counts[i] as Counts, timestamp, host)),
    '</testsuites>',
    '',
  ].join('\n');
}
