#!/usr/bin/env node
// `npm run bench:lint`: corsguard lint on a large real tree — this project's installed node_modules — and
// against ESLint running the same checks (the corsguard/eslint rules) on the same JavaScript/TypeScript
// files. Each run is a separate process, so wall time and peak RSS (getrusage maxrss) are its own.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = new URL('..', import.meta.url).pathname;
const TREE = process.argv[2] ?? 'node_modules';
const work = mkdtempSync(join(tmpdir(), 'corsguard-bench-lint-'));
const mib = (kib) => (kib / 1024).toFixed(0);

function child(args) {
  const started = performance.now();
  const r = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 26 });
  const wallMs = performance.now() - started;
  if (r.status !== 0 && !(r.status === 1 && args.includes('lint')))
    throw new Error(`${args.join(' ')} exited ${r.status}:\n${r.stderr}`);
  return { wallMs, stdout: r.stdout, stderr: r.stderr };
}

try {
  // 1. The command a user runs, on the whole tree.
  const report = join(work, 'lint.json');
  const cli = child([
    '--import',
    './bench/report-max-rss.mjs',
    'dist/cli/main.js',
    'lint',
    TREE,
    '--no-gitignore',
    '--format',
    'json',
    '-o',
    report,
    '--fail-on',
    'none',
  ]);
  const json = JSON.parse(readFileSync(report, 'utf8'));
  const rss = Number(/max-rss-kib (\d+)/.exec(cli.stderr)?.[1] ?? 0);
  const files = json.summary?.files ?? json.files;
  console.log(
    `corsguard lint ${TREE}: ${files} files analyzed, ${json.summary?.skipped ?? json.skipped ?? 0} skipped, ${json.findings.length} findings, ${json.problems.length} problems`,
  );
  console.log(
    `  wall ${(cli.wallMs / 1000).toFixed(1)} s = ${(files / (cli.wallMs / 1000)).toFixed(0)} files/s, peak RSS ${mib(rss)} MiB`,
  );

  // 2. The same JavaScript/TypeScript files through corsguard's analyzer and through ESLint + corsguard/eslint.
  const { walkFiles } = await import('../dist/services/lint/index.js');
  const { mayLint } = await import('../dist/capabilities/lint/index.js');
  const js = [];
  const candidate = (p) => /\.[cm]?[jt]sx?$/.test(p) && mayLint(p);
  for await (const f of walkFiles([TREE], { cwd: ROOT, gitignore: false, candidate })) {
    // The lint service's own bound (2 MiB a file), so both tools read what `corsguard lint` reads.
    if (statSync(f.absolute).size <= 2 * 1024 * 1024) js.push(f.path);
  }
  const list = join(work, 'js-files.txt');
  writeFileSync(list, js.join('\n'));
  const results = {};
  for (const mode of ['corsguard', 'eslint']) {
    const r = child(['bench/lint-child.mjs', mode, list]);
    results[mode] = JSON.parse(r.stdout.trim().split('\n').at(-1));
  }
  const c = results.corsguard;
  const e = results.eslint;
  console.log(`same ${js.length} JavaScript/TypeScript files, same checks:`);
  for (const r of [c, e]) {
    const name = r.mode === 'corsguard' ? 'corsguard analyzers ' : 'ESLint + corsguard/eslint';
    console.log(
      `  ${name}: ${(r.wallMs / 1000).toFixed(1)} s = ${(r.files / (r.wallMs / 1000)).toFixed(0)} files/s, peak RSS ${mib(r.maxRssKib)} MiB, ${r.findings} findings, ${r.problems} parse failures`,
    );
  }
  console.log(
    `  ratio: corsguard ${(e.wallMs / c.wallMs).toFixed(1)}x faster, ${(e.maxRssKib / c.maxRssKib).toFixed(1)}x less peak memory`,
  );
} finally {
  rmSync(work, { recursive: true, force: true });
}
