import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseMonitorConfig } from '../../capabilities/monitor/index.js';
import { type RunningServer, startServer } from './index.js';

describe('corsguard serve --monitor', () => {
  let api: Server;
  let server: RunningServer;
  let target: string;
  beforeAll(async () => {
    api = createServer((req, res) => {
      if (req.headers.origin) res.setHeader('Access-Control-Allow-Origin', req.headers.origin);
      res.writeHead(200).end('{}');
    });
    api.listen(0, '127.0.0.1');
    await once(api, 'listening');
    target = `http://127.0.0.1:${(api.address() as AddressInfo).port}/v1/me`;
    const parsed = parseMonitorConfig(
      `version: 1\ngroups:\n  - name: inside\n    urls: ["${target}"]\n    every: 1h\n`,
      'm.yaml',
    );
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    server = await startServer({ port: 0, dataDir: null }, { monitor: parsed.config });
  });
  afterAll(async () => {
    await server?.close();
    api?.close();
  });

  it('runs the monitor on the server’s own store: /monitor lists the target once its first run ends', async () => {
    let page = '';
    for (const end = Date.now() + 20_000; Date.now() < end; ) {
      page = await (await fetch(`${server.url}/monitor`)).text();
      if (page.includes('data-testid="watched-target"')) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(page).toContain(target);
    expect(page).toContain('<strong class="grade-letter">');
    const one = await fetch(`${server.url}/monitor/target?url=${encodeURIComponent(target)}`);
    expect(one.status).toBe(200);
    expect(await one.text()).toContain('data-testid="monitor-timeline"');
  }, 30_000);

  it('/monitor/target without a URL is a 400 that says what to give', async () => {
    const res = await fetch(`${server.url}/monitor/target`);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('/monitor/target?url=');
  });
});
