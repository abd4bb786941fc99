import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseMonitorConfig } from '../../capabilities/monitor/index.js';
import { openStore, type ScanStore } from '../../capabilities/store/index.js';
import { type MonitorEvent, runMonitorOnce } from './index.js';

const APP = 'https://app.example.com';
let grant = true;
let server: Server;
let store: ScanStore;
let dir: string;
let url: string;

beforeAll(async () => {
  // Grants the policy's one origin (with Vary) — until the test turns that off: no finding either way,
  // but the policy says the front end must be allowed.
  server = createServer((req, res) => {
    res.setHeader('Vary', 'Origin');
    if (grant && req.headers.origin === APP) {
      res.setHeader('Access-Control-Allow-Origin', APP);
      res.setHeader('Access-Control-Allow-Credentials', 'true');
      if (req.method === 'OPTIONS') res.setHeader('Access-Control-Allow-Methods', 'GET, POST');
    }
    res.writeHead(req.method === 'OPTIONS' ? 204 : 200).end();
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/me`;
  dir = await mkdtemp(join(tmpdir(), 'corsguard-drift-'));
  await writeFile(
    join(dir, 'cors.policy.yaml'),
    `version: 1\nenvironments:\n  production:\n    origins: [${APP}]\n    credentials: true\n    methods: [GET, POST]\n`,
  );
  store = await openStore();
});
afterAll(async () => {
  server.close();
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

describe('corsguard monitor with a policy file', () => {
  it('a deployment that stops granting the policy’s front end is one policy-drift change', async () => {
    const text = `version: 1\ngroups:\n  - name: prod\n    urls: ["${url}"]\n    policy: cors.policy.yaml\n    environment: production\n`;
    const parsed = parseMonitorConfig(text, join(dir, 'corsguard.monitor.yaml'));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    const run = async (): Promise<readonly MonitorEvent[]> =>
      (await runMonitorOnce(parsed.config, { store, scan: { timeoutMs: 2000 } }))[0]?.changes ?? [];
    expect(await run()).toEqual([]);
    expect(await run()).toEqual([]);
    grant = false;
    const [drift, ...rest] = await run();
    expect(rest).toEqual([]);
    expect(drift?.kind).toBe('policy-drift');
    expect(drift?.drift?.length).toBeGreaterThan(0);
    const [latest] = await store.monitor.targets();
    expect((latest?.snapshot as { drift?: string[] } | undefined)?.drift).toEqual(drift?.drift);
  }, 60_000);
});
