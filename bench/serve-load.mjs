#!/usr/bin/env node
// `corsguard serve` under load (not a test). Starts the server from dist/ in a child process
// (bench/serve-server.mjs: its own event loop, so autocannon does not steal the server's turns; both still
// share the machine's cores) with the lab, an in-memory store, 2 scans at once, per-client limits out of
// the way (all the load comes from one loopback address) and no cooldown. A feeder keeps ~10 scans of lab
// endpoints queued for the whole run while autocannon (200 connections, 10 s each) hits
//   (a) GET /api/scans/:id of a finished scan, and
//   (b) GET / (the landing page),
// after a first 10 s window without HTTP load (the scans the server finishes on its own). Prints p50/p99
// latency, requests/s, errors (timeouts: no answer in 10 s) and non-2xx, and the scans finished during each
// window; then reads /healthz and exits non-zero if more scans ever ran at once than the limit. Loopback only; every
// step has a deadline and the whole run stops by itself (~45 s with the defaults).
// Usage: npm run bench:serve [-- --duration 10 --connections 200 --queued 10 --rps 20]
import { spawn } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';

const here = dirname(fileURLToPath(import.meta.url));
const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '200' },
    queued: { type: 'string', default: '10' },
    // Requests per second one scan sends to its target (the server's default is 20; 0: unlimited).
    rps: { type: 'string', default: '20' },
  },
});
const duration = Number(values.duration);
const connections = Number(values.connections);
const keepQueued = Number(values.queued);
const LIMIT = 2;

// A hard stop: whatever happens, the benchmark and its server end.
const deadline = setTimeout(
  () => {
    console.error('serve-load: overall deadline passed; stopping');
    server.kill('SIGKILL');
    process.exit(2);
  },
  (3 * duration + 120) * 1000,
);
deadline.unref();

const options = {
  host: '127.0.0.1',
  port: 0,
  dataDir: null,
  lab: true,
  maxConcurrentScans: LIMIT,
  maxQueuedScans: 100,
  scansPerClient: 1_000_000,
  requestsPerClient: 100_000_000,
  scansPerTargetHost: 1_000_000,
  cooldownMs: 0,
  requestsPerSecond: Number(values.rps),
  version: 'bench',
};
const server = spawn(process.execPath, [join(here, 'serve-server.mjs'), JSON.stringify(options)], {
  stdio: ['pipe', 'pipe', 'inherit', 'ipc'],
});
// The server's event-loop delay over a window ('reset' at its start, 'report' at its end).
const loopDelay = (what) =>
  new Promise((resolve) => {
    server.once('message', resolve);
    server.send(what);
  });
const lines = [];
let waiting;
let tail = '';
server.stdout.on('data', (d) => {
  const parts = (tail + d.toString()).split('\n');
  tail = parts.pop() ?? '';
  for (const p of parts) if (p !== '') lines.push(JSON.parse(p));
  waiting?.();
});
const nextLine = async (ms) => {
  const until = Date.now() + ms;
  while (lines.length === 0) {
    if (Date.now() > until) throw new Error('the server did not answer in time');
    await new Promise((r) => {
      waiting = r;
      setTimeout(r, 100).unref();
    });
  }
  return lines.shift();
};
// Opening the embedded store (PGlite) takes several seconds on a busy 2-core machine.
const { url: base, targets } = await nextLine(60_000);
const readyAt = Date.now();

const api = async (path, init) => {
  const res = await fetch(base + path, { ...init, signal: AbortSignal.timeout(10_000) });
  return { status: res.status, body: await res.json() };
};
const health = async () => (await api('/healthz')).body.scans;
const submit = (url) =>
  api('/api/scans', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ url }),
  });

// One finished scan to read in run (a): the first lab endpoint, polled until it ends.
const first = await submit(targets[0]);
if (first.status !== 202) throw new Error(`POST /api/scans answered ${first.status}`);
const finishedId = first.body.id;
for (let until = Date.now() + 30_000; ; ) {
  const { body } = await api(`/api/scans/${finishedId}`);
  if (body.status === 'done' || body.status === 'failed') break;
  if (Date.now() > until) throw new Error('the first scan did not finish in 30 s');
  await sleep(100);
}
const finishedBytes = (await (await fetch(`${base}/api/scans/${finishedId}`)).arrayBuffer()).byteLength;

// The feeder: every 100 ms, tops the queue up to `keepQueued` scans, round-robin over the lab endpoints
// (25 distinct URLs, so none is still queued or running when its turn comes back and none is reused).
const ids = [finishedId];
const refused = new Map();
let feeding = true;
let next = 1;
const feeder = (async () => {
  while (feeding) {
    try {
      const { queued } = await health();
      for (let i = queued; i < keepQueued && feeding; i++) {
        const res = await submit(targets[next++ % targets.length]);
        if (res.status === 202) ids.push(res.body.id);
        else {
          const code = res.body.reused ? 'reused' : (res.body.error?.code ?? String(res.status));
          refused.set(code, (refused.get(code) ?? 0) + 1);
        }
      }
    } catch (err) {
      const code = `feeder ${err.name}`;
      refused.set(code, (refused.get(code) ?? 0) + 1);
    }
    await sleep(100);
  }
})();

async function load(label, path) {
  // Let the feeder fill the queue before the clock starts.
  for (let until = Date.now() + 5000; (await health()).queued < keepQueued && Date.now() < until; )
    await sleep(100);
  await loopDelay('reset');
  const start = Date.now();
  const result = path
    ? await autocannon({ url: base + path, connections, duration, timeout: 10 })
    : await sleep(duration * 1000);
  const end = Date.now();
  const delay = await loopDelay('report');
  return { label, path, start, end, result, delay };
}

const runs = [];
runs.push(await load('(0) no HTTP load', null));
runs.push(await load('(a) GET /api/scans/:id', `/api/scans/${finishedId}`));
runs.push(await load('(b) GET /', '/'));
feeding = false;
await feeder;
const final = await health();

// When each scan ended, from the server's own record.
const ended = [];
for (const id of ids) {
  const { body } = await api(`/api/scans/${id}`);
  if (body.finishedAt) ended.push({ at: Date.parse(body.finishedAt), status: body.status });
}
server.stdin.end();
const usage = await nextLine(15_000).catch(() => undefined);

const ms = (v) => `${v} ms`;
const rows = runs.map(({ label, start, end, result, delay }) => {
  const inRun = ended.filter((e) => e.at >= start && e.at <= end);
  const failed = inRun.filter((e) => e.status !== 'done').length;
  const scans = `${inRun.length}${failed > 0 ? ` (${failed} failed)` : ''}`;
  const loop = `${delay.p50} / ${delay.p99} / ${delay.max} ms`;
  if (!result) return [label, '—', '—', '—', '—', scans, loop];
  return [
    label,
    ms(result.latency.p50),
    ms(result.latency.p99),
    Math.round(result.requests.average).toLocaleString('en'),
    `${result.errors}${result.timeouts > 0 ? ` (${result.timeouts} timeouts)` : ''} / ${result.non2xx}`,
    scans,
    loop,
  ];
});
const head = [
  'run',
  'p50',
  'p99',
  'req/s',
  'errors / non-2xx',
  'scans finished',
  'server loop delay p50/p99/max',
];
const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
const line = (r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');

console.log(
  `corsguard serve under load — node ${process.version}, ${connections} connections × ${duration} s per run, ` +
    `${LIMIT} scans at once, ~${keepQueued} queued, ${options.requestsPerSecond || 'unlimited'} requests/s per scan`,
);
const load1 = loadavg().map((l) => l.toFixed(2));
console.log(
  `${cpus().length} CPUs (${cpus()[0]?.model.trim()}), load average ${load1.join(' ')} at the end; ` +
    'this process (autocannon, feeder) and the server share them',
);
console.log(
  `(a) reads a finished scan of ${targets[0]} (${finishedBytes.toLocaleString('en')} bytes of JSON)`,
);
console.log('');
console.log(line(head));
for (const r of rows) console.log(line(r));
console.log('');
console.log(
  `scans: ${ids.length} accepted, ${ended.length} finished, ${final.running} running and ${final.queued} queued at the end` +
    (refused.size > 0 ? `; not accepted: ${[...refused].map(([k, v]) => `${k} ${v}`).join(', ')}` : ''),
);
if (usage) {
  const wall = (Date.now() - readyAt) / 1000;
  console.log(
    `server process: ${((usage.cpuUserMs + usage.cpuSystemMs) / 1000).toFixed(1)} s CPU ` +
      `(${usage.cpuUserMs} ms user, ${usage.cpuSystemMs} ms system) in the ${wall.toFixed(0)} s since it listened, ` +
      `peak RSS ${usage.maxRssMiB} MiB`,
  );
}
const ok = final.peakRunning <= final.limit && final.limit === LIMIT;
console.log(
  `/healthz: peakRunning ${final.peakRunning} ${ok ? '<=' : '>'} maxConcurrentScans ${final.limit}: ${ok ? 'ok' : 'VIOLATED'}`,
);
if (!ok) process.exitCode = 1;
