import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseMonitorConfig } from '../../capabilities/monitor/index.js';
import { openStore, type ScanStore } from '../../capabilities/store/index.js';
import { type DeliveryRecord, type MonitorEvent, runMonitorOnce } from './index.js';

// A loopback API whose CORS configuration the test changes between runs.
let mode: 'safe' | 'reflect' = 'safe';
let server: Server;
let url: string;
let store: ScanStore;
const sent: { event: MonitorEvent; sink: string }[] = [];
const deliver = async (event: MonitorEvent, sink: string): Promise<DeliveryRecord> => {
  sent.push({ event, sink });
  return sink === 'broken'
    ? { sink, ok: false, attempts: 3, error: 'HTTP 500' }
    : { sink, ok: true, attempts: 1, status: 200 };
};

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
});
afterAll(async () => {
  server.close();
  await store.close();
});

const config = () => {
  const text = `version: 1\nalerts:\n  ops: { type: webhook, url: "https://hooks.example.com/x" }\n  broken: { type: webhook, url: "https://hooks.example.com/y" }\ngroups:\n  - name: prod\n    urls: [${url}]\n    alerts: [ops, broken]\n`;
  const r = parseMonitorConfig(text, 'corsguard.monitor.yaml');
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.config;
};
const run = async () =>
  (await runMonitorOnce(config(), { store, deliver, scan: { timeoutMs: 2000, targetTimeoutMs: 20_000 } }))[0];

describe('corsguard monitor: alerts only on change', () => {
  it('first run is the baseline; an introduced reflected origin is one alert per sink; no change, no alert; fixed, one alert; down, one alert', async () => {
    expect((await run())?.changes).toEqual([]);
    mode = 'reflect';
    const r2 = await run();
    expect(r2?.changes.map((c) => [c.kind, c.added.map((f) => f.id).includes('origin-reflected')])).toEqual([
      ['new-findings', true],
    ]);
    expect(sent.map((s) => s.sink)).toEqual(['ops', 'broken']);
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
    expect(sent.length).toBe(6);
  }, 60_000);

  it('keeps the history: every run, every change, every delivery (the failed ones too)', async () => {
    const timeline = await store.monitor.timeline(url);
    expect(timeline.length).toBe(6);
    const changes = await store.monitor.changes();
    expect(changes.map((c) => c.kind)).toEqual(['unreachable', 'fixed', 'new-findings']);
    const alerts = await store.monitor.alerts();
    expect(alerts.length).toBe(6);
    expect(alerts.filter((a) => !a.ok).map((a) => [a.sink, a.attempts])).toEqual([
      ['broken', 3],
      ['broken', 3],
      ['broken', 3],
    ]);
    const [latest] = await store.monitor.targets();
    expect(latest?.snapshot).toMatchObject({ target: url, error: { code: expect.any(String) } });
  });
});
