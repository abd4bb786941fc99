import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { LineIndex, type LintFinding, type LintRun, regexFindings } from '../../capabilities/lint/index.js';
import { FINDING_IDS, withSchemaFindingIds } from '../../core/findings/index.js';
import { missingTool, SARIF_MULTITOOL } from '../../test-support/tools.js';
import { painter } from '../kit/index.js';
import { formatLintText, lintJson, lintSarif } from './index.js';

const SARIF_SCHEMA = JSON.parse(
  readFileSync(new URL('../../../schema/vendor/sarif-2.1.0.schema.json', import.meta.url), 'utf8'),
) as object;
const LINT_SCHEMA_TEXT = readFileSync(new URL('../../../schema/lint.schema.json', import.meta.url), 'utf8');

// A hostile file: an ANSI escape and a bidi override on the flagged line, a path with spaces and quotes.
const FILE = 'src/my app/"cors".js';
const TEXT = [
  "const cors = require('cors');",
  'const allowed = /^https:\\/\\/app.example\\.com$/; // \u001b[2J\u202e',
  'app.use(cors({ origin: allowed, credentials: true }));',
  '',
].join('\n');
const start = TEXT.indexOf('/^https');
const end = TEXT.indexOf('/;') + 1;

function run(): LintRun {
  const lines = new LineIndex(TEXT);
  const result = regexFindings(
    { source: TEXT.slice(start + 1, end - 1), flags: '', dialect: 'js' },
    {
      file: FILE,
      lines,
      start,
      end,
      language: 'javascript',
      rule: 'js/cors-options',
      reach: 'credentialed',
      describe: 'the `origin` RegExp of cors()',
      fixEdit: (source) => ({ start, end, text: `/${source.replace(/(?<!\\)\//g, '\\/')}/` }),
    },
  );
  return {
    findings: result.findings.map((f): LintFinding => ({ ...f, confirmedBy: 'javascript' })),
    problems: [
      { file: 'nginx/bad.conf', line: 3, code: 'LINT_PARSE_ERROR', message: 'unterminated "\u001b[31m' },
    ],
    files: 2,
    skipped: 1,
  };
}

describe('lint SARIF for GitHub code scanning', () => {
  it('validates against the official SARIF 2.1.0 schema, with the region, the attacker origin and the fix', () => {
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats.default(ajv);
    const log = lintSarif(run(), '0.1.0');
    expect(ajv.validate(SARIF_SCHEMA, log), JSON.stringify(ajv.errors)).toBe(true);
    const [result] = log.runs[0]?.results ?? [];
    expect(result?.ruleId).toBe('unescaped-dot-bypass');
    expect(log.runs[0]?.tool.driver.rules[result?.ruleIndex ?? -1]?.id).toBe('unescaped-dot-bypass');
    expect(result?.locations[0]?.physicalLocation.region).toEqual({
      startLine: 2,
      startColumn: 17,
      endLine: 2,
      endColumn: 17 + (end - start),
    });
    expect(result?.message.text).toContain('https://app-example.com');
  });
  it('the SARIF fix, applied to the file, gives the proven-safe pattern', () => {
    const [result] = lintSarif(run(), '0.1.0').runs[0]?.results ?? [];
    const replacement = result?.fixes?.[0]?.artifactChanges[0]?.replacements[0];
    expect(replacement).toBeDefined();
    const lines = TEXT.split('\n');
    const r = replacement?.deletedRegion;
    const line = lines[(r?.startLine ?? 1) - 1] ?? '';
    const fixed =
      line.slice(0, (r?.startColumn ?? 1) - 1) +
      replacement?.insertedContent.text +
      line.slice((r?.endColumn ?? 1) - 1);
    expect(fixed).toContain('const allowed = /^https:\\/\\/app\\.example\\.com$/;');
  });
  const missing =
    process.platform === 'linux' ? missingTool('SARIF Multitool', SARIF_MULTITOOL) : 'not Linux';
  it.skipIf(missing !== null)('passes `Sarif.Multitool validate` with no error and no warning', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cg-lint-sarif-'));
    try {
      const file = join(dir, 'lint.sarif');
      const out = join(dir, 'validation.sarif');
      writeFileSync(file, JSON.stringify(lintSarif(run(), '0.1.0')));
      chmodSync(SARIF_MULTITOOL, 0o755);
      execFileSync(SARIF_MULTITOOL, ['validate', file, '-o', out], { stdio: 'pipe', timeout: 120_000 });
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

describe('lint JSON', () => {
  it('follows schema/lint.schema.json, whose finding ids are the registry', () => {
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    const doc = JSON.parse(lintJson(run(), '0.1.0'));
    expect(ajv.validate(JSON.parse(LINT_SCHEMA_TEXT), doc), JSON.stringify(ajv.errors)).toBe(true);
    expect(doc.summary).toMatchObject({ files: 2, skipped: 1, findings: 1, problems: 1 });
    expect(JSON.parse(LINT_SCHEMA_TEXT).$defs.findingId.enum).toEqual([...FINDING_IDS]);
    expect(withSchemaFindingIds(LINT_SCHEMA_TEXT) === LINT_SCHEMA_TEXT, 'run npm run generate:findings').toBe(
      true,
    );
  });
});

describe('lint text', () => {
  it('names the line, the id, the attacker origin and the fix, with hostile characters inert', () => {
    const text = formatLintText(run(), painter(false));
    expect(text).toContain('2:17    critical unescaped-dot-bypass');
    expect(text).toContain('attacker origin: https://app-example.com (accepted by JavaScript RegExp)');
    expect(text).toContain('fix: use the pattern `^https:\\/\\/app\\.example\\.com$`');
    expect(text).toContain('nginx/bad.conf:3  LINT_PARSE_ERROR');
    // biome-ignore lint/suspicious/noControlCharactersInRegex: asserting their absence
    expect(text).not.toMatch(/[\u001b\u202e]/);
    expect(text.trimEnd().split('\n').at(-1)).toBe(
      '2 files checked (1 skipped: too large or binary): 1 finding (1 critical), 1 not fully checked',
    );
  });
});
