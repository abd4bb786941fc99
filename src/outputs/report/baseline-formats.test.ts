import { readFileSync } from 'node:fs';
import type { ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import MarkdownIt from 'markdown-it';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Lab } from '../../capabilities/lab/index.js';
import type { Severity } from '../../capabilities/scan/index.js';
import { BaselineComparison, parseBaseline } from '../baseline/index.js';
import { validateJunit, xmllintMissing } from '../kit/test-support/junit-schema.js';
import { htmlReport } from './html/index.js';
import { jsonWriter } from './json.js';
import { junitXml } from './junit.js';
import { markdownReport } from './markdown.js';
import { sarifLog } from './sarif.js';
import { type ScanSummary, SummaryBuilder } from './summary.js';
import type { ReportTarget } from './target.js';
import { at, scanLab } from './test-support/lab-results.js';
import { textWriter } from './text.js';

// Every format of a second lab scan compared with the first one's JSON report, edited: /reflect (critical)
// is unchanged, /null's findings are new, /vary-missing had a (hostile) finding that is now fixed, and the
// baseline names a target that is not scanned now.
const PATHS = ['/reflect', '/vary-missing', '/null', '/safe'];
const HOSTILE = '<script>alert(1)</script> **b** [x](http://evil.example) `|`\r# heading \x1b[2J';
const SARIF_SCHEMA = JSON.parse(
  readFileSync(new URL('../../../schema/vendor/sarif-2.1.0.schema.json', import.meta.url), 'utf8'),
) as object;

let lab: Lab;
let first: Map<string, ReportTarget>;
let targets: ReportTarget[];
let summary: ScanSummary;

function summarize(ts: readonly ReportTarget[]): SummaryBuilder {
  const s = new SummaryBuilder('high');
  for (const t of ts) s.add(t);
  return s;
}
const count = (t: ReportTarget, sev: Severity) => t.findings.filter((f) => f.severity === sev).length;

beforeAll(async () => {
  let byPath: Map<string, ReportTarget>;
  ({ lab, byPath } = await scanLab());
  first = byPath;
  let json = '';
  const w = jsonWriter({ write: (s: string) => (json += s) }, '0.1.0');
  const before = PATHS.map((p) => at(byPath, p));
  for (const t of before) w.target(t);
  w.end(summarize(before).summary);
  const doc = JSON.parse(json) as {
    targets: Array<{ url: string; findings: Array<Record<string, unknown>> }>;
  };
  const [, vary, nul] = doc.targets;
  if (!vary?.findings[0] || !nul) throw new Error('unexpected lab report');
  vary.findings.push({ ...vary.findings[0], id: 'max-age-excessive', severity: 'medium', title: HOSTILE });
  nul.findings = [];
  doc.targets.push({ url: 'https://gone.example/', findings: [{ id: 'origin-reflected', origin: 'null' }] });
  // A second scan: new random attacker labels, the same fingerprints.
  const second = await scanLab(lab);
  const cmp = new BaselineComparison(parseBaseline('base.json', JSON.stringify(doc)));
  targets = PATHS.map((p) => cmp.compare(at(second.byPath, p)));
  const builder = summarize(targets);
  builder.summary.baseline = cmp.finish();
  summary = builder.summary;
});

afterAll(async () => {
  await lab?.close();
});

const reflect = () => at(first, '/reflect');

describe('an unchanged critical, a new one and a fixed one', () => {
  it('counts them: grade F on every finding, exit 1 for the new critical only', () => {
    const crit = PATHS.reduce((n, p) => n + count(at(first, p), 'critical'), 0);
    expect(summary.findings.critical).toBe(crit);
    expect(summary.baseline).toMatchObject({
      new: at(first, '/null').findings.length,
      unchanged: reflect().findings.length + at(first, '/vary-missing').findings.length,
      unverified: 1,
    });
    expect(summary.baseline?.fixed.map((f) => f.id)).toEqual(['max-age-excessive']);
    expect(targets[0]?.grade?.letter).toBe('F');
    expect(summary.failing).toBe(1);
    expect(summarize(targets).exitCode()).toBe(1);
    // Without the new finding, the unchanged critical does not fail the run.
    expect(summarize(targets.filter((t) => !t.url.endsWith('/null'))).exitCode()).toBe(0);
  });

  it('text: no ✓ and no "0 finding(s)" for the unchanged F target; NEW and fixed shown; hostile text inert', () => {
    let text = '';
    const w = textWriter({ write: (s: string) => (text += s) }, { color: false });
    for (const t of targets) w.target(t);
    w.end(summary);
    const line = (path: string) => text.split('\n').find((l) => l.includes(`${path}  `)) ?? '';
    const n = reflect().findings.length;
    expect(line('/reflect')).toMatch(
      new RegExp(`^✗ .*  ${n} finding\\(s\\): 0 new, ${n} unchanged, 0 fixed, .*grade F`),
    );
    expect(text).toMatch(/unchanged since the baseline \(\d+\), still open:\n {4}CRITICAL origin-reflected/);
    expect(text).toMatch(/CRITICAL null-origin-allowed .* NEW\n/);
    expect(text).toContain('fixed max-age-excessive  <script>alert(1)</script>');
    expect(text).not.toContain('\x1b');
    expect(text).not.toMatch(/\r/);
    expect(line('/safe')).toMatch(/^✓ /);
    expect(text).toMatch(
      /Baseline base\.json: \d+ new, \d+ unchanged \(still open\), 1 fixed finding\(s\); 1 not re-checked/,
    );
  });

  it('markdown: the table counts the unchanged critical and says it is unchanged; details mark each state', () => {
    const md = markdownReport(targets, summary, {});
    const r = reflect();
    const sev = (['critical', 'high', 'medium', 'low', 'info'] as const).map((s) => count(r, s)).join(' | ');
    expect(md).toContain(`| F | ${r.grade?.score} | ${sev} | 0 | ${r.findings.length} | 0 |`);
    expect(md).toMatch(/- ⏸️ _unchanged since the baseline_ \*\*origin-reflected\*\*/);
    expect(md).toMatch(/- 🆕 \*\*new\*\* \*\*null-origin-allowed\*\*/);
    expect(md).toMatch(/### 🟥 Critical \(2: 1 new, 1 unchanged\)/);
    const html = new MarkdownIt({ html: true }).render(md);
    expect(html).not.toMatch(/<script|<h1>|<a href="http:\/\/evil/);
    const fixed = html.split('\n').find((l) => l.includes('max-age-excessive')) ?? '';
    expect(fixed).toContain('✅ fixed');
    expect(fixed).toContain(
      '&lt;script&gt;alert(1)&lt;/script&gt; **b** [x](http://evil.example) `|` # heading',
    );
  });

  it('html: a state badge per finding, the fixed list under its target, hostile text escaped', () => {
    const html = htmlReport(targets, summary, { version: '0.1.0' });
    expect(html.match(/data-testid="finding"[^>]*data-baseline="unchanged"/g)).toHaveLength(
      summary.baseline?.unchanged ?? -1,
    );
    expect(html.match(/data-testid="finding"[^>]*data-baseline="new"/g)).toHaveLength(
      summary.baseline?.new ?? -1,
    );
    expect(html).toContain(
      '<span class="badge state-unchanged" data-testid="baseline-state">unchanged since baseline</span>',
    );
    const section = (path: string) =>
      html.slice(html.indexOf(`data-url="${at(first, path).url}"`)).split('</section>\n')[0] ?? '';
    expect(section('/reflect')).not.toContain('data-testid="no-findings"');
    expect(section('/vary-missing')).toContain('data-testid="fixed" data-id="max-age-excessive"');
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('data-testid="baseline" data-new="1" ');
  });

  it('sarif: baselineState new or unchanged on every result, fixed ones in the run properties, schema-valid', () => {
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats.default(ajv);
    const validate: ValidateFunction = ajv.compile(SARIF_SCHEMA);
    const log = sarifLog(targets, summary, '0.1.0');
    expect(validate(log), JSON.stringify(validate.errors, null, 2)).toBe(true);
    const results = log.runs[0]?.results ?? [];
    const state = (url: string) =>
      results
        .filter((r) => r.locations[0]?.physicalLocation.artifactLocation.uri === url)
        .map((r) => r.baselineState);
    expect(state(reflect().url)).toEqual(reflect().findings.map(() => 'unchanged'));
    expect(state(at(first, '/null').url)).toEqual(at(first, '/null').findings.map(() => 'new'));
    expect(results.every((r) => r.baselineState === 'new' || r.baselineState === 'unchanged')).toBe(true);
    expect(log.runs[0]?.properties?.baseline?.fixed.map((f) => f.ruleId)).toEqual(['max-age-excessive']);
  });

  it('junit: the new critical fails, the unchanged one is skipped (not passed), the fixed one passes saying so', () => {
    const xml = junitXml(targets, summary);
    const testcase = (path: string, id: string) =>
      xml.match(
        new RegExp(
          `<testcase name="${id}" classname="${at(first, path).url}"[^>]*(/>|>[\\s\\S]*?</testcase>)`,
        ),
      )?.[0] ?? '';
    expect(testcase('/reflect', 'origin-reflected')).toMatch(
      /<skipped message="unchanged since the baseline: critical: /,
    );
    expect(testcase('/null', 'null-origin-allowed')).toMatch(/<failure message="critical: [^"]*\(new\)"/);
    expect(testcase('/vary-missing', 'max-age-excessive')).toContain(
      '<system-out>fixed since the baseline (was medium)</system-out>',
    );
    expect(xml.match(/<failure /g)).toHaveLength(1);
    if (xmllintMissing() === null) expect(() => validateJunit(xml)).not.toThrow();
  });
});
