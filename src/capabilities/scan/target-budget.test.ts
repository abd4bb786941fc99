import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createServer, type Server as NetServer, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from './engine/http-client.js';
import { scanMany } from './scan-many.js';
import { scanTarget } from './scan-target.js';

// --target-timeout is a hard budget: whatever a hostile or overloaded server does, a target's result
// arrives within its budget (plus a little slack for the event loop), with what was seen so far and an
// error that says the budget ran out. Per-request timeouts are set far above the budget here, so only the
// target budget can end these scans.
const BUDGET = 1500;
const SLACK = 1000;
const LONG_REQUEST = 30_000;

describe('--target-timeout is a hard budget per target', () => {
  const sockets = new Set<Socket>();
  const track = (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => {});
  };
  // Accepts connections and never answers.
  const silent: NetServer = createServer(track);
  // Sends a status line, then one header byte every 100 ms, forever.
  const trickle: NetServer = createServer((s) => {
    track(s);
    s.write('HTTP/1.1 200 OK\r\n');
    const timer = setInterval(() => s.write('x'), 100);
    s.on('close', () => clearInterval(timer));
  });
  // Answers the first request without Origin quickly, stalls every probe (requests with Origin).
  const stallsProbes: Server = createHttpServer((req, res) => {
    if (req.headers.origin === undefined) res.writeHead(200).end('ok');
    // else: never answer
  });
  stallsProbes.on('connection', track);
  // Answers everything at once.
  const quick: Server = createHttpServer((_req, res) => res.writeHead(200).end('ok'));
  const ports: Record<string, number> = {};

  beforeAll(async () => {
    for (const [name, server] of Object.entries({ silent, trickle, stallsProbes, quick })) {
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
      ports[name] = (server.address() as AddressInfo).port;
    }
  });
  afterAll(async () => {
    for (const s of sockets) s.destroy();
    await Promise.all(
      [silent, trickle, stallsProbes, quick].map((s) => new Promise((r) => s.close(() => r(undefined)))),
    );
  });

  const timed = async <T>(fn: () => Promise<T>): Promise<{ value: T; ms: number }> => {
    const started = performance.now();
    const value = await fn();
    return { value, ms: performance.now() - started };
  };

  it('a server that accepts the connection and never answers', async () => {
    const { value, ms } = await timed(() =>
      scanTarget(`http://127.0.0.1:${ports.silent}/`, { targetTimeoutMs: BUDGET, timeoutMs: LONG_REQUEST }),
    );
    expect(ms).toBeLessThan(BUDGET + SLACK);
    expect(value.durationMs).toBeLessThan(BUDGET + SLACK);
    expect(value.error?.code).toBe('TIMEOUT');
    expect(value.findings).toEqual([]);
  });

  it('a server that trickles its response head one byte at a time (slowloris)', async () => {
    const { value, ms } = await timed(() =>
      scanTarget(`http://127.0.0.1:${ports.trickle}/`, { targetTimeoutMs: BUDGET, timeoutMs: LONG_REQUEST }),
    );
    expect(ms).toBeLessThan(BUDGET + SLACK);
    expect(value.error?.code).toBe('TIMEOUT');
  });

  it('a server that answers the first request and stalls every probe', async () => {
    const { value, ms } = await timed(() =>
      scanTarget(`http://127.0.0.1:${ports.stallsProbes}/`, {
        targetTimeoutMs: BUDGET,
        timeoutMs: LONG_REQUEST,
      }),
    );
    expect(ms).toBeLessThan(BUDGET + SLACK);
    expect(value.error?.code).toBe('TIMEOUT');
  });

  it('a WebSocket handshake that never completes', async () => {
    const { value, ms } = await timed(() =>
      scanTarget(`ws://127.0.0.1:${ports.silent}/socket`, {
        targetTimeoutMs: BUDGET,
        timeoutMs: LONG_REQUEST,
      }),
    );
    expect(ms).toBeLessThan(BUDGET + SLACK);
    expect(value.error?.code).toBe('TIMEOUT');
  });

  it('targets queued behind a busy host: waiting for a connection slot counts against the budget', async () => {
    const urls = Array.from({ length: 6 }, (_, i) => `http://127.0.0.1:${ports.stallsProbes}/t${i}`);
    const started = performance.now();
    const results = [];
    for await (const r of scanMany(urls, {
      targetTimeoutMs: BUDGET,
      timeoutMs: LONG_REQUEST,
      perHost: 1,
      concurrency: 6,
      targetsInFlight: 6,
    })) {
      results.push(r);
    }
    const ms = performance.now() - started;
    expect(results).toHaveLength(6);
    for (const r of results) {
      expect(r.durationMs).toBeLessThan(BUDGET + SLACK);
      expect(r.error?.code).toBe('TIMEOUT');
    }
    // All six ran at once, each within its own budget: the batch takes one budget, not six.
    expect(ms).toBeLessThan(BUDGET + SLACK);
  });

  it('a target waiting for a global slot held by another target’s stalled request', async () => {
    // One request in flight in total: the first target holds it on a server that never answers (its own
    // budget is long); the second target, started while the slot is held, must still end on its budget.
    const engine = new Engine({ concurrency: 1, perHost: 1, timeoutMs: LONG_REQUEST });
    try {
      const holder = scanTarget(
        `http://127.0.0.1:${ports.silent}/holder`,
        { targetTimeoutMs: 3 * BUDGET, timeoutMs: LONG_REQUEST },
        engine,
      );
      await new Promise((r) => setTimeout(r, 100));
      const { value, ms } = await timed(() =>
        scanTarget(
          `http://127.0.0.1:${ports.stallsProbes}/waiter`,
          { targetTimeoutMs: BUDGET, timeoutMs: LONG_REQUEST },
          engine,
        ),
      );
      expect(ms).toBeLessThan(BUDGET + SLACK);
      expect(value.durationMs).toBeLessThan(BUDGET + SLACK);
      expect(value.error?.code).toBe('TIMEOUT');
      expect((await holder).error?.code).toBe('TIMEOUT');
    } finally {
      await engine.close();
    }
  });

  it('a rate limit that leaves no room in the budget', async () => {
    // One request per 10 s per host: the second request of the scan would start after the budget.
    const { value, ms } = await timed(() =>
      scanTarget(`http://127.0.0.1:${ports.quick}/`, {
        targetTimeoutMs: BUDGET,
        timeoutMs: LONG_REQUEST,
        ratePerHost: 0.1,
      }),
    );
    expect(ms).toBeLessThan(BUDGET + SLACK);
    expect(value.error?.code).toBe('TIMEOUT');
  });
});
