import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Postgres, requirePostgresBin, startPostgres } from '../store/test-support/postgres.js';
import { HostSlots, openQueue, type ScanQueue } from './index.js';

const bin = requirePostgresBin();

describe.skipIf(bin === null)('the scan queue on a real PostgreSQL', () => {
  let db: Postgres;
  let queue: ScanQueue;
  const clients: pg.Client[] = [];
  const connect = async () => {
    const c = new pg.Client({ connectionString: db.url });
    c.on('error', () => {});
    await c.connect();
    await c.query(`SET lock_timeout = '200ms'`);
    clients.push(c);
    return c;
  };

  beforeAll(async () => {
    db = await startPostgres(bin as string);
    queue = await openQueue(db.url, { jobTimeoutSeconds: 5 });
  }, 60_000);
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.end().catch(() => {})));
    await queue?.close();
    await db?.stop();
  });

  it('lets at most --per-host sessions scan a host at once, and frees the slot of a session that dies', async () => {
    const [a, b, c] = await Promise.all([connect(), connect(), connect()]);
    const slots = [a, b, c].map((client) => new HostSlots(client as pg.Client, 2));
    const [sa, sb, sc] = slots as [HostSlots, HostSlots, HostSlots];
    expect(await sa.acquire('api.example.com')).toBeDefined();
    expect(await sb.acquire('api.example.com')).toBeDefined();
    expect(await sc.tryAcquire('api.example.com')).toBeUndefined(); // both slots taken
    expect(await sc.tryAcquire('other.example.com')).toBeDefined(); // another host is not limited by them
    // A dies (kill -9 of its worker): PostgreSQL ends its session, and its lock with it.
    const waiting = sc.acquire('api.example.com');
    const { rows } = await (b as pg.Client).query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    const control = await connect();
    const pidA = (await (a as pg.Client).query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]
      ?.pid;
    expect(rows[0]?.pid).not.toBe(pidA);
    await control.query('SELECT pg_terminate_backend($1)', [pidA]);
    const got = await waiting;
    expect(got?.host).toBe('api.example.com');
    expect(sc.held).toEqual(got);
  });

  it('streams each stored result exactly once, even when transactions commit out of order', async () => {
    const batch = await queue.createBatch({ timeoutMs: 1000 });
    expect(await queue.enqueue(batch, ['http://a.test/1', 'http://a.test/2', 'http://a.test/1'])).toBe(2); // duplicates dropped
    const jobs = await queue.take(10);
    expect(jobs.map((j) => j.url).sort()).toEqual(['http://a.test/1', 'http://a.test/2']);
    const [first, second] = jobs as [(typeof jobs)[0], (typeof jobs)[0]];
    // A slow transaction stores the first URL's result but has not committed yet…
    const slow = await connect();
    await slow.query('BEGIN');
    await slow.query(
      `INSERT INTO corsguard_batch_results (batch_id, url, result, worker) VALUES ($1, $2, '{"url":"x"}', 'slow')`,
      [batch, first.url],
    );
    // …while a worker commits the second one.
    const session = await queue.session(2, 1);
    const stored = await session.finish([{ ...second, result: { url: second.url, findings: [] } }], 'w1');
    expect(stored).toEqual(new Set([second.id]));
    let cursor = queue.resultsCursor();
    const page1 = await queue.results(batch, cursor);
    expect(page1.results).toEqual([]); // held back until the older transaction ends: nothing is skipped
    cursor = page1.cursor;
    await slow.query('COMMIT');
    const page2 = await queue.results(batch, cursor);
    expect(page2.results.map((r) => r.url).sort()).toEqual([first.url, second.url].sort());
    expect((await queue.results(batch, page2.cursor)).results).toEqual([]); // and nothing twice
    // A second delivery of a finished job stores nothing.
    expect(await session.finish([{ ...second, result: { url: second.url, again: true } }], 'w2')).toEqual(
      new Set(),
    );
    expect(await queue.resultCount(batch)).toBe(2);
    await session.close();
  });
});
