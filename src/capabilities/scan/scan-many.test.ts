import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanMany } from './scan-many.js';

// A loopback server: on /slow… paths the request without Origin (the first of a scan) waits 1.5 s, every
// other request is answered at once, so a slow target costs one delay, not one per probe. It counts the
// distinct paths being answered at the same moment (one path = one target).
let server: Server;
let base: string;
const busy = new Map<string, number>();
let mostTargetsAtOnce = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    busy.set(path, (busy.get(path) ?? 0) + 1);
    mostTargetsAtOnce = Math.max(mostTargetsAtOnce, busy.size);
    setTimeout(
      () => {
        const n = (busy.get(path) ?? 1) - 1;
        if (n === 0) busy.delete(path);
        else busy.set(path, n);
        res.end('ok');
      },
      path.startsWith('/slow') && req.headers.origin === undefined ? 1_500 : 0,
    );
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

async function urlsOf(list: string[], options: Parameters<typeof scanMany>[1]): Promise<string[]> {
  const seen: string[] = [];
  for await (const r of scanMany(list, { timeoutMs: 5_000, ...options })) seen.push(r.url);
  return seen;
}

describe('scanMany', () => {
  const list = () => [`${base}/slow`, `${base}/a`, `${base}/b`, `${base}/c`];

  it('yields in input order by default, even when the first target finishes last', async () => {
    expect(await urlsOf(list(), {})).toEqual(list());
  });

  it('unordered (jsonl) yields each target as it finishes: a slow first target does not hold the others back', async () => {
    const seen = await urlsOf(list(), { ordered: false });
    expect(seen.at(-1)).toBe(`${base}/slow`);
    expect([...seen].sort()).toEqual([...list()].sort());
  });

  it('never scans more targets at once than targetsInFlight', async () => {
    mostTargetsAtOnce = 0;
    const many = Array.from({ length: 12 }, (_, i) => `${base}/${i % 3 === 0 ? 'slow' : 't'}${i}`);
    const seen = await urlsOf(many, { ordered: false, targetsInFlight: 3 });
    expect(seen).toHaveLength(12);
    expect(new Set(seen).size).toBe(12);
    expect(mostTargetsAtOnce).toBeLessThanOrEqual(3);
    expect(mostTargetsAtOnce).toBeGreaterThan(1);
  }, 20_000);

  it('an empty list yields nothing and ends', async () => {
    expect(await urlsOf([], {})).toEqual([]);
  });
});
