#!/usr/bin/env node
// Scan latency benchmark (not a test): puts a delay proxy in front of the lab and scans every lab endpoint
// at RTT 0 / 50 / 100 ms, then one correctly configured endpoint alone. Prints wall time, the requests and
// connections the proxy saw, and wall ÷ throughput bound, the bound being the busiest host's requests ÷
// per-host concurrency × RTT (the least time a scan can take when a host serves `perHost` requests at once).
// Each is scanned in the default mode and with --thorough (every variant of every family).
// Usage: npm run bench:latency [-- --rtt 0,50,100 --per-host 6 --concurrency 32]
//
// Topology, per lab port (HTTP and HTTPS):
//   scanner → delay proxy 127.0.0.2:<lab port> → lab 127.0.0.1:<lab port>
// The delay proxy holds each chunk, both ways, for RTT/2, and the first client chunk of a connection one
// RTT more (the TCP handshake a real connect pays before it can send), so a TLS 1.3 handshake costs one
// RTT and each request/response one RTT, like a real network. The lab counts the requests it receives
// and the proxy the connections: observed on the server's side, not taken from the scanner's counters.
// The proxy listens on the lab's own ports at 127.0.0.2 so the scanned URLs are the lab's: only
// `--resolve` changes (Linux routes all of 127.0.0.0/8 to loopback; elsewhere add the alias first).
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { availableParallelism, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { scanMany } from '../dist/capabilities/scan/index.js';

const { values } = parseArgs({
  options: {
    rtt: { type: 'string', default: '0,50,100' },
    'per-host': { type: 'string', default: '6' },
    concurrency: { type: 'string', default: '32' },
    'proxy-address': { type: 'string', default: '127.0.0.2' },
    'h2-proxy-address': { type: 'string', default: '127.0.0.3' },
  },
});
const rtts = values.rtt.split(',').map(Number);
const perHost = Number(values['per-host']);
const concurrency = Number(values.concurrency);
const proxyAddress = values['proxy-address'];

// The lab and its proxies run in a child process (bench/latency-servers.mjs), so the scanner has its
// CPU to itself, as against servers on other machines.
// A second one offers HTTP/2 (the lab's HTTPS port with ALPN h2), behind its own proxy address.
async function startServers(address, protocol) {
  const child = fork(new URL('./latency-servers.mjs', import.meta.url), [address, protocol]);
  const [hello] = await once(child, 'message');
  if (hello.type !== 'ready') throw new Error(hello.message);
  /** Sends one message to the servers' process and waits for its answer. */
  const ask = async (message) => {
    child.send(message);
    const [answer] = await once(child, 'message');
    return answer;
  };
  return { child, ask, targets: hello.targets, resolve: hello.resolve };
}
const h1 = await startServers(proxyAddress, 'http1');
const h2 = await startServers(values['h2-proxy-address'], 'http2');
const lab = { targets: h1.targets };

/** Request rounds: arrivals at the lab, a new round when a request comes more than RTT/2 after the round began. */
function rounds(arrivals, rtt) {
  if (rtt === 0) return undefined;
  const sorted = [...arrivals].sort((a, b) => a - b);
  let n = 0;
  let start = Number.NEGATIVE_INFINITY;
  for (const t of sorted) {
    if (t - start > rtt / 2) {
      n++;
      start = t;
    }
  }
  return n;
}

/** Scans `targets` once through the proxy and returns what was observed. */
async function run(targets, rtt, ordered, thorough = false, servers = h1) {
  const { ask, resolve } = servers;
  await ask({ type: 'set', rtt });
  const expected = new Map(targets.map((t) => [t.url, [...t.endpoint.expect].sort().join(',')]));
  let mismatches = 0;
  let errors = 0;
  let scannerRequests = 0;
  const t0 = performance.now();
  for await (const r of scanMany(
    targets.map((t) => t.url),
    { resolve, insecure: true, concurrency, perHost, ordered, thorough },
  )) {
    scannerRequests += r.requests;
    if (r.error) {
      errors++;
      console.error(`  ${r.url}: ${r.error.code} ${r.error.message}`);
    }
    if ([...new Set(r.findings.map((f) => f.id))].sort().join(',') !== expected.get(r.url)) mismatches++;
  }
  const wallMs = performance.now() - t0;
  const { ports } = await ask({ type: 'stats' });
  const busiest = ports.reduce((a, b) => (b.requests > a.requests ? b : a));
  const requests = ports.reduce((s, p) => s + p.requests, 0);
  const connections = ports.reduce((s, p) => s + p.connections, 0);
  const boundMs = (busiest.requests / perHost) * rtt;
  const arrivals = ports.flatMap((p) => p.arrivals);
  return {
    wallMs,
    requests,
    connections,
    busiest: `${busiest.name} ${busiest.requests}`,
    boundMs,
    ratio: boundMs > 0 ? wallMs / boundMs : undefined,
    rounds: rounds(arrivals, rtt),
    scannerRequests,
    mismatches,
    errors,
  };
}

const fmt = (n, d = 0) => (n === undefined ? '—' : n.toFixed(d));
const rule = (widths) => `| ${widths.map((w) => `${'-'.repeat(w - 1)}:`).join(' | ')} |`;
const row = (cells, widths) => `| ${cells.map((c, i) => String(c).padStart(widths[i])).join(' | ')} |`;

console.log(
  `corsguard latency benchmark — node ${process.version}, ${lab.targets.length} lab endpoints, concurrency ${concurrency}, per host ${perHost}, HTTP/1.1 through a delay proxy`,
);
console.log('');
const widths = [6, 11, 9, 9, 8, 11, 14, 9, 12, 8];
console.log(
  row(
    [
      'RTT',
      'mode',
      'output',
      'wall ms',
      'requests',
      'connections',
      'busiest host',
      'bound ms',
      'wall ÷ bound',
      'findings',
    ],
    widths,
  ),
);
console.log(rule(widths));
const all = [];
for (const rtt of rtts) {
  for (const [thorough, ordered, servers] of [
    [false, true, h1],
    [false, false, h1],
    [true, true, h1],
    [false, true, h2],
  ]) {
    const r = await run(servers.targets, rtt, ordered, thorough, servers);
    all.push(r);
    console.log(
      row(
        [
          `${rtt} ms`,
          `${thorough ? 'thorough' : 'default'}${servers === h2 ? ' h2' : ''}`,
          ordered ? 'ordered' : 'unordered',
          fmt(r.wallMs),
          r.requests,
          r.connections,
          r.busiest,
          fmt(r.boundMs),
          r.ratio === undefined ? '—' : `${fmt(r.ratio, 2)}×`,
          r.mismatches === 0 && r.errors === 0 ? 'as expected' : `${r.mismatches} differ, ${r.errors} errors`,
        ],
        widths,
      ),
    );
  }
}

console.log('');
console.log(
  `load average at the end of the lab runs: ${loadavg()[0].toFixed(1)} (the scanner in this process; the lab and proxies in another)`,
);
console.log('');
const safe = lab.targets.filter((t) => t.endpoint.path === '/safe');
const single = [6, 11, 9, 8, 11, 12, 14];
console.log('One correctly configured endpoint (/safe) scanned alone:');
console.log('');
console.log(
  row(['RTT', 'mode', 'wall ms', 'requests', 'connections', 'wall ÷ RTT', 'request rounds'], single),
);
console.log(rule(single));
const safeH2 = h2.targets.filter((t) => t.endpoint.path === '/safe');
for (const [rtt, thorough, servers] of rtts.flatMap((rtt) => [
  [rtt, false, h1],
  [rtt, true, h1],
  [rtt, false, h2],
])) {
  const r = await run(servers === h1 ? safe : safeH2, rtt, true, thorough, servers);
  all.push(r);
  console.log(
    row(
      [
        `${rtt} ms`,
        `${thorough ? 'thorough' : 'default'}${servers === h2 ? ' h2' : ''}`,
        fmt(r.wallMs),
        r.requests,
        r.connections,
        rtt > 0 ? fmt(r.wallMs / rtt, 1) : '—',
        fmt(r.rounds),
      ],
      single,
    ),
  );
}
const disagree = all.filter((r) => r.scannerRequests !== r.requests).length;
console.log('');
console.log(
  disagree === 0
    ? 'The proxy saw exactly the requests the scanner counted.'
    : `The proxy and the scanner's counters disagree in ${disagree} run(s).`,
);
console.log(`load average at the end: ${loadavg()[0].toFixed(1)} on ${availableParallelism()} cores`);

h1.child.disconnect();
h2.child.disconnect();
// Connections the scanner left open after its engine closed must not keep the process alive.
setTimeout(() => process.exit(0), 200).unref();
