#!/usr/bin/env node
// The server under load for bench/serve-load.mjs, in its own process so the load generator (autocannon,
// the scan feeder) does not share its event loop. Starts `corsguard serve` from dist/ with the options
// given as JSON in argv[2], prints one JSON line {url, limit, targets} on stdout, then serves until its
// stdin closes or the IPC channel drops (so it never outlives the benchmark); on the way out prints one
// JSON line with its own CPU time and peak RSS. Over IPC, 'reset' starts a window of the event loop's
// delay and 'report' answers its p50/p99/max in ms, beyond the 10 ms sampling timer (the server, its scans
// and the lab share this one loop).
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { startServer } from '../dist/services/serve/index.js';

const options = JSON.parse(process.argv[2] ?? '{}');
const server = await startServer(options);
const cpuStart = process.cpuUsage();
process.stdout.write(
  `${JSON.stringify({
    url: server.url,
    limit: options.maxConcurrentScans,
    targets: server.lab?.targets.map((t) => t.url) ?? [],
  })}\n`,
);

// Sampled by a 10 ms timer; reported as the delay beyond it.
const RESOLUTION_MS = 10;
const delay = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
delay.enable();
const ms = (ns) => Math.max(0, Math.round(ns / 1e5 - RESOLUTION_MS * 10) / 10);
process.on('message', (m) => {
  if (m === 'reset') delay.reset();
  process.send?.({
    p50: ms(delay.percentile(50)),
    p99: ms(delay.percentile(99)),
    max: ms(delay.max),
  });
});

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  const cpu = process.cpuUsage(cpuStart);
  const usage = process.resourceUsage();
  await server.close();
  process.stdout.write(
    `${JSON.stringify({
      cpuUserMs: Math.round(cpu.user / 1000),
      cpuSystemMs: Math.round(cpu.system / 1000),
      maxRssMiB: Math.round(usage.maxRSS / 1024),
    })}\n`,
  );
  process.exit(0);
};
process.stdin.on('end', stop);
process.stdin.on('close', stop);
process.stdin.resume();
process.on('disconnect', stop);
process.on('SIGTERM', stop);
