import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Lookup } from '../../capabilities/ssrf/index.js';
import { requirePostgresBin } from '../../capabilities/store/test-support/postgres.js';
import { type QueueWorker, startQueueWorker } from '../worker/test-support/queue-worker.js';
import { type RunningServer, startServer } from './index.js';
import { type Client, client } from './test-support/server.js';

// `corsguard serve --queue`: a public target's scan goes to a `corsguard worker` on a real PostgreSQL and
// comes back as the same result; a scan with a cookie never does (the batch would store it).
const bin = requirePostgresBin();

describe.skipIf(bin === null)('corsguard serve --queue', () => {
  let w: QueueWorker;
  let api: Server;
  let seen: IncomingHttpHeaders[];
  let server: RunningServer & Client;
  // The API's name resolves to a private address that the operator let in (--allow-cidr).
  const HOST = 'api.queue.test';
  const lookup: Lookup = async (host) => (host === HOST ? [{ address: '127.0.0.5' }] : []);

  beforeAll(async () => {
    w = await startQueueWorker(bin as string, 3);
    seen = [];
    // A reflecting API on 127.0.0.5 (a private address, let in by the operator's --allow-cidr).
    api = createServer((req, res) => {
      seen.push(req.headers);
      if (req.headers.origin) {
        res.setHeader('access-control-allow-origin', req.headers.origin);
        res.setHeader('access-control-allow-credentials', 'true');
      }
      res.end('{}');
    });
    api.listen(0, '127.0.0.5');
    await once(api, 'listening');
    const port = (api.address() as AddressInfo).port;
    const running = await startServer(
      {
        port: 0,
        dataDir: null,
        cooldownMs: 0,
        requestsPerSecond: 0,
        version: 'test',
        allowCidrs: ['127.0.0.5/32'],
        targetPorts: [port],
        lookup,
      },
      { queue: w.db.url },
    );
    server = Object.assign(running, client(running.url));
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    api?.close();
    await w?.close();
  });

  const port = () => (api.address() as AddressInfo).port;
  const target = () => `http://${HOST}:${port()}/me`;

  it('sends an unauthenticated scan to a worker and stores its result, pinned to the checked address', async () => {
    const { json } = await server.post('/api/scans', { url: target() });
    const scan = await server.waitEnded(json.id, 30_000);
    expect(scan.status).toBe('done');
    expect(scan.result.findings.map((f: { id: string }) => f.id)).toContain('origin-reflected');
    expect(scan.result.grade.letter).toBe('F');
    // Scanned by the worker, not by the server (it counts a job once its commit returned).
    await vi.waitFor(() => expect(w.jobs).toEqual([target()]), { timeout: 5000 });
    expect(seen.every((h) => h.host === `${HOST}:${port()}`)).toBe(true); // at the pinned address
    // The batch holds the pin and the budgets, nothing secret.
    const c = new pg.Client({ connectionString: w.db.url });
    await c.connect();
    const { rows } = await c.query<{ options: Record<string, unknown> }>(
      'SELECT options FROM corsguard_batches',
    );
    await c.end();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.options.resolve).toEqual([`${HOST}:${port()}:127.0.0.5`]);
    expect(rows[0]?.options).not.toHaveProperty('cookie');
  });

  it('keeps a scan with a cookie in the server: nothing of it reaches the queue', async () => {
    seen.length = 0;
    const { json } = await server.post('/api/scans', { url: target(), cookie: 'session=SECRET-COOKIE-7' });
    const scan = await server.waitEnded(json.id, 30_000);
    expect(scan.status).toBe('done');
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((h) => h.cookie === 'session=SECRET-COOKIE-7')).toBe(true);
    expect(w.jobs).toHaveLength(1); // still only the first scan's job
    const c = new pg.Client({ connectionString: w.db.url });
    await c.connect();
    const dump = await c.query<{ t: string }>(
      `SELECT coalesce(string_agg(row_to_json(b)::text, ''), '') AS t FROM corsguard_batches b`,
    );
    const results = await c.query<{ t: string }>(
      `SELECT coalesce(string_agg(row_to_json(r)::text, ''), '') AS t FROM corsguard_batch_results r`,
    );
    await c.end();
    expect(dump.rows[0]?.t + (results.rows[0]?.t ?? '')).not.toContain('SECRET-COOKIE-7');
  });
});
