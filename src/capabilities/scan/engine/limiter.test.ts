import { afterEach, describe, expect, it, vi } from 'vitest';
import { KeyedPool, RateLimiter, Semaphore } from './limiter.js';

describe('Semaphore', () => {
  it('never lets more than its limit run at once, and serves waiters in order', async () => {
    const s = new Semaphore(2);
    let running = 0;
    let peak = 0;
    const order: number[] = [];
    await Promise.all(
      Array.from({ length: 10 }, async (_, i) => {
        const release = await s.acquire();
        running++;
        peak = Math.max(peak, running);
        order.push(i);
        await Promise.resolve();
        running--;
        release();
      }),
    );
    expect(peak).toBe(2);
    expect(order).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('ignores a double release (a slot is never handed out twice)', async () => {
    const s = new Semaphore(1);
    const release = await s.acquire();
    release();
    release();
    await s.acquire();
    let second = false;
    void s.acquire().then(() => {
      second = true;
    });
    await Promise.resolve();
    expect(second).toBe(false);
  });
});

describe('RateLimiter', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('spaces calls 1/rate seconds apart', async () => {
    vi.useFakeTimers();
    const r = new RateLimiter(10);
    const done: number[] = [];
    for (let i = 0; i < 3; i++) void r.take().then(() => done.push(i));
    await vi.advanceTimersByTimeAsync(0);
    expect(done).toEqual([0]);
    await vi.advanceTimersByTimeAsync(100);
    expect(done).toEqual([0, 1]);
    await vi.advanceTimersByTimeAsync(100);
    expect(done).toEqual([0, 1, 2]);
  });

  it('does not wait at all with a rate of 0 (no limit)', async () => {
    vi.useFakeTimers();
    const r = new RateLimiter(0);
    let done = 0;
    for (let i = 0; i < 100; i++) void r.take().then(() => done++);
    await vi.advanceTimersByTimeAsync(0);
    expect(done).toBe(100);
  });
});

describe('waits that end with the target budget', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('a waiter whose signal aborts leaves the queue and never takes a slot', async () => {
    const s = new Semaphore(1);
    const holder = await s.acquire();
    const budget = new AbortController();
    const gaveUp = s.acquire(budget.signal);
    const next = s.acquire();
    budget.abort(new Error('budget'));
    await expect(gaveUp).rejects.toThrow('budget');
    holder();
    const release = await next; // the slot went to the next waiter, not to the one that gave up
    release();
    const again = await s.acquire(); // and nothing leaked: the slot is free again
    again();
  });

  it('an already aborted signal is refused before queueing', async () => {
    const s = new Semaphore(1);
    const budget = AbortSignal.abort(new Error('spent'));
    await expect(s.acquire(budget)).rejects.toThrow('spent');
    (await s.acquire())();
  });

  it('a rate-limit wait ends when the signal aborts, and gives its turn back', async () => {
    vi.useFakeTimers();
    const r = new RateLimiter(1);
    await r.take();
    const budget = new AbortController();
    const waiting = r.take(budget.signal);
    budget.abort(new Error('budget'));
    await expect(waiting).rejects.toThrow('budget');
    let done = false;
    void r.take().then(() => {
      done = true;
    });
    await vi.advanceTimersByTimeAsync(1000);
    expect(done).toBe(true); // one interval after the first take, not two
  });
});

describe('KeyedPool', () => {
  it('creates one instance per key', () => {
    let created = 0;
    const pool = new KeyedPool(() => ({ n: created++, idle: false }));
    expect(pool.get('a')).toBe(pool.get('a'));
    expect(pool.get('b')).not.toBe(pool.get('a'));
    expect(created).toBe(2);
  });

  it('a scan of 20,000 hosts holds only the hosts in use: idle semaphores are dropped, busy ones kept', async () => {
    const pool = new KeyedPool(() => new Semaphore(1));
    const held = await pool.get('busy.example').acquire();
    const waiting = pool.get('busy.example').acquire();
    for (let i = 0; i < 20_000; i++) (await pool.get(`h${i}.example`).acquire())();
    expect(pool.size).toBeLessThanOrEqual(2 * KeyedPool.MIN_SWEEP);
    // The busy host's semaphore survived every sweep: its waiter is served by the holder's release.
    held();
    await waiting;
    expect(pool.get('busy.example').idle).toBe(false);
  });

  it('keeps a rate limiter whose next turn is booked (a new one would let a request through early)', async () => {
    const pool = new KeyedPool(() => new RateLimiter(0.001));
    await pool.get('slow.example').take();
    for (let i = 0; i < 2_000; i++) pool.get(`h${i}.example`);
    expect(pool.get('slow.example').idle).toBe(false);
  });
});
