import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from './run.js';
import { fakeIo } from './test-support/fake-io.js';

let dir: string;
const FILES: Record<string, string> = {
  'app.js': "const cors = require('cors');\napp.use(cors({ origin: true, credentials: true }));\n",
  'regex.js':
    "const cors = require('cors');\napp.use(cors({ origin: /^https:\\/\\/app.example\\.com$/ }));\n",
  'settings.py':
    'CORS_ALLOWED_ORIGINS = ["https://app.example.com", "null"]\nCORS_ALLOW_CREDENTIALS = True\n',
  'nginx.conf':
    'server {\n  location / {\n    add_header Access-Control-Allow-Origin $http_origin;\n    add_header Access-Control-Allow-Credentials true;\n  }\n}\n',
  'vendor-copy.js': "const cors = require('cors');\napp.use(cors({ origin: true, credentials: true }));\n",
  '.gitignore': 'vendor-copy.js\n',
};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'corsguard-lint-cli-'));
  for (const [name, text] of Object.entries(FILES)) await writeFile(join(dir, name), text);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function lint(args: string[]) {
  const t = fakeIo();
  const code = await run(['lint', ...args], t.io);
  return { code, out: t.stdout.text, err: t.stderr.text };
}

describe('corsguard lint', () => {
  it('finds each language’s bug, honours .gitignore and fails on high by default', async () => {
    const r = await lint([dir, '--format', 'json']);
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.out) as { findings: { file: string; id: string; counterexample?: string }[] };
    const got = doc.findings.map((f) => `${f.file.slice(f.file.lastIndexOf('/') + 1)} ${f.id}`).sort();
    expect(got).toEqual([
      'app.js origin-reflected',
      'nginx.conf origin-reflected',
      'nginx.conf vary-origin-missing',
      'regex.js unescaped-dot-bypass',
      'settings.py null-origin-allowed',
    ]);
    expect(doc.findings.find((f) => f.id === 'unescaped-dot-bypass')?.counterexample).toMatch(
      /^https:\/\/app[^.]example\.com$/,
    );
  });

  it('--fail-on none exits 0; the text report names file, line and the attacker origin', async () => {
    const r = await lint([join(dir, 'regex.js'), '--fail-on', 'none', '--no-color']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('regex.js');
    expect(r.out).toMatch(/2:\d+\s+low\s+unescaped-dot-bypass/);
    expect(r.out).toMatch(/https:\/\/app[^.]example\.com/);
  });

  it('--format sarif -o writes a SARIF log with regions and fixes', async () => {
    const out = join(dir, 'lint.sarif');
    const r = await lint([join(dir, 'regex.js'), '--format', 'sarif', '-o', out, '--fail-on', 'none']);
    expect(r.code).toBe(0);
    const sarif = JSON.parse(await readFile(out, 'utf8'));
    const [result] = sarif.runs[0].results;
    expect(result.ruleId).toBe('unescaped-dot-bypass');
    expect(result.locations[0].physicalLocation.region.startLine).toBe(2);
    // Outside the working directory, the file is named by an absolute file:// URI.
    expect(result.locations[0].physicalLocation.artifactLocation.uri).toMatch(/^file:\/\/\/.+\/regex\.js$/);
    expect(result.fixes[0].artifactChanges[0].replacements[0].insertedContent.text).toBe(
      '/^https:\\/\\/app\\.example\\.com$/',
    );
  });

  it('--fix applies the proven-safe edit, and a second run finds nothing', async () => {
    const file = join(dir, 'regex.js');
    await lint([file, '--fix', '--fail-on', 'none']);
    expect(await readFile(file, 'utf8')).toContain('/^https:\\/\\/app\\.example\\.com$/');
    const again = JSON.parse((await lint([file, '--format', 'json'])).out);
    expect(again.findings).toEqual([]);
  });

  it('a path that does not exist is a usage error naming it, not a stack trace', async () => {
    const r = await lint([join(dir, 'nope')]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('nope: no such file or directory');
    expect(r.err).not.toMatch(/\n\s+at /);
  });
});
