#!/usr/bin/env node
// Fleet memory benchmark (not a test): `corsguard scan -i fleet.txt --format jsonl` over N URLs on N
// distinct host names (all pinned to loopback with --resolve), 95% normal endpoints and 5% hostile ones
// (60 KB headers, 200 cookies, slow, redirect, 429, endless body), with the CLI's default concurrency.
// Prints the CLI process's peak RSS against the 256 MiB bound, and a stand-in's: the same CLI, the same
// list, but one GET per URL (`--max-probes`-free: a plain undici loop in bench/one-get.mjs).
// Usage: npm run bench:fleet [-- --targets 20000]
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const here = dirname(fileURLToPath(import.meta.url));
const { values } = parseArgs({ options: { targets: { type: 'string', default: '20000' } } });
const count = Number(values.targets);
const BOUND_MIB = 256;

const servers = spawn(process.execPath, [join(here, 'fleet-servers.mjs')], {
  stdio: ['pipe', 'pipe', 'inherit'],
});
const port = await new Promise((resolve) =>
  servers.stdout.once('data', (d) => resolve(Number(String(d).trim()))),
);

const NORMAL = ['none', 'none', 'none', 'allowlist', 'allowlist', 'public', 'reflect', 'suffix'];
const HOSTILE = ['huge-headers', 'many-cookies', 'slow', 'redirect', 'rate-limited', 'endless-body'];
const dir = mkdtempSync(join(tmpdir(), 'corsguard-fleet-'));
const lines = [];
const resolve = [];
let hostile = 0;
for (let i = 0; i < count; i++) {
  const bad = i % 20 === 19;
  if (bad) hostile++;
  const kind = bad ? HOSTILE[((i / 20) % HOSTILE.length) | 0] : NORMAL[i % NORMAL.length];
  const host = `h${i}.fleet.test`;
  lines.push(`http://${host}:${port}/${kind}`);
  resolve.push('--resolve', `${host}:${port}:127.0.0.1`);
}
const list = join(dir, 'fleet.txt');
writeFileSync(list, `${lines.join('\n')}\n`);
const resolveFile = join(dir, 'resolve.args');
writeFileSync(resolveFile, resolve.join('\n'));

async function measure(label, args) {
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', join(here, 'report-max-rss.mjs'), ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let results = 0;
  let errors = 0;
  let tail = '';
  child.stdout.on('data', (d) => {
    const text = tail + d.toString();
    const parts = text.split('\n');
    tail = parts.pop() ?? '';
    for (const line of parts) {
      if (line === '') continue;
      results++;
      if (line.includes('"error":{')) errors++;
    }
  });
  let stderr = '';
  child.stderr.on('data', (d) => {
    stderr += d.toString();
  });
  const code = await new Promise((r) => child.on('close', r));
  const seconds = (performance.now() - started) / 1000;
  const kib = Number(/corsguard-bench max-rss-kib (\d+)/.exec(stderr)?.[1] ?? Number.NaN);
  const part = (name) => Number(new RegExp(`${name}-mib (\\d+)`).exec(stderr)?.[1] ?? Number.NaN);
  const parts = { heap: part('heap-used'), heapTotal: part('heap-total'), buffers: part('array-buffers') };
  return { label, code, results, errors, seconds, mib: kib / 1024, parts, stderr };
}

const cli = join(here, '..', 'dist', 'cli', 'main.js');
const scan = await measure('corsguard scan (full scan per URL)', [
  cli,
  'scan',
  '-i',
  list,
  '--format',
  'jsonl',
  '--no-progress',
  '--fail-on',
  'none',
  ...resolve,
]);
const floor = await measure('one GET per URL (same engine, no probes)', [
  join(here, 'one-get.mjs'),
  list,
  resolveFile,
]);
servers.stdin.end();
rmSync(dir, { recursive: true, force: true });

console.log(
  `corsguard fleet benchmark — node ${process.version}, ${count} URLs on ${count} host names (${hostile} hostile), default concurrency`,
);
console.log('');
console.log(
  `${'run'.padEnd(44)}${'results'.padStart(9)}${'errors'.padStart(8)}${'seconds'.padStart(9)}${'peak RSS'.padStart(11)}`,
);
for (const r of [scan, floor]) {
  console.log(
    `${r.label.padEnd(44)}${String(r.results).padStart(9)}${String(r.errors).padStart(8)}${r.seconds.toFixed(1).padStart(9)}${`${r.mib.toFixed(0)} MiB`.padStart(11)}${`${r.parts.heap} MiB`.padStart(10)}${`${r.parts.buffers} MiB`.padStart(10)}`,
  );
}
console.log('');
const ok = scan.mib < BOUND_MIB && scan.results === count;
console.log(
  `corsguard scan peak RSS ${scan.mib.toFixed(0)} MiB: ${ok ? 'within' : 'OVER'} the ${BOUND_MIB} MiB bound (${(scan.mib / floor.mib).toFixed(2)}× the one-GET stand-in); ${scan.results} of ${count} results`,
);
if (!ok) {
  console.log(scan.stderr.slice(-2000));
  process.exitCode = 1;
}
