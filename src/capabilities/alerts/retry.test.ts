import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AlertSink,
  backoffDelay,
  createSink,
  DEFAULT_RETRY,
  deliver,
  parseRetryAfter,
} from './index.js';
import { withRetries } from './retry.js';
import { NEW_FINDING } from './test-support/fixtures.js';
import { type Receiver, startReceiver } from './test-support/receiver.js';

const FAST = { baseDelayMs: 1, maxDelayMs: 50 };

describe('retries with backoff', () => {
  let rx: Receiver;
  const sinks: AlertSink[] = [];
  beforeAll(async () => {
    rx = await startReceiver();
  });
  afterAll(async () => {
    await Promise.all(sinks.map((s) => s.close()));
    await rx.close();
  });
  const slack = (retry: object = FAST) => {
    const sink = createSink({ type: 'slack', url: `${rx.url}/services/T0/B0/xyz`, retry });
    sinks.push(sink);
    return sink;
  };
  const count = async (fn: () => Promise<unknown>): Promise<number> => {
    const before = rx.requests.length;
    await fn();
    return rx.requests.length - before;
  };

  it('a receiver that fails twice then succeeds: one ok record with 3 attempts', async () => {
    rx.answer((n) => ({ status: n <= 2 ? 503 : 200 }));
    rx.requests.length = 0;
    const [result] = await deliver([slack()], NEW_FINDING);
    expect(result).toMatchObject({ ok: true, attempts: 3, status: 200, sink: 'slack:127.0.0.1' });
    expect(result?.error).toBeUndefined();
    expect(rx.requests).toHaveLength(3);
  });

  it('a receiver that always answers 500: a failed record with attempts = max, returned not thrown', async () => {
    rx.answer(() => ({ status: 500, body: 'boom' }));
    let result: Awaited<ReturnType<AlertSink['send']>> | undefined;
    const n = await count(async () => {
      [result] = await deliver([slack({ ...FAST, attempts: 4 })], NEW_FINDING);
    });
    expect(n).toBe(4);
    expect(result).toMatchObject({
      ok: false,
      attempts: 4,
      status: 500,
      error: { code: 'ALERT_HTTP_STATUS' },
    });
    expect(result?.error?.message).toContain('500');
    expect(Date.parse(result?.at ?? '')).not.toBeNaN();
  });

  it('a 400 is not retried', async () => {
    rx.answer(() => ({ status: 400, body: 'invalid_payload' }));
    let result: Awaited<ReturnType<AlertSink['send']>> | undefined;
    expect(await count(async () => ([result] = await deliver([slack()], NEW_FINDING)))).toBe(1);
    expect(result).toMatchObject({
      ok: false,
      attempts: 1,
      status: 400,
      error: { code: 'ALERT_HTTP_STATUS' },
    });
    expect(result?.error?.message).toContain('invalid_payload');
  });

  it('a 429 with Retry-After is retried after the wait it asks for', async () => {
    rx.answer((n) => (n === 1 ? { status: 429, headers: { 'retry-after': '1' } } : { status: 200 }));
    rx.requests.length = 0;
    const started = Date.now();
    const result = await slack({ baseDelayMs: 1, maxDelayMs: 2000 }).send(NEW_FINDING);
    expect(result).toMatchObject({ ok: true, attempts: 2 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });

  it('a Teams connector that answers 200 with "HTTP error 429" in the body is retried as a 429', async () => {
    rx.answer((n) =>
      n === 1
        ? { status: 200, body: 'Microsoft Teams endpoint returned HTTP error 429 with ContextId …' }
        : { status: 200, body: '1' },
    );
    rx.requests.length = 0;
    const result = await slack().send(NEW_FINDING);
    expect(result).toMatchObject({ ok: true, attempts: 2, status: 200 });
  });

  it('a Retry-After over the bound ends the delivery with a failed record', async () => {
    rx.answer(() => ({ status: 503, headers: { 'retry-after': '3600' } }));
    const result = await slack().send(NEW_FINDING);
    expect(result).toMatchObject({
      ok: false,
      attempts: 1,
      status: 503,
      error: { code: 'ALERT_RETRY_AFTER_TOO_LONG' },
    });
  });

  it('a redirect is not followed and not retried', async () => {
    rx.answer(() => ({ status: 302, headers: { location: `${rx.url}/elsewhere` } }));
    rx.requests.length = 0;
    const result = await slack().send(NEW_FINDING);
    expect(result).toMatchObject({
      ok: false,
      attempts: 1,
      status: 302,
      error: { code: 'ALERT_REDIRECT_REFUSED' },
    });
    expect(rx.requests.map((r) => r.url)).toEqual(['/services/T0/B0/xyz']);
  });

  it('a refused connection is retried, then recorded as NETWORK_ERROR', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise((resolve) => server.close(resolve));
    const sink = createSink({ type: 'teams', url: `http://127.0.0.1:${port}/x`, retry: FAST });
    sinks.push(sink);
    const result = await sink.send(NEW_FINDING);
    expect(result).toMatchObject({ ok: false, attempts: 3, error: { code: 'NETWORK_ERROR' } });
    expect(result.status).toBeUndefined();
  });

  it('a receiver that never answers times out within the attempt bound', async () => {
    const hanging: Server = createServer(() => {});
    await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve));
    const { port } = hanging.address() as AddressInfo;
    const sink = createSink({
      type: 'slack',
      url: `http://127.0.0.1:${port}/x`,
      retry: { ...FAST, attempts: 2, attemptTimeoutMs: 150 },
    });
    const started = Date.now();
    const result = await sink.send(NEW_FINDING);
    await sink.close();
    hanging.closeAllConnections();
    await new Promise((resolve) => hanging.close(resolve));
    expect(result).toMatchObject({ ok: false, attempts: 2, error: { code: 'TIMEOUT' } });
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('the total bound stops retrying when the next wait would pass it', async () => {
    rx.answer(() => ({ status: 503 }));
    const result = await slack({
      attempts: 10,
      baseDelayMs: 200,
      maxDelayMs: 1000,
      totalTimeoutMs: 300,
    }).send(NEW_FINDING);
    expect(result.ok).toBe(false);
    expect(result.attempts).toBeLessThan(10);
    expect(result.error?.message).toContain('no time left');
  });

  it('a sink that throws (a bug) still gives a failed record from deliver', async () => {
    const broken: AlertSink = {
      name: 'broken',
      type: 'webhook',
      send: () => Promise.reject(new Error('bug')),
      close: async () => {},
    };
    const results = await deliver([broken], NEW_FINDING);
    expect(results).toEqual([
      expect.objectContaining({
        sink: 'broken',
        ok: false,
        attempts: 0,
        error: expect.objectContaining({ code: 'ALERT_INTERNAL' }),
      }),
    ]);
  });

  it('deliver skips sinks whose events do not include the kind, and sends to the others', async () => {
    rx.answer(() => ({ status: 200 }));
    const only = createSink({
      type: 'slack',
      url: rx.url,
      events: ['unreachable'],
      name: 'only-unreachable',
    });
    sinks.push(only);
    const results = await deliver([only, slack()], NEW_FINDING);
    expect(results.map((r) => r.sink)).toEqual(['slack:127.0.0.1']);
  });
});

describe('backoff and Retry-After', () => {
  it('doubles per attempt with equal jitter, capped at maxDelayMs', () => {
    expect(backoffDelay(1, DEFAULT_RETRY, () => 0)).toBe(250);
    expect(backoffDelay(1, DEFAULT_RETRY, () => 1)).toBe(500);
    expect(backoffDelay(2, DEFAULT_RETRY, () => 1)).toBe(1000);
    expect(backoffDelay(3, DEFAULT_RETRY, () => 0.5)).toBe(1500);
    expect(backoffDelay(20, DEFAULT_RETRY, () => 1)).toBe(DEFAULT_RETRY.maxDelayMs);
  });

  it('reads Retry-After as seconds or an HTTP date', () => {
    expect(parseRetryAfter('2')).toBe(2000);
    expect(
      parseRetryAfter('Wed, 21 Oct 2015 07:28:00 GMT', Date.parse('Wed, 21 Oct 2015 07:27:00 GMT')),
    ).toBe(60_000);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter(undefined)).toBeUndefined();
  });

  it('waits the backoff between attempts (fake sleep), never more than attempts allow', async () => {
    const waits: number[] = [];
    const out = await withRetries(
      { ...DEFAULT_RETRY, attempts: 3 },
      async () => ({ ok: false, retryable: true, code: 'NETWORK_ERROR', message: 'down' }),
      { sleep: async (ms) => void waits.push(ms), random: () => 1 },
    );
    expect(out.attempts).toBe(3);
    expect(waits).toEqual([500, 1000]);
  });
});
