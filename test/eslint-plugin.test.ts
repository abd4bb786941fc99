// `corsguard/eslint` in ESLint (the same engine `npx eslint` runs) against `corsguard lint`'s analyzer, on
// the JavaScript/TypeScript part of the lint corpus: the same findings, at the same places, with the same ids.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../src/capabilities/eslint-plugin/index.js';
import { analyzeFile } from '../src/capabilities/lint/index.js';

const DIR = new URL('./lint-corpus/javascript/', import.meta.url).pathname;
const FILES = readdirSync(DIR)
  .filter((f) => /\.[cm]?[jt]sx?$/.test(f))
  .sort();

function eslint(fix = false): ESLint {
  return new ESLint({
    cwd: DIR,
    fix,
    overrideConfigFile: true,
    overrideConfig: [
      { files: ['**/*.{js,mjs,cjs}'], languageOptions: { ecmaVersion: 'latest', sourceType: 'module' } },
      { files: ['**/*.{ts,tsx,mts,cts}'], languageOptions: { parser: tseslint.parser } },
      plugin.configs.recommended as never,
    ],
  });
}

describe('corsguard/eslint', () => {
  it('reports exactly what corsguard lint reports on the JavaScript/TypeScript corpus', async () => {
    const results = await eslint().lintFiles(FILES);
    const viaEslint = results.flatMap((r) =>
      r.messages.map((m) => {
        expect(m.fatal, `${r.filePath}: ${m.message}`).not.toBe(true);
        return `${r.filePath.slice(DIR.length)}:${m.line}:${m.column} ${/^\w+ ([a-z-]+):/.exec(m.message)?.[1]}`;
      }),
    );
    const viaLint = FILES.flatMap((f) =>
      analyzeFile({ path: f, text: readFileSync(join(DIR, f), 'utf8') }).findings.map(
        (x) => `${f}:${x.region.line}:${x.region.column} ${x.id}`,
      ),
    );
    expect(viaLint.length).toBeGreaterThan(40);
    expect(viaEslint.sort()).toEqual(viaLint.sort());
  }, 60_000);

  it('names the rule and carries the counterexample in the message', async () => {
    const [r] = await eslint().lintFiles(['express-cors-regex-unescaped.js']);
    expect(r?.messages.map((m) => [m.ruleId, m.message.slice(0, 40)])).toEqual([
      ['corsguard/cors-options', 'critical unescaped-dot-bypass: the origi'],
    ]);
    expect(r?.messages[0]?.message).toMatch(/accepted: https:\/\/app[^.]example\.com\)$/);
  });

  it('--fix applies the proven-safe regex edit', async () => {
    const [r] = await eslint(true).lintFiles(['express-cors-regex-unescaped.js']);
    expect(r?.output).toContain('/^https:\\/\\/app\\.example\\.com$/');
    expect(r?.messages).toEqual([]);
  });
});
