#!/usr/bin/env node
// Scan latency benchmark (not a test): puts a delay proxy in front of the lab and scans every lab endpoint
// at RTT 0 / 50 / 100 ms, then one correctly configured endpoint alone. Prints wall time, the requests and
// connections the proxy saw, and wall ÷ throughput bound, the bound being the busiest host's requests ÷
// per-host concurrency × RTT (the least time a scan can take when a host serves `perHost` requests at once).
// Usage: npm run bench:latency [-- --rtt 0,50,100 --per-host 6 --concurrency 32]
//
// Topology, per lab port (HTTP and HTTPS):
//   scanner → delay proxy 127.0.0.2:<lab port> → tap 127.0.0.1:<ephemeral> → lab 127.0.0.1:<lab port>
// The delay proxy holds each chunk, both ways, for RTT/2, and the first client chunk of a connection one
// RTT more (the TCP handshake a real connect pays before it can send), so a TLS 1.3 handshake costs one
// RTT and each request/response one RTT, like a real network. The tap counts what it sees: on HTTPS it
// terminates TLS with the lab's certificate and opens its own TLS connection to the lab, so the requests
// are counted in clear text, observed, not taken from the scanner's counters.
// The proxy listens on the lab's own ports at 127.0.0.2 so the scanned URLs are the lab's: only
// `--resolve` changes (Linux routes all of 127.0.0.0/8 to loopback; elsewhere add the alias first).
import net from 'node:net';
import { availableParallelism, loadavg } from 'node:os';
import tls from 'node:tls';
import { parseArgs } from 'node:util';
import { labTlsCredentials, startLab } from '../dist/capabilities/lab/index.js';
import { scanMany } from '../dist/capabilities/scan/index.js';

const { values } = parseArgs({
  options: {
    rtt: { type: 'string', default: '0,50,100' },
    'per-host': { type: 'string', default: '6' },
    concurrency: { type: 'string', default: '32' },
    'proxy-address': { type: 'string', default: '127.0.0.2' },
  },
});
const rtts = values.rtt.split(',').map(Number);
const perHost = Number(values['per-host']);
const concurrency = Number(values.concurrency);
const proxyAddress = values['proxy-address'];

/** What the proxy of one lab port observed since the last reset. */
function newStats() {
  return { connections: 0, requests: 0, arrivals: [] };
}

/**
 * Counts HTTP/1.1 requests in a client → server byte stream. Scanner requests have no body, so a request
 * is a head ending in CRLF CRLF; after an `Upgrade` request the stream is WebSocket frames and is not read.
 */
function requestCounter(stats) {
  let pending = '';
  let upgraded = false;
  return (chunk) => {
    if (upgraded) return;
    pending += chunk.toString('latin1');
    for (let end = pending.indexOf('\r\n\r\n'); end !== -1; end = pending.indexOf('\r\n\r\n')) {
      const head = pending.slice(0, end);
      pending = pending.slice(end + 4);
      stats.requests++;
      stats.arrivals.push(performance.now());
      if (/\r\nupgrade:/i.test(head)) {
        upgraded = true;
        return;
      }
    }
  };
}

/** Joins two sockets both ways; either side's end or error ends the other. */
function join(a, b) {
  a.pipe(b);
  b.pipe(a);
  const destroy = () => {
    a.destroy();
    b.destroy();
  };
  a.on('error', destroy);
  b.on('error', destroy);
  a.on('close', () => b.end());
  b.on('close', () => a.end());
}

/** The tap in front of one lab port: counts connections and requests, forwards to the lab. */
async function startTap(labPort, secure, stats) {
  const onSocket = (client) => {
    const upstream = secure
      ? tls.connect({
          host: '127.0.0.1',
          port: labPort,
          servername: 'api.victim.test',
          rejectUnauthorized: false,
        })
      : net.connect(labPort, '127.0.0.1');
    client.on('data', requestCounter(stats));
    join(client, upstream);
  };
  const server = secure ? tls.createServer(labTlsCredentials(), onSocket) : net.createServer(onSocket);
  server.on('tlsClientError', () => {});
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

/**
 * One direction of a delayed connection: chunks leave `delayMs()` after they arrive, in order (a single
 * timer drains the queue head, so a chunk held longer never lets a later one overtake it).
 */
function lane(dest, delayMs) {
  const queue = [];
  let scheduled = false;
  const drain = () => {
    scheduled = false;
    const now = performance.now();
    while (queue.length > 0 && queue[0].due <= now + 0.5) {
      const { chunk } = queue.shift();
      if (chunk === null) dest.end();
      else if (!dest.destroyed) dest.write(chunk);
    }
    if (queue.length > 0) {
      scheduled = true;
      setTimeout(drain, queue[0].due - now);
    }
  };
  return (chunk, extraMs = 0) => {
    const wait = delayMs() + extraMs;
    if (wait === 0 && queue.length === 0) {
      if (chunk === null) dest.end();
      else if (!dest.destroyed) dest.write(chunk);
      return;
    }
    const last = queue.at(-1)?.due ?? 0;
    queue.push({ due: Math.max(performance.now() + wait, last), chunk });
    if (!scheduled) {
      scheduled = true;
      setTimeout(drain, wait);
    }
  };
}

/** The delay proxy on `address:port` in front of the tap; `rtt()` is read per chunk. */
async function startDelayProxy(address, port, tapPort, rtt, stats) {
  const server = net.createServer((client) => {
    stats.connections++;
    client.setNoDelay(true);
    const upstream = net.connect(tapPort, '127.0.0.1');
    upstream.setNoDelay(true);
    const half = () => rtt() / 2;
    const toServer = lane(upstream, half);
    const toClient = lane(client, half);
    let first = true;
    client.on('data', (chunk) => {
      toServer(chunk, first ? rtt() : 0); // the TCP handshake: one RTT before the first byte can leave
      first = false;
    });
    upstream.on('data', (chunk) => toClient(chunk));
    client.on('end', () => toServer(null));
    upstream.on('end', () => toClient(null));
    const destroy = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', destroy);
    upstream.on('error', destroy);
    client.on('close', () => setTimeout(() => upstream.destroy(), rtt() + 50).unref());
    upstream.on('close', () => setTimeout(() => client.destroy(), rtt() + 50).unref());
  });
  await new Promise((resolve, reject) => {
    server.once('error', (err) =>
      reject(new Error(`cannot listen on ${address}:${port} (${err.code}); pass --proxy-address`)),
    );
    server.listen(port, address, resolve);
  });
  return server;
}

const lab = await startLab();
let currentRtt = 0;
const ports = [
  { name: 'https', port: lab.httpsPort, secure: true, stats: newStats() },
  { name: 'http', port: lab.httpPort, secure: false, stats: newStats() },
];
const servers = [];
for (const p of ports) {
  const tap = await startTap(p.port, p.secure, p.stats);
  servers.push(tap);
  servers.push(await startDelayProxy(proxyAddress, p.port, tap.address().port, () => currentRtt, p.stats));
}
const resolve = ports.map((p) => `${lab.host}:${p.port}:${proxyAddress}`);
const reset = () => {
  for (const p of ports) Object.assign(p.stats, newStats());
};

/** Request rounds: arrivals at the tap, a new round when a request comes more than RTT/2 after the round began. */
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
async function run(targets, rtt, ordered) {
  currentRtt = rtt;
  reset();
  const expected = new Map(targets.map((t) => [t.url, [...t.endpoint.expect].sort().join(',')]));
  let mismatches = 0;
  let errors = 0;
  let scannerRequests = 0;
  const t0 = performance.now();
  for await (const r of scanMany(
    targets.map((t) => t.url),
    { resolve, insecure: true, concurrency, perHost, ordered },
  )) {
    scannerRequests += r.requests;
    if (r.error) {
      errors++;
      console.error(`  ${r.url}: ${r.error.code} ${r.error.message}`);
    }
    if ([...new Set(r.findings.map((f) => f.id))].sort().join(',') !== expected.get(r.url)) mismatches++;
  }
  const wallMs = performance.now() - t0;
  const busiest = ports.reduce((a, b) => (b.stats.requests > a.stats.requests ? b : a));
  const requests = ports.reduce((s, p) => s + p.stats.requests, 0);
  const connections = ports.reduce((s, p) => s + p.stats.connections, 0);
  const boundMs = (busiest.stats.requests / perHost) * rtt;
  const arrivals = ports.flatMap((p) => p.stats.arrivals);
  return {
    wallMs,
    requests,
    connections,
    busiest: `${busiest.name} ${busiest.stats.requests}`,
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
const widths = [6, 9, 9, 8, 11, 14, 9, 12, 8];
console.log(
  row(
    [
      'RTT',
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
  for (const ordered of [true, false]) {
    const r = await run(lab.targets, rtt, ordered);
    all.push(r);
    console.log(
      row(
        [
          `${rtt} ms`,
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
  `load average at the end of the lab runs: ${loadavg()[0].toFixed(1)} (the scanner, the proxy and the lab share this process)`,
);
console.log('');
const safe = lab.targets.filter((t) => t.endpoint.path === '/safe');
const single = [6, 9, 8, 11, 12, 14];
console.log('One correctly configured endpoint (/safe) scanned alone:');
console.log('');
console.log(row(['RTT', 'wall ms', 'requests', 'connections', 'wall ÷ RTT', 'request rounds'], single));
console.log(rule(single));
for (const rtt of rtts) {
  const r = await run(safe, rtt, true);
  all.push(r);
  console.log(
    row(
      [
        `${rtt} ms`,
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

for (const s of servers) s.close();
await lab.close();
// Connections the scanner left open after its engine closed must not keep the process alive.
setTimeout(() => process.exit(0), 200).unref();
