import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, CHROMIUM_ARGS, missingTool } from '../../test-support/tools.js';
import type { RunningServer } from './index.js';
import { type Client, type Target, target, testServer } from './test-support/server.js';

// A hostile target puts markup in every header it answers; in a real browser, none of it may run, on the
// live progress (written from the event stream) or on the finished page.
const missing = missingTool('chromium', CHROMIUM);
const XSS = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>"';

describe.skipIf(missing !== null)('hostile header values in Chromium', () => {
  let browser: Browser;
  let hostile: Target;
  let server: RunningServer & Client;

  beforeAll(async () => {
    hostile = await target('127.0.0.6', (req, res) => {
      setTimeout(() => {
        res.setHeader('server', XSS);
        res.setHeader('access-control-allow-origin', `${req.headers.origin ?? ''} ${XSS}`);
        res.setHeader('access-control-allow-credentials', 'true');
        res.end('ok');
      }, 60);
    });
    server = await testServer({
      allowCidrs: ['127.0.0.6/32'],
      targetPorts: [hostile.port],
      requestsInFlight: 1,
    });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS], timeout: 30_000 });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await hostile?.close();
  });

  it('the live probe log and the finished page show the markup as text, and nothing runs', async () => {
    const page = await browser.newPage();
    page.setDefaultTimeout(20_000);
    try {
      await page.goto(`${server.url}/`);
      await page.fill('#url', `${hostile.url}/me`);
      await page.click('button[type=submit]');
      await page.waitForURL(/\/scans\/[0-9a-f-]{36}$/);
      const log = page.getByTestId('probe-log').locator('li').first();
      await log.waitFor();
      expect(await log.textContent()).toContain('<script>window.__xss=2</script>');
      await page.getByTestId('grade-card').waitFor({ timeout: 30_000 });
      expect(await page.evaluate('window.__xss')).toBeUndefined();
      expect(await page.locator('main script, main img[src=x]').count()).toBe(0);
      const finding = page.getByTestId('finding').first();
      await finding.locator('summary').click();
      expect(await finding.locator('pre.evidence').first().textContent()).toContain(`server: ${XSS}`);
    } finally {
      await page.close();
    }
  }, 60_000);
});
