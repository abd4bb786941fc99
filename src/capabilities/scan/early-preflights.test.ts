import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanTarget } from './scan-target.js';

// A loopback server with an exact allowlist of its own origin, recording each request's method and
// Origin in arrival order.
let server: Server;
let base: string;
const arrivals: Array<{ method: string; origin: string | undefined }> = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    const origin = req.headers.origin;
    arrivals.push({ method: req.method ?? '', origin });
    if (origin === base) {
      res.setHeader('access-control-allow-origin', origin);
      res.setHeader('access-control-allow-credentials', 'true');
      res.setHeader('vary', 'Origin');
    }
    res.statusCode = req.method === 'OPTIONS' ? (origin === base ? 204 : 403) : 200;
    res.end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('preflights', () => {
  it('are sent once discovery has ended, while the bypass probes still run, not after them', async () => {
    const result = await scanTarget(`${base}/me`);
    expect(result.error).toBeUndefined();
    const preflights = arrivals.filter((a) => a.method === 'OPTIONS');
    // The attacker origin's and the trusted origin's (here the target's own), as before.
    expect(preflights).toHaveLength(2);
    expect(preflights.map((p) => p.origin)).toContain(base);
    const lastOptions = arrivals.findLastIndex((a) => a.method === 'OPTIONS');
    const lastProbe = arrivals.findLastIndex((a) => a.method === 'GET');
    expect(lastOptions).toBeLessThan(lastProbe);
    expect(result.requests).toBe(arrivals.length);
  });
});
