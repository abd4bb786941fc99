import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TargetResult } from '../../capabilities/scan/index.js';
import { CHROMIUM, CHROMIUM_ARGS, missingTool } from '../../test-support/tools.js';
import { type RunningServer, startServer } from './index.js';

const missing = missingTool('chromium', CHROMIUM);
const SHOTS = join(tmpdir(), 'corsguard-serve-shots');

describe.skipIf(missing !== null)('corsguard serve: verify in a real browser', () => {
  let browser: Browser;
  let server: RunningServer;

  function labUrl(path: string, tag: string): string {
    const t = server.lab?.targets.find((x) => x.endpoint.path === path);
    if (!t) throw new Error(`the lab has no ${path}`);
    return `${t.url}?${tag}`;
  }

  async function post(body: unknown): Promise<Response> {
    return fetch(`${server.url}/api/scans`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  }

  /** The stored scan once it has ended (bounded wait). */
  async function ended(id: string): Promise<{ status: string; verify?: boolean; result?: TargetResult }> {
    for (const end = Date.now() + 20_000; Date.now() < end; ) {
      const scan = (await (await fetch(`${server.url}/api/scans/${id}`)).json()) as { status: string };
      if (scan.status === 'done' || scan.status === 'failed') return scan;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`scan ${id} did not end`);
  }

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    server = await startServer({
      port: 0,
      dataDir: null,
      lab: true,
      cooldownMs: 0,
      requestsPerSecond: 0,
      scansPerClient: 100,
      scansPerTargetHost: 100,
    });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS], timeout: 30_000 });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it(`the form's checkbox verifies the findings; the result page shows it (screenshots in ${SHOTS})`, async () => {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    page.setDefaultTimeout(20_000);
    await page.goto(server.url);
    await page.getByText('More options').click();
    await page.getByLabel('Verify in a real browser').check();
    await page.screenshot({ path: join(SHOTS, 'verify-form-desktop.png'), fullPage: true });
    await page.getByLabel('URL of an API endpoint').fill(labUrl('/reflect', 'verify-form'));
    await page.getByTestId('scan-form').getByRole('button', { name: 'Scan' }).click();
    await page.waitForURL(/\/scans\/[0-9a-f-]{36}$/);
    await page.getByTestId('grade-card').waitFor();
    const finding = page.locator('[data-testid=finding][data-id=origin-reflected]');
    const verified = finding.getByTestId('verified');
    await finding.getByText('Chromium said').click();
    expect(await verified.getAttribute('data-read')).toBe('true');
    expect(await verified.textContent()).toMatch(
      /^exploit confirmed Verified: read in Chromium \d+\.[\d.]+ \(fetch with cookies\)$/,
    );
    for (const [name, size] of [
      ['desktop', { width: 1280, height: 800 }],
      ['phone', { width: 390, height: 844 }],
    ] as const) {
      await page.setViewportSize(size);
      await page.screenshot({ path: join(SHOTS, `verify-result-${name}.png`), fullPage: true });
      await finding.screenshot({ path: join(SHOTS, `verify-finding-${name}.png`) });
      const overflow = await page.evaluate<number>(
        'document.documentElement.scrollWidth - window.innerWidth',
      );
      expect(overflow, `${name}: wider than the window`).toBeLessThanOrEqual(0);
    }
    // Scan again keeps the choice.
    expect(await page.getByTestId('scan-again').locator('input[name=verify]').getAttribute('value')).toBe(
      'on',
    );
    await page.context().close();
  }, 40_000);

  it('POST /api/scans with verify: true records read: false for * with credentials', async () => {
    const res = await post({ url: labUrl('/wildcard-credentials', 'verify-api'), verify: true });
    expect(res.status).toBe(202);
    const scan = await ended(((await res.json()) as { id: string }).id);
    expect(scan.verify).toBe(true);
    const finding = scan.result?.findings.find((f) => f.id === 'wildcard-with-credentials');
    expect(finding?.verified).toMatchObject({ browser: 'chromium', kind: 'fetch-credentialed', read: false });
  }, 30_000);

  it('refuses a verify that is not a boolean, and verify without Chromium (503 VERIFY_UNAVAILABLE)', async () => {
    const bad = await post({ url: labUrl('/reflect', 'verify-bad'), verify: 'yes' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toMatch(
      /verify must be true or false/,
    );
    const saved = process.env.CORSGUARD_CHROMIUM;
    process.env.CORSGUARD_CHROMIUM = '/nonexistent/chromium';
    try {
      const res = await post({ url: labUrl('/reflect', 'verify-none'), verify: true });
      expect(res.status).toBe(503);
      const { error } = (await res.json()) as { error: { code: string; message: string } };
      expect(error.code).toBe('VERIFY_UNAVAILABLE');
      expect(error.message).toMatch(/^--verify needs Chromium/);
    } finally {
      if (saved === undefined) delete process.env.CORSGUARD_CHROMIUM;
      else process.env.CORSGUARD_CHROMIUM = saved;
    }
  });
});
