// Loaded with `node --import` by bench/fleet.mjs: reports the process's peak resident set size on exit.
import { writeSync } from 'node:fs';

process.on('exit', () => {
  writeSync(2, `\ncorsguard-bench max-rss-kib ${process.resourceUsage().maxRSS}\n`);
});
