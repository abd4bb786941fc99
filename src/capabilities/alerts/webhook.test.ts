import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSink, signWebhook, verifyWebhook, webhookPayload } from './index.js';
import { NEW_FINDING } from './test-support/fixtures.js';
import { type Receiver, startReceiver } from './test-support/receiver.js';
import { WEBHOOK_SCHEMA, webhookErrors } from './test-support/webhook-schema.js';

const SECRET = 'test-secret-0123456789abcdef';

describe('generic webhook', () => {
  let rx: Receiver;
  beforeAll(async () => {
    rx = await startReceiver();
  });
  afterAll(() => rx.close());

  it('POSTs JSON that a loopback receiver verifies with the HMAC-SHA256 signature', async () => {
    const sink = createSink({ type: 'webhook', url: `${rx.url}/hook`, secret: SECRET });
    const result = await sink.send(NEW_FINDING);
    await sink.close();
    expect(result).toMatchObject({
      ok: true,
      attempts: 1,
      status: 200,
      kind: 'new-findings',
      type: 'webhook',
    });
    const req = rx.requests.at(-1);
    expect(req?.method).toBe('POST');
    expect(req?.headers['content-type']).toBe('application/json');
    expect(req?.headers['x-corsguard-event']).toBe('new-findings');
    const ts = req?.headers['x-corsguard-timestamp'] as string;
    const sig = req?.headers['x-corsguard-signature'] as string;
    expect(sig).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(verifyWebhook({ secret: SECRET, body: req?.body ?? '', timestamp: ts, signature: sig })).toBe(
      true,
    );
    const body = JSON.parse(req?.body ?? '');
    expect(body.deliveryId).toBe(req?.headers['x-corsguard-delivery']);
    expect(body.added).toEqual(NEW_FINDING.added);
  });

  it('sends a body that follows schema/alert-webhook.schema.json', async () => {
    const sink = createSink({ type: 'webhook', url: rx.url, secret: SECRET });
    await sink.send({
      ...NEW_FINDING,
      drift: ['x'],
      error: { code: 'TIMEOUT', message: 'slow' },
      link: 'https://serve.example/m/1',
    });
    await sink.close();
    expect(webhookErrors(JSON.parse(rx.requests.at(-1)?.body ?? ''))).toEqual([]);
  });

  it("the schema's event enum lists every change kind", () => {
    expect(WEBHOOK_SCHEMA.$defs.event.enum).toEqual([
      'new-findings',
      'fixed',
      'changed',
      'grade-changed',
      'policy-drift',
      'unreachable',
      'recovered',
    ]);
    for (const kind of WEBHOOK_SCHEMA.$defs.event.enum) {
      expect(
        webhookErrors(webhookPayload({ ...NEW_FINDING, kind: kind as typeof NEW_FINDING.kind })),
        kind,
      ).toEqual([]);
    }
  });

  it('verification fails for a tampered body, a wrong secret, a stale timestamp or a missing header', () => {
    const body = '{"a":1}';
    const now = 1_800_000_000;
    const signature = signWebhook(SECRET, now, body);
    const ok = { secret: SECRET, body, timestamp: String(now), signature, now };
    expect(verifyWebhook(ok)).toBe(true);
    expect(verifyWebhook({ ...ok, body: Buffer.from(body) })).toBe(true);
    expect(verifyWebhook({ ...ok, body: '{"a":2}' })).toBe(false);
    expect(verifyWebhook({ ...ok, secret: `${SECRET}x` })).toBe(false);
    expect(verifyWebhook({ ...ok, now: now + 301 })).toBe(false);
    expect(verifyWebhook({ ...ok, timestamp: String(now + 1) })).toBe(false);
    expect(verifyWebhook({ ...ok, signature: undefined })).toBe(false);
    expect(verifyWebhook({ ...ok, signature: 'sha256=00' })).toBe(false);
  });

  it('keeps the delivery id and the body on every retry, re-signing each attempt', async () => {
    rx.answer((n) => ({ status: n % 2 === 1 ? 503 : 200 }));
    const before = rx.requests.length;
    const sink = createSink({ type: 'webhook', url: rx.url, secret: SECRET, retry: { baseDelayMs: 1 } });
    const result = await sink.send(NEW_FINDING);
    await sink.close();
    rx.answer(() => ({ status: 200 }));
    const reqs = rx.requests.slice(before);
    expect(result.attempts).toBe(reqs.length);
    expect(reqs.length).toBeGreaterThanOrEqual(2);
    expect(new Set(reqs.map((r) => r.headers['x-corsguard-delivery'])).size).toBe(1);
    expect(new Set(reqs.map((r) => r.body)).size).toBe(1);
    for (const r of reqs) {
      expect(
        verifyWebhook({
          secret: SECRET,
          body: r.body,
          timestamp: r.headers['x-corsguard-timestamp'] as string,
          signature: r.headers['x-corsguard-signature'] as string,
        }),
      ).toBe(true);
    }
  });

  it('sends the extra headers of the config, and corsguard sets its own', async () => {
    const sink = createSink({
      type: 'webhook',
      url: rx.url,
      secret: SECRET,
      headers: { Authorization: 'Bearer rx-token' },
    });
    await sink.send(NEW_FINDING);
    await sink.close();
    expect(rx.requests.at(-1)?.headers.authorization).toBe('Bearer rx-token');
  });
});
