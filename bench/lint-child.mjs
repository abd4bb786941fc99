// One side of bench/lint.mjs, in its own process so its peak memory is its own: lints the files listed
// (one path per line) with corsguard's analyzers or with ESLint running corsguard's rules, and prints
// `files findings problems wall-ms max-rss-kib` as JSON on stdout.
import { readFile } from 'node:fs/promises';

const [mode, listFile] = process.argv.slice(2);
const files = (await readFile(listFile, 'utf8')).split('\n').filter(Boolean);
const started = performance.now();
let findings = 0;
let problems = 0;
if (mode === 'corsguard') {
  const { analyzeFile, prepareAnalyzers } = await import('../dist/capabilities/lint/index.js');
  await prepareAnalyzers();
  // What `corsguard lint` does per file (read, analyze), 16 files in flight like the lint service.
  let next = 0;
  const worker = async () => {
    while (next < files.length) {
      const path = files[next++];
      const text = await readFile(path, 'utf8').catch(() => '');
      const r = analyzeFile({ path, text });
      findings += r.findings.length;
      problems += r.problems.length;
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
} else {
  const { ESLint } = await import('eslint');
  const tseslint = (await import('typescript-eslint')).default;
  const plugin = (await import('../dist/capabilities/eslint-plugin/index.js')).default;
  const eslint = new ESLint({
    allowInlineConfig: false,
    overrideConfigFile: true,
    overrideConfig: [
      { ignores: ['!**/node_modules/'] },
      // Dependencies' own `eslint-disable` comments name rules this config does not load.
      { linterOptions: { reportUnusedDisableDirectives: 'off', reportUnusedInlineConfigs: 'off' } },
      { files: ['**/*.{js,mjs,cjs,jsx}'], languageOptions: { ecmaVersion: 'latest', sourceType: 'module' } },
      { files: ['**/*.{ts,tsx,mts,cts}'], languageOptions: { parser: tseslint.parser } },
      plugin.configs.recommended,
    ],
  });
  // In slices, so ESLint's results for 10^4 files are not all held at once (as its CLI would).
  for (let i = 0; i < files.length; i += 500) {
    for (const r of await eslint.lintFiles(files.slice(i, i + 500))) {
      for (const m of r.messages) {
        if (m.fatal) problems++;
        else if (m.ruleId?.startsWith('corsguard/')) findings++;
        else if (m.ruleId === null && /no effect because/.test(m.message)) continue;
        else throw new Error(`${r.filePath}: ${m.message}`);
      }
    }
  }
}
const wallMs = performance.now() - started;
process.stdout.write(
  `${JSON.stringify({ mode, files: files.length, findings, problems, wallMs, maxRssKib: process.resourceUsage().maxRSS })}\n`,
);
