#!/usr/bin/env node
// The servers of bench/latency.mjs, in their own process (forked, driven over IPC) so that the scanner's
// CPU is its own, as against servers on other machines: the lab, and per lab port a delay proxy in
// front of it. The lab counts the requests it receives (HTTP/2 streams and WebSocket upgrades included)
// and the proxy the connections, so what is reported is what the server side saw, not the scanner's
// counters. Messages: {type:'set', rtt} resets the counters and sets the delay; {type:'stats'} answers
// with what each port observed. Exits when the parent goes.
import net from 'node:net';
import { startLab } from '../dist/capabilities/lab/index.js';

const proxyAddress = process.argv[2] ?? '127.0.0.2';
// `http2`: the lab offers h2 on its HTTPS port (ALPN).
const http2 = process.argv[3] === 'http2';

/** What the proxy of one lab port observed since the last reset. */
function newStats() {
  return { connections: 0, requests: 0, arrivals: [] };
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

/** The delay proxy on `address:port` in front of the lab's `127.0.0.1:port`; `rtt()` is read per chunk. */
async function startDelayProxy(address, port, rtt, stats) {
  const server = net.createServer((client) => {
    stats.connections++;
    client.setNoDelay(true);
    const upstream = net.connect(port, '127.0.0.1');
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

const stats = { https: newStats(), http: newStats() };
const lab = await startLab({
  http2,
  onRequest: ({ listener }) => {
    stats[listener].requests++;
    stats[listener].arrivals.push(performance.now());
  },
});
let currentRtt = 0;
const ports = [
  { name: 'https', port: lab.httpsPort, stats: stats.https },
  { name: 'http', port: lab.httpPort, stats: stats.http },
];
const servers = [];
try {
  for (const p of ports) {
    servers.push(await startDelayProxy(proxyAddress, p.port, () => currentRtt, p.stats));
  }
} catch (err) {
  process.send({ type: 'error', message: err.message });
  process.exit(1);
}
process.on('message', (m) => {
  if (m.type === 'set') {
    currentRtt = m.rtt;
    for (const p of ports) Object.assign(p.stats, newStats()); // the same objects: the lab's hook writes to them
    process.send({ type: 'set' });
  } else if (m.type === 'stats') {
    process.send({ type: 'stats', ports: ports.map((p) => ({ name: p.name, ...p.stats })) });
  }
});
process.on('disconnect', async () => {
  for (const s of servers) s.close();
  await lab.close();
  process.exit(0);
});
process.send({
  type: 'ready',
  targets: lab.targets.map((t) => ({
    url: t.url,
    endpoint: { path: t.endpoint.path, expect: [...t.endpoint.expect] },
  })),
  resolve: ports.map((p) => `${lab.host}:${p.port}:${proxyAddress}`),
});
