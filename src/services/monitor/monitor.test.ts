import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyWebhook } from '../../capabilities/alerts/index.js';
import { slackErrors, teamsErrors } from '../../capabilities/alerts/test-support/chat-schemas.js';
import { type Receiver, startReceiver } from '../../capabilities/alerts/test-support/receiver.js';
import { type SmtpSink, startSmtp } from '../../capabilities/alerts/test-support/smtp.js';
import { webhookErrors } from '../../capabilities/alerts/test-support/webhook-schema.js';
import { parseMonitorConfig } from '../../capabilities/monitor/index.js';
import { openStore, type ScanStore } from '../../capabilities/store/index.js';
import { runMonitorOnce } from './index.js';

// A loopback API whose CORS configuration the test changes between runs.
let mode: 'safe' | 'reflect' = 'safe';
let server: Server;
let url: string;
let store: ScanStore;
let hook: Receiver;
let slack: Receiver;
let teams: Receiver;
let broken: Receiver;
let smtp: SmtpSink;
const SECRET = 'a-webhook-secret-of-32-characters';

beforeAll(async () => {
  server = createServer((req, res) => {
    if (mode === 'reflect' && req.headers.origin) {
      res.setHeader('Access-Control-Allow-Origin', req.headers.origin);
      res.setHeader('Access-Control-Allow-Credentials', 'true');
    }
    res
      .writeHead(req.method === 'OPTIONS' ? 204 : 200, { 'content-type': 'application/json' })
      .end(req.method === 'OPTIONS' ? undefined : '{"me":1}');
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/me`;
  store = await openStore();
  [hook, slack, teams, broken] = await Promise.all([
    startReceiver(),
    startReceiver(),
    startReceiver(),
    startReceiver(() => ({ status: 500 })),
  ]);
  smtp = await startSmtp();
});
afterAll(async () => {
  server.close();
  await store.close();
  await Promise.all([hook, slack, teams, broken].map((r) => r?.close()));
  await smtp?.close();
});

// Every sink kind, on loopback: a signed webhook, Slack, Teams, e-mail, and a webhook that always fails.
const config = () => {
  const text = [
    'version: 1',
    'alerts:',
    `  hook: { type: webhook, url: "${hook.url}/corsguard", secret: "${SECRET}" }`,
    `  chat: { type: slack, url: "${slack.url}/services/T000/B000/XXX" }`,
    `  teams: { type: teams, url: "${teams.url}/workflows/abc" }`,
    `  mail: { type: email, host: 127.0.0.1, port: ${smtp.port}, tls: { rejectUnauthorized: false }, from: corsguard@example.com, to: [security@example.com] }`,
    `  broken: { type: webhook, url: "${broken.url}/x", secret: "${SECRET}", retry: { attempts: 2, baseDelayMs: 10 } }`,
    'groups:',
    '  - name: prod',
    `    urls: ["${url}"]`,
    '    alerts: [hook, chat, teams, mail, broken]',
  ].join('\n');
  const r = parseMonitorConfig(text, 'corsguard.monitor.yaml');
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.config;
};
const run = async () =>
  (await runMonitorOnce(config(), { store, scan: { timeoutMs: 2000, targetTimeoutMs: 20_000 } }))[0];
const kinds = (rx: Receiver) => rx.requests.map((q) => (JSON.parse(q.body) as { event?: string }).event);

describe('corsguard monitor: alerts only on change', () => {
  it('first run is the baseline; an introduced reflected origin is one alert per sink; no change, no alert; fixed, one alert; down, one alert', async () => {
    expect((await run())?.changes).toEqual([]);
    mode = 'reflect';
    const r2 = await run();
    expect(r2?.changes.map((c) => [c.kind, c.added.map((f) => f.id).includes('origin-reflected')])).toEqual([
      ['new-findings', true],
    ]);
    expect(
      r2?.deliveries.map((d) => [d.sink, d.ok]),
      JSON.stringify(r2?.deliveries),
    ).toEqual([
      ['hook', true],
      ['chat', true],
      ['teams', true],
      ['mail', true],
      ['broken', false],
    ]);
    // The webhook is signed (HMAC over timestamp.body) and follows schema/alert-webhook.schema.json.
    const [signed] = hook.requests;
    const header = (name: string) => String(signed?.headers[name]);
    expect(
      verifyWebhook({
        secret: SECRET,
        body: signed?.body ?? '',
        timestamp: header('x-corsguard-timestamp'),
        signature: header('x-corsguard-signature'),
      }),
    ).toBe(true);
    expect(webhookErrors(JSON.parse(signed?.body ?? '{}'))).toEqual([]);
    expect(signed?.body).toContain('origin-reflected');
    expect(slackErrors(JSON.parse(slack.requests[0]?.body ?? '{}'))).toEqual([]);
    expect(teamsErrors(JSON.parse(teams.requests[0]?.body ?? '{}'))).toEqual([]);
    expect(smtp.mails[0]?.raw).toContain('origin-reflected');
    expect(broken.requests.length).toBe(2);
    expect((await run())?.changes).toEqual([]);
    mode = 'safe';
    const r4 = await run();
    expect(r4?.changes.map((c) => c.kind)).toEqual(['fixed']);
    expect(r4?.changes[0]?.removed.map((f) => f.id)).toContain('origin-reflected');
    server.close();
    const r5 = await run();
    expect(r5?.changes.map((c) => c.kind)).toEqual(['unreachable']);
    expect(r5?.unreachable).toBe(1);
    expect((await run())?.changes).toEqual([]);
    // One alert per change per sink: new, fixed, unreachable — nothing for the runs without change.
    expect(hook.requests.length).toBe(3);
    expect(slack.requests.length).toBe(3);
    expect(teams.requests.length).toBe(3);
    expect(smtp.mails.length).toBe(3);
    expect(kinds(hook).length).toBe(3);
  }, 60_000);

  it('keeps the history: every run, every change, every delivery (the failed ones too)', async () => {
    const timeline = await store.monitor.timeline(url);
    expect(timeline.length).toBe(6);
    const changes = await store.monitor.changes();
    expect(changes.map((c) => c.kind)).toEqual(['unreachable', 'fixed', 'new-findings']);
    const alerts = await store.monitor.alerts();
    expect(alerts.length).toBe(15);
    expect(alerts.filter((a) => !a.ok).map((a) => [a.sink, a.attempts])).toEqual([
      ['broken', 2],
      ['broken', 2],
      ['broken', 2],
    ]);
    expect(JSON.stringify(alerts)).not.toContain(SECRET);
    const [latest] = await store.monitor.targets();
    expect(latest?.snapshot).toMatchObject({ target: url, error: { code: expect.any(String) } });
  });
});
