#!/usr/bin/env node
// Scanner throughput benchmark (not a test): scans the built-in lab many times over loopback and prints
// requests per target and targets per second, then streams a long list of targets to show memory stays flat.
// Usage: npm run bench [-- --rounds 8 --stream 20000 --concurrency 32]
import { parseArgs } from 'node:util';
import { startLab } from '../dist/capabilities/lab/index.js';
import { scanMany } from '../dist/capabilities/scan/index.js';

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '8' },
    stream: { type: 'string', default: '20000' },
    concurrency: { type: 'string', default: '32' },
  },
});
const rounds = Number(values.rounds);
const streamCount = Number(values.stream);
const concurrency = Number(values.concurrency);

const lab = await startLab();
const options = { resolve: lab.resolve, insecure: true, concurrency, perHost: concurrency, ordered: false };

function* labTargets() {
  for (let r = 0; r < rounds; r++)
    for (const t of lab.targets) yield { url: `${t.url}?r=${r}`, endpoint: t.endpoint };
}

// 1. Every lab endpoint, `rounds` times.
const byPath = new Map();
const list = [...labTargets()];
const endpointOf = new Map(list.map((t) => [t.url, t.endpoint]));
let requests = 0;
let errors = 0;
let mismatches = 0;
const t0 = performance.now();
for await (const r of scanMany(
  list.map((t) => t.url),
  options,
)) {
  requests += r.requests;
  if (r.error) errors++;
  const ep = endpointOf.get(r.url);
  const got = [...new Set(r.findings.map((f) => f.id))].sort().join(',');
  if (got !== [...ep.expect].sort().join(',')) mismatches++;
  const row = byPath.get(ep.path) ?? { requests: 0, n: 0, ms: 0, correct: ep.expect.length === 0 };
  row.requests += r.requests;
  row.n++;
  row.ms += r.durationMs;
  byPath.set(ep.path, row);
}
const seconds = (performance.now() - t0) / 1000;

console.log(
  `corsguard scan benchmark — node ${process.version}, ${list.length} lab targets (${lab.targets.length} endpoints × ${rounds}), concurrency ${concurrency}`,
);
console.log('');
console.log('endpoint'.padEnd(26) + 'requests/target'.padStart(16) + 'mean ms'.padStart(10));
for (const [path, row] of byPath) {
  console.log(
    path.padEnd(26) +
      (row.requests / row.n).toFixed(1).padStart(16) +
      (row.ms / row.n).toFixed(0).padStart(10),
  );
}
const vulnerable = [...byPath.values()].filter((r) => !r.correct);
const correct = [...byPath.values()].filter((r) => r.correct);
const mean = (rows) => rows.reduce((s, r) => s + r.requests / r.n, 0) / Math.max(1, rows.length);
console.log('');
console.log(
  `requests/target: ${(requests / list.length).toFixed(1)} overall, ${mean(vulnerable).toFixed(1)} on misconfigured endpoints, ${mean(correct).toFixed(1)} on correct ones`,
);
console.log(
  `targets/second:  ${(list.length / seconds).toFixed(1)}  (${(requests / seconds).toFixed(0)} requests/s, ${seconds.toFixed(2)} s)`,
);
console.log(`errors: ${errors}, targets whose findings differ from the lab's expectations: ${mismatches}`);

// 2. A long streamed list: memory must stay flat (bounded in-flight window, results not retained).
if (streamCount > 0) {
  const reflect = lab.targets.find((t) => t.endpoint.path === '/reflect');
  async function* stream() {
    for (let i = 0; i < streamCount; i++) yield `${reflect.url}?i=${i}`;
  }
  let done = 0;
  let peakRss = 0;
  const rss0 = process.memoryUsage().rss;
  const s0 = performance.now();
  for await (const r of scanMany(stream(), options)) {
    done++;
    if (r.error) errors++;
    if (done % 1000 === 0) peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }
  const s = (performance.now() - s0) / 1000;
  console.log('');
  console.log(
    `streamed ${done} targets in ${s.toFixed(1)} s (${(done / s).toFixed(0)} targets/s); RSS ${(rss0 / 2 ** 20).toFixed(0)} MiB at start, peak ${(peakRss / 2 ** 20).toFixed(0)} MiB`,
  );
}
await lab.close();
