#!/usr/bin/env node
// The fleet benchmark's stand-in (bench/fleet.mjs): one GET per URL through corsguard's own engine, with
// the CLI's default concurrency, each result written as one JSON line. What any scanner of the list must
// at least hold in memory; corsguard's full scan is compared against it.
import { createReadStream, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { Engine } from '../dist/capabilities/scan/index.js';

const [list, resolveFile] = process.argv.slice(2);
const resolve = readFileSync(resolveFile, 'utf8')
  .split('\n')
  .filter((l) => l !== '--resolve');
const engine = new Engine({ resolve, concurrency: 32, perHost: 6 });
const inFlight = new Set();
for await (const url of createInterface({ input: createReadStream(list) })) {
  if (url === '') continue;
  const p = engine
    .request({ method: 'GET', url, headers: {} })
    .then(
      (ex) => process.stdout.write(`${JSON.stringify({ url, status: ex.status })}\n`),
      (err) => process.stdout.write(`${JSON.stringify({ url, error: { code: err.code } })}\n`),
    )
    .finally(() => inFlight.delete(p));
  inFlight.add(p);
  if (inFlight.size >= 32) await Promise.race(inFlight);
}
await Promise.all(inFlight);
await engine.close();
