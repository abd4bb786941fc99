import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { scanMany } from './scan-many.js';

// A loopback server that holds every request to /slow until it is released: by the first request of a
// chosen target (`releaseOn`), or else by a fallback timer that only keeps a wrong implementation from
// hanging. The tests assert which of the two released it and which targets were seen meanwhile, never
// how long anything took.
let server: Server;
let base: string;
let held: Array<() => void> = [];
let releaseOn: string | undefined;
let releasedBy: string | undefined;
let seenWhileHeld = new Set<string>();
let fallback: NodeJS.Timeout | undefined;

function release(by: string): void {
  if (releasedBy !== undefined) return;
  releasedBy = by;
  clearTimeout(fallback);
  for (const answer of held) answer();
  held = [];
}

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path === '/slow' && releasedBy === undefined) {
      held.push(() => res.end('ok'));
      return;
    }
    if (releasedBy === undefined) seenWhileHeld.add(path);
    if (path === releaseOn) release(path);
    res.end('ok');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

beforeEach(() => {
  releasedBy = undefined;
  seenWhileHeld = new Set();
});

async function scanAll(paths: string[], fallbackMs: number): Promise<string[]> {
  fallback = setTimeout(() => release('timer'), fallbackMs);
  const out: string[] = [];
  for await (const r of scanMany(
    paths.map((p) => `${base}${p}`),
    { targetsInFlight: 2, timeoutMs: 20_000 },
  )) {
    out.push(new URL(r.url).pathname);
  }
  return out;
}

describe('scanMany with ordered output', () => {
  it('a slow oldest target does not keep the next targets from starting', async () => {
    releaseOn = '/b';
    // Two targets in flight: /slow and /a; /a ends while /slow is held, and /b must start then.
    const out = await scanAll(['/slow', '/a', '/b', '/c'], 10_000);
    expect(releasedBy).toBe('/b');
    expect(out).toEqual(['/slow', '/a', '/b', '/c']);
  }, 30_000);

  it('buffers at most targetsInFlight results while the oldest target runs', async () => {
    releaseOn = undefined;
    // /a and /b end while /slow is held and wait in the buffer (2 = targetsInFlight); /c must not start.
    const out = await scanAll(['/slow', '/a', '/b', '/c', '/d'], 1_500);
    expect(releasedBy).toBe('timer');
    expect(seenWhileHeld.has('/c')).toBe(false);
    expect(seenWhileHeld.has('/d')).toBe(false);
    expect(out).toEqual(['/slow', '/a', '/b', '/c', '/d']);
  }, 30_000);
});
