import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type Receiver, startReceiver } from '../../capabilities/alerts/test-support/receiver.js';
import { parseMonitorConfig } from '../../capabilities/monitor/index.js';
import { openStore, type ScanStore } from '../../capabilities/store/index.js';
import { requirePostgresBin } from '../../capabilities/store/test-support/postgres.js';
import { type QueueWorker, startQueueWorker } from '../worker/test-support/queue-worker.js';
import { queueScanner, runMonitorOnce } from './index.js';

// `corsguard monitor --queue`: the group's scans are done by a `corsguard worker` on a real PostgreSQL,
// and the monitor still alerts only on change.
const bin = requirePostgresBin();

describe.skipIf(bin === null)('corsguard monitor --queue', () => {
  let w: QueueWorker;
  let store: ScanStore;
  let api: Server;
  let hook: Receiver;
  let mode: 'safe' | 'reflect' = 'safe';

  beforeAll(async () => {
    w = await startQueueWorker(bin as string);
    api = createServer((req, res) => {
      if (mode === 'reflect' && req.headers.origin) {
        res.setHeader('access-control-allow-origin', req.headers.origin);
        res.setHeader('access-control-allow-credentials', 'true');
      }
      res.end('{}');
    });
    api.listen(0, '127.0.0.1');
    await once(api, 'listening');
    hook = await startReceiver();
    store = await openStore();
  }, 60_000);
  afterAll(async () => {
    await w?.close();
    await store?.close();
    await hook?.close();
    api?.close();
  });

  const url = () => `http://127.0.0.1:${(api.address() as AddressInfo).port}/v1/me`;
  const run = async () => {
    const text = [
      'version: 1',
      'alerts:',
      `  hook: { type: webhook, url: "${hook.url}/corsguard", secret: "a-webhook-secret-of-32-characters" }`,
      'groups:',
      '  - name: prod',
      `    urls: ["${url()}", "${url()}?page=2"]`,
      '    alerts: [hook]',
    ].join('\n');
    const parsed = parseMonitorConfig(text, 'corsguard.monitor.yaml');
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    const [r] = await runMonitorOnce(parsed.config, { store, scanner: queueScanner(w.queue) });
    return r;
  };

  it('scans every target through the worker, and alerts once on the reflected origin introduced', async () => {
    const first = await run();
    expect(first?.targets).toBe(2);
    expect(first?.changes).toEqual([]);
    // The worker counts a job once its commit returned, which may be just after the monitor read it.
    await vi.waitFor(() => expect([...w.jobs].sort()).toEqual([url(), `${url()}?page=2`]), { timeout: 5000 });
    mode = 'reflect';
    const second = await run();
    expect(second?.changes.map((c) => [c.kind, c.added.some((f) => f.id === 'origin-reflected')])).toEqual([
      ['new-findings', true],
      ['new-findings', true],
    ]);
    expect(hook.requests).toHaveLength(2);
    await vi.waitFor(() => expect(w.jobs).toHaveLength(4), { timeout: 5000 });
    const third = await run();
    expect(third?.changes).toEqual([]);
    expect(hook.requests).toHaveLength(2); // no change, no alert
  });
});
