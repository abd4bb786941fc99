import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import MarkdownIt from 'markdown-it';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Lab } from '../../capabilities/lab/index.js';
import { FINDING_CATALOG } from '../../capabilities/scan/index.js';
import { failed, finding, target } from '../../capabilities/scan/test-support/results.js';
import { missingTool, SARIF_MULTITOOL } from '../../test-support/tools.js';
import { validateJunit, xmllintMissing } from '../kit/test-support/junit-schema.js';
import { junitXml } from './junit.js';
import { MARKDOWN_COMMENT_LIMIT, markdownReport } from './markdown.js';
import { FINGERPRINT_KEY, sarifLog } from './sarif.js';
import { type ScanSummary, SummaryBuilder } from './summary.js';
import type { ReportTarget } from './target.js';
import { withGrade } from './target.js';
import { at, scanLab } from './test-support/lab-results.js';

// The official SARIF 2.1.0 JSON schema, as shipped by Microsoft's SARIF SDK (sarif-2.1.0.json, MIT).
const SARIF_SCHEMA = JSON.parse(
  readFileSync(new URL('../../../schema/vendor/sarif-2.1.0.schema.json', import.meta.url), 'utf8'),
) as object;

let lab: Lab;
let byPath: Map<string, ReportTarget>;
// GitHub's renderer is CommonMark + GFM tables, with <details>/<summary> passed through (sanitised).
const github = new MarkdownIt({ html: true });
/** The text a reader sees: tags dropped, entities decoded. */
function plainText(html: string): string {
  return html
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

let targets: ReportTarget[];
let summary: ScanSummary;
let validateSarif: ValidateFunction;

function summarize(results: readonly ReportTarget[], failOn: 'high' | 'none' = 'high'): ScanSummary {
  const s = new SummaryBuilder(failOn);
  for (const r of results) s.add(r);
  return s.summary;
}

beforeAll(async () => {
  ({ lab, byPath, targets } = await scanLab());
  summary = summarize(targets);
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats.default(ajv);
  validateSarif = ajv.compile(SARIF_SCHEMA);
});

afterAll(async () => {
  await lab.close();
});

describe('grades of the lab', () => {
  it('gives A+ to the correctly configured endpoints and F to every critical one', () => {
    for (const path of ['/safe', '/safe-public-read', '/ws-safe'])
      expect(at(byPath, path).grade?.letter, path).toBe('A+');
    for (const path of [
      '/reflect',
      '/null',
      '/prefix',
      '/suffix',
      '/substring',
      '/unescaped-dot',
      '/special-char',
    ])
      expect(at(byPath, path).grade?.letter, path).toBe('F');
    expect(summary.grade).toMatchObject({ letter: 'F', graded: lab.targets.length, ungraded: 0 });
  });
});

describe('SARIF', () => {
  it('validates against the SARIF 2.1.0 schema', () => {
    const log = sarifLog(targets, summary, '0.1.0');
    expect(validateSarif(log), JSON.stringify(validateSarif.errors, null, 2)).toBe(true);
    const withError = sarifLog([...targets, withGrade(failed('https://down.example/'))], summary, '0.1.0');
    expect(validateSarif(withError), JSON.stringify(validateSarif.errors, null, 2)).toBe(true);
    expect(withError.runs[0]?.invocations[0]?.executionSuccessful).toBe(false);
  });

  it('the schema is strict: it rejects a wrong level, version or an empty driver', () => {
    const log = JSON.parse(JSON.stringify(sarifLog(targets, summary, '0.1.0')));
    log.runs[0].results[0].level = 'critical';
    expect(validateSarif(log)).toBe(false);
    expect(validateSarif({ version: '2.0.0', runs: [] })).toBe(false);
    expect(validateSarif({ version: '2.1.0', runs: [{ tool: { driver: {} } }] })).toBe(false);
  });

  it('has one rule per finding id with what GitHub code scanning needs', () => {
    const rules = sarifLog(targets, summary, '0.1.0').runs[0]?.tool.driver.rules ?? [];
    expect(rules.map((r) => r.id).sort()).toEqual(Object.keys(FINDING_CATALOG).sort());
    for (const r of rules) {
      expect(r.properties.tags).toContain('security');
      expect(Number(r.properties['security-severity'])).toBeGreaterThan(0);
      expect(r.help.markdown).not.toBe('');
      expect(['error', 'warning', 'note']).toContain(r.defaultConfiguration.level);
    }
  });

  it('has one result per finding, at the target URL, with a ruleIndex that points at its rule', () => {
    const log = sarifLog(targets, summary, '0.1.0');
    const run = log.runs[0];
    const count = targets.reduce((n, t) => n + t.findings.length, 0);
    expect(run?.results).toHaveLength(count);
    for (const r of run?.results ?? []) {
      expect(run?.tool.driver.rules[r.ruleIndex]?.id).toBe(r.ruleId);
      expect(r.locations[0]?.physicalLocation.artifactLocation.uri).toMatch(
        /^(https|wss?):\/\/api\.victim\.test:\d+\//,
      );
    }
  });

  it('keeps partial fingerprints stable across scans (the attacker label changes, the fingerprint does not)', async () => {
    const again = await scanLab(lab);
    const fps = (ts: readonly ReportTarget[]) =>
      sarifLog(ts, summary, '0.1.0')
        .runs[0]?.results.map((r) => r.partialFingerprints[FINGERPRINT_KEY])
        .sort();
    const reflectOrigins = [at(byPath, '/reflect'), at(again.byPath, '/reflect')].map(
      (t) => t.findings[0]?.origin,
    );
    expect(reflectOrigins[0]).not.toBe(reflectOrigins[1]);
    expect(fps(again.targets)).toEqual(fps(targets));
    const all = fps(targets) ?? [];
    expect(new Set(all).size).toBe(all.length);
  });
});

describe('SARIF in the official validator', () => {
  // Microsoft's SARIF Multitool ships for Linux only; elsewhere this is skipped unless CI requires it.
  const missing =
    process.platform === 'linux' ? missingTool('SARIF Multitool', SARIF_MULTITOOL) : 'not Linux';

  it.skipIf(missing !== null)('passes `Sarif.Multitool validate` with no error and no warning', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cg-sarif-'));
    try {
      const file = join(dir, 'report.sarif');
      const out = join(dir, 'validation.sarif');
      writeFileSync(
        file,
        JSON.stringify(sarifLog([...targets, withGrade(failed('https://down.example/'))], summary, '0.1.0')),
      );
      chmodSync(SARIF_MULTITOOL, 0o755); // npm may skip the package's postinstall chmod
      execFileSync(SARIF_MULTITOOL, ['validate', file, '-o', out], {
        encoding: 'utf8',
        stdio: 'pipe',
        timeout: 120_000,
      });
      const results = (
        JSON.parse(readFileSync(out, 'utf8')) as {
          runs: { results?: { level?: string; message: { text?: string } }[] }[];
        }
      ).runs.flatMap((r) => r.results ?? []);
      expect(results.map((r) => `${r.level}: ${r.message.text ?? ''}`)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('JUnit XML', () => {
  const missing = xmllintMissing();
  const xmllint = validateJunit;

  it.skipIf(missing !== null)('validates against the JUnit XSD, with errors and hostile values', () => {
    const hostile = target('https://api.example.com/"<&>', [
      finding('critical', {
        title: 'x ]]> </failure> <script>\u0001',
        origin: 'https://evil.example"><x',
        evidence: [
          {
            request: { method: 'GET', url: 'https://api.example.com/', headers: { origin: '<&>' } },
            response: { status: 200, headers: [['server', '</testcase>\u0000\uFFFF']] },
          },
        ],
      }),
    ]);
    const all = [...targets, withGrade(failed('https://down.example/')), withGrade(hostile)];
    expect(() => xmllint(junitXml(all, summarize(all)))).not.toThrow();
    // The schema means something: a testcase with both an error and a failure is refused.
    const broken = junitXml(all, summarize(all)).replace('</failure>', '</failure><error type="x"/>');
    expect(() => xmllint(broken)).toThrow(/error/);
  });

  it('has a testcase per target × finding id, failures at or above --fail-on and errors for failed targets', () => {
    const all = [at(byPath, '/reflect'), at(byPath, '/max-age'), withGrade(failed('https://down.example/'))];
    const xml = junitXml(all, summarize(all));
    const ids = Object.keys(FINDING_CATALOG).length;
    expect(xml.match(/<testcase /g)).toHaveLength(3 * ids + 1);
    expect(xml.match(/<failure /g)).toHaveLength(1);
    expect(xml).toContain('<failure message="critical: Any origin is allowed');
    expect(xml.match(/<error /g)).toHaveLength(1);
    expect(xml).toContain('type="CONNECTION_REFUSED"');
    expect(xml).toMatch(/<testcase name="max-age-excessive"[^>]*>\s*<system-out>INFO max-age-excessive/);
    expect(junitXml(all, summarize(all, 'none'))).not.toContain('<failure');
  });

  it('escapes every value from the network', () => {
    const t = withGrade(
      target('https://a.example/<x>', [finding('critical', { title: '</failure><injected/>' })]),
    );
    const xml = junitXml([t], summarize([t]));
    expect(xml).not.toContain('<injected/>');
    expect(xml).toContain('&lt;/failure&gt;&lt;injected/&gt;');
    expect(xml).toContain('classname="https://a.example/&lt;x&gt;"');
  });
});

describe('Markdown', () => {
  it('has a grade table, findings by severity with collapsible evidence, and the remediation plan', () => {
    const md = markdownReport(targets, summary, {});
    expect(md).toMatch(/^## corsguard: grade F/);
    expect(md).toContain('| Target | Grade | Score | Critical | High | Medium | Low | Info |');
    expect(md).toMatch(/### 🟥 Critical \(\d+\)/);
    expect(md).toContain('<details><summary>What it means, evidence and fix</summary>');
    expect(md).toContain('### Remediation plan');
    expect(md.indexOf('### 🟥 Critical')).toBeLessThan(md.indexOf('### ⬜ Info'));
  });

  it('keeps hostile values inert: GitHub shows them as plain text, code fences never closed by the content', () => {
    const hostileTitle = '<img src=x onerror=alert(1)> | *bold*';
    const t = withGrade(
      target('https://a.example/x|y', [
        finding('critical', {
          title: hostileTitle,
          evidence: [
            {
              request: { method: 'GET', url: 'https://a.example/', headers: { origin: 'https://e' } },
              response: { status: 200, headers: [['server', '```\n<script>alert(1)</script>']] },
            },
          ],
        }),
      ]),
    );
    const md = markdownReport([t], summarize([t]), {});
    expect(md).not.toMatch(/(^|[^\\])<img src=x/); // only ever as \\<img…, which Markdown shows as text
    expect(md).toContain('````http\n');
    const html = github.render(md);
    expect(html).not.toMatch(/<img|<script/);
    expect(plainText(html)).toContain(
      `critical on https://a.example/x|y: ${hostileTitle}`.replace('critical on', 'origin-reflected on'),
    );
    expect(plainText(html)).toContain('<script>alert(1)</script>'); // shown, as evidence text
  });

  it('renders apostrophes, code and the grade table as GitHub shows them (no &#39;, no stray backslash)', () => {
    const md = markdownReport(targets, summary, {});
    const text = plainText(github.render(md));
    expect(text).toContain("the victim's cookies");
    expect(text).not.toMatch(/&#39;|&amp;|\\[*_|<>]/);
    expect(github.render(md)).toMatch(/<td><code>https:\/\/api\.victim\.test:\d+\/reflect<\/code><\/td>/);
  });

  it('a 25-target lab scan fits one pull-request comment (GitHub refuses over 65,536 characters)', () => {
    expect(targets.length).toBeGreaterThanOrEqual(25);
    const md = markdownReport(targets, summary, {});
    expect(md.length).toBeLessThan(MARKDOWN_COMMENT_LIMIT);
    const expressOnly = markdownReport(targets, summary, { stack: 'express' });
    expect(expressOnly.length).toBeLessThan(MARKDOWN_COMMENT_LIMIT);
  });

  it('shrinks a report that would not fit, least severe targets first, and says so', () => {
    const many = Array.from({ length: 400 }, (_, i) =>
      withGrade(target(`https://api${i}.example/me`, [finding(i % 2 === 0 ? 'critical' : 'low')])),
    );
    const md = markdownReport(many, summarize(many), {});
    expect(md.length).toBeLessThan(MARKDOWN_COMMENT_LIMIT);
    expect(md).toContain('Shortened to fit a pull-request comment');
    expect(md).toMatch(/\| `https:\/\/api0\.example\/me` \|/);
  });

  it('snippets only for the chosen or detected stack, under a heading that names it', () => {
    const md = markdownReport(targets, summary, { stack: 'express' });
    expect(md).toContain('**Express');
    expect(md).not.toMatch(/```nginx|```apache|```python/);
    const none = markdownReport(
      targets.filter((t) => !t.stackHints),
      summarize(targets.filter((t) => !t.stackHints)),
      {},
    );
    expect(none).not.toMatch(/```(typescript|nginx|apache|python)/);
    expect(none).toContain('No stack was detected: run with `--stack`');
  });
});
