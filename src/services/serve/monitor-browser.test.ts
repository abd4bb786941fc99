import { once } from 'node:events';
import { mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseMonitorConfig } from '../../capabilities/monitor/index.js';
import { CHROMIUM, CHROMIUM_ARGS, missingTool } from '../../test-support/tools.js';
import { runMonitorOnce } from '../monitor/index.js';
import { type RunningServer, startServer } from './index.js';

const missing = missingTool('chromium', CHROMIUM);
const SHOTS = join(tmpdir(), 'corsguard-serve-shots');

describe.skipIf(missing !== null)('the monitoring view in Chromium', () => {
  let browser: Browser;
  let server: RunningServer;
  let api: Server;
  let mode: 'safe' | 'reflect' = 'safe';
  let target: string;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    api = createServer((req, res) => {
      if (mode === 'reflect' && req.headers.origin) {
        res.setHeader('Access-Control-Allow-Origin', req.headers.origin);
        res.setHeader('Access-Control-Allow-Credentials', 'true');
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
    api.listen(0, '127.0.0.1');
    await once(api, 'listening');
    // A query with markup: the view must show it as text.
    target = `http://127.0.0.1:${(api.address() as AddressInfo).port}/v1/me?q=<img src=x onerror=alert(1)>`;
    server = await startServer({ port: 0, dataDir: null });
    const parsed = parseMonitorConfig(
      `version: 1\nalerts:\n  ops: { type: webhook, url: "https://hooks.example.com/x", secret: "a-webhook-secret-of-32-characters" }\ngroups:\n  - name: prod\n    urls: ["${target}"]\n    alerts: [ops]\n`,
      'corsguard.monitor.yaml',
    );
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    let n = 0;
    const deliver = async (_e: unknown, sink: string) =>
      ++n === 1
        ? { sink, ok: true, attempts: 1, status: 200 }
        : { sink, ok: false, attempts: 3, error: 'HTTP 503 from the webhook' };
    const once_ = () =>
      runMonitorOnce(parsed.config, { store: server.store, deliver, scan: { timeoutMs: 2000 } });
    await once_();
    mode = 'reflect';
    await once_();
    mode = 'safe';
    await once_();
    browser = await chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS], timeout: 30_000 });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    api?.close();
  });

  it(`shows targets, the changes as diffs, the alert log and a timeline (screenshots in ${SHOTS})`, async () => {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(`${server.url}/monitor`);
    await expect.poll(() => page.getByTestId('watched-target').count()).toBe(1);
    expect(await page.getByTestId('watched-target').textContent()).toContain('<img src=x onerror=alert(1)>');
    const kinds = await page
      .getByTestId('change')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-kind')));
    expect(kinds).toEqual(['fixed', 'new-findings']);
    expect(await page.getByTestId('diff').first().textContent()).toContain('origin-reflected');
    const alerts = await page.getByTestId('alert-row').allInnerTexts();
    expect(alerts.length).toBe(2);
    expect(alerts[0]).toContain('failed');
    expect(alerts[0]).toContain('HTTP 503 from the webhook');
    expect(alerts[1]).toContain('sent');
    await page.screenshot({ path: join(SHOTS, 'monitor-desktop.png'), fullPage: true });
    await page.getByTestId('watched-target').getByRole('link').click();
    const timeline = page.getByTestId('monitor-timeline');
    await timeline.waitFor();
    expect(await timeline.getAttribute('aria-label')).toMatch(
      /^Grade over the last 3 runs: [A-F+]+, F, [A-F+]+$/,
    );
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: join(SHOTS, 'monitor-target-phone.png'), fullPage: true });
    expect(
      await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth'),
    ).toBeLessThanOrEqual(0);
    const axe = await new AxeBuilder({ page }).analyze();
    expect(
      axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id),
    ).toEqual([]);
    expect(dialogs).toEqual([]);
  }, 30_000);
});
