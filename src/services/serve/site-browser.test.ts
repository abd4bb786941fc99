// The web app given a bare site: the form discovers the site's endpoints, scans each, and shows them on
// one page, in Chromium. Screenshots are written to corsguard-serve-shots/ in the temp directory.
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ShopSite, startShopSite } from '../../capabilities/discovery/test-support/shop-site.js';
import { CHROMIUM, CHROMIUM_ARGS, missingTool } from '../../test-support/tools.js';
import { testServer } from './test-support/server.js';

const missing = missingTool('chromium', CHROMIUM);
const SHOTS = join(tmpdir(), 'corsguard-serve-shots');

describe.skipIf(missing !== null)('serve: a bare site entered in the form, in Chromium', () => {
  let browser: Browser;
  let site: ShopSite;
  let server: Awaited<ReturnType<typeof testServer>>;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    site = await startShopSite();
    server = await testServer({
      // auth.shop.test resolves to an internal address: found, refused by the SSRF gate, listed as such.
      lookup: async (host) => [{ address: host === 'auth.shop.test' ? '10.0.0.7' : '127.0.0.1' }],
      allowCidrs: ['127.0.0.1/32'],
      targetPorts: Object.values(site.hosts).map((h) => h.port),
      scansPerClient: 100,
    });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS], timeout: 30_000 });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await site?.close();
  });

  it('lists every same-site endpoint with where it was found and its grade, and what the gate refused', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    await page.goto(server.url);
    await page.getByLabel('URL of an API endpoint').fill(`${site.hosts.www.origin}/`);
    await page.getByTestId('scan-form').getByRole('button', { name: 'Scan' }).click();
    await page.waitForURL(/\/sites\/[0-9a-f-]{36}$/);
    // The page reloads itself until every scan has ended.
    await page.locator('[data-testid=site-summary][data-pending="0"]').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('site-summary').textContent()).toMatch(
      /6 endpoint\(s\) found on shop\.test: 5 scanned, 1 not scanned/,
    );

    const auth = `${site.hosts.auth.origin}/me`;
    const rows = page.getByTestId('site-endpoint');
    const urls = await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-url')));
    expect(urls.sort()).toEqual(site.expected.filter((u) => u !== auth).sort());
    const products = rows.filter({ has: page.locator(`a:text-is("${site.hosts.api.origin}/v1/products")`) });
    expect(await products.getByTestId('endpoint-grade').textContent()).toBe('F');
    expect(await products.textContent()).toContain(`script ${site.hosts.www.origin}/static/app.js line 5`);
    expect(await page.getByTestId('site-worst').textContent()).toBe('F');
    expect(await page.getByTestId('site-skipped').textContent()).toContain(auth);
    expect(await page.getByTestId('site-skipped').textContent()).toContain('10.0.0.7');

    for (const [name, size] of [
      ['phone', { width: 390, height: 844 }],
      ['desktop', { width: 1280, height: 800 }],
    ] as const) {
      await page.setViewportSize(size);
      await page.screenshot({ path: join(SHOTS, `site-${name}.png`), fullPage: true });
      const overflow = await page.evaluate<number>(
        'document.documentElement.scrollWidth - window.innerWidth',
      );
      expect(overflow, `the site page at ${size.width} px is wider than the window`).toBeLessThanOrEqual(0);
    }

    // Each endpoint links to its own scan's page.
    const sitePath = new URL(page.url()).pathname;
    await products.getByRole('link').click();
    await page.waitForURL(/\/scans\/[0-9a-f-]{36}$/);
    await page.getByTestId('grade-card').waitFor();
    await context.close();

    // axe is injected into the page: the pages' CSP would refuse it, so this context bypasses CSP.
    const axeContext = await browser.newContext({ bypassCSP: true });
    const axePage = await axeContext.newPage();
    await axePage.goto(`${server.url}${sitePath}`);
    const { violations, passes } = await new AxeBuilder({ page: axePage }).analyze();
    expect(passes.length).toBeGreaterThan(10);
    const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    await axeContext.close();
  }, 120_000);
});
