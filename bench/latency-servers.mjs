#!/usr/bin/env node
// The servers of bench/latency.mjs, in their own process (forked, driven over IPC) so that the scanner's
// CPU is its own, as against servers on other machines: the lab, and per lab port a delay proxy in
// front of a counting tap. Messages: {type:'set', rtt} resets the counters and sets the delay;
// {type:'stats'} answers with what each port's tap and proxy observed. Exits when the parent goes.
import net from 'node:net';
import tls from 'node:tls';
import { labTlsCredentials, startLab } from '../dist/capabilities/lab/index.js';

const proxyAddress = process.argv[2] ?? '127.0.0.2';
// `http2`: the lab offers h2 on its HTTPS port (ALPN), and the tap passes the protocol through.
const http2 = process.argv[3] === 'http2';

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

/**
 * Counts HTTP/2 requests in a client → server byte stream: after the 24-byte connection preface, frames
 * of a 9-byte header (24-bit length, type, flags, 31-bit stream id); a HEADERS frame (type 1) on a stream
 * not seen before is a request.
 */
function streamCounter(stats) {
  let pending = Buffer.alloc(0);
  let preface = 24;
  const streams = new Set();
  return (chunk) => {
    pending = Buffer.concat([pending, chunk]);
    if (preface > 0) {
      const skip = Math.min(preface, pending.length);
      pending = pending.subarray(skip);
      preface -= skip;
    }
    while (pending.length >= 9) {
      const length = pending.readUIntBE(0, 3);
      if (pending.length < 9 + length) return;
      const type = pending[3];
      const stream = pending.readUInt32BE(5) & 0x7fffffff;
      if (type === 1 && !streams.has(stream)) {
        streams.add(stream);
        stats.requests++;
        stats.arrivals.push(performance.now());
      }
      pending = pending.subarray(9 + length);
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
    const h2 = client.alpnProtocol === 'h2';
    const upstream = secure
      ? tls.connect({
          host: '127.0.0.1',
          port: labPort,
          servername: 'api.victim.test',
          rejectUnauthorized: false,
          ALPNProtocols: [h2 ? 'h2' : 'http/1.1'],
        })
      : net.connect(labPort, '127.0.0.1');
    client.on('data', h2 ? streamCounter(stats) : requestCounter(stats));
    join(client, upstream);
  };
  const server = secure
    ? tls.createServer(
        { ...labTlsCredentials(), ALPNProtocols: http2 ? ['h2', 'http/1.1'] : ['http/1.1'] },
        onSocket,
      )
    : net.createServer(onSocket);
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

const lab = await startLab({ http2 });
let currentRtt = 0;
const ports = [
  { name: 'https', port: lab.httpsPort, secure: true, stats: newStats() },
  { name: 'http', port: lab.httpPort, secure: false, stats: newStats() },
];
const servers = [];
try {
  for (const p of ports) {
    const tap = await startTap(p.port, p.secure, p.stats);
    servers.push(tap);
    servers.push(await startDelayProxy(proxyAddress, p.port, tap.address().port, () => currentRtt, p.stats));
  }
} catch (err) {
  process.send({ type: 'error', message: err.message });
  process.exit(1);
}
process.on('message', (m) => {
  if (m.type === 'set') {
    currentRtt = m.rtt;
    for (const p of ports) Object.assign(p.stats, newStats());
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
