// Loaded with `node --import` by bench/fleet.mjs: reports the process's peak resident set size on exit,
// and what the V8 heap and native buffers held at their own peaks (sampled every 250 ms), so the
// benchmark can say what dominated memory.
import { writeSync } from 'node:fs';

const peak = { heapUsed: 0, heapTotal: 0, external: 0, arrayBuffers: 0 };
const timer = setInterval(() => {
  const m = process.memoryUsage();
  for (const k of Object.keys(peak)) peak[k] = Math.max(peak[k], m[k]);
}, 250);
timer.unref();

process.on('exit', () => {
  const mib = (n) => (n / 2 ** 20).toFixed(0);
  writeSync(
    2,
    `\ncorsguard-bench max-rss-kib ${process.resourceUsage().maxRSS} heap-used-mib ${mib(peak.heapUsed)} heap-total-mib ${mib(peak.heapTotal)} external-mib ${mib(peak.external)} array-buffers-mib ${mib(peak.arrayBuffers)}\n`,
  );
});
