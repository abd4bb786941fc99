import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { type Browser, type BrowserContextOptions, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, CHROMIUM_ARGS, missingTool } from '../../test-support/tools.js';
import { type RunningServer, startServer } from './index.js';

const missing = missingTool('chromium', CHROMIUM);
const SHOTS = join(tmpdir(), 'corsguard-serve-shots');
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };
/** Long enough for a scan of /reflect (3 requests at 1 a second, ~2 s) and a few page refreshes. */
const SCAN_WAIT = 15_000;

/** In the page: the elements reaching past the right edge of the box (panel) they are in. */
const STICKING_OUT = `[...document.querySelectorAll('.panel-box, .target, .progress')].flatMap((box) => {
  const edge = box.getBoundingClientRect().right + 0.5;
  return [...box.querySelectorAll('*')]
    .filter((e) => e.getBoundingClientRect().right > edge)
    .map((e) => e.tagName.toLowerCase() + (e.className ? '.' + e.className : '') + ': ' + (e.textContent ?? '').slice(0, 40));
})`;

describe.skipIf(missing !== null)('corsguard serve in Chromium', () => {
  let browser: Browser;
  let server: RunningServer;

  /** A lab endpoint's URL; `tag` (a query) gives a test a URL, and so a history, of its own. */
  function labUrl(path: string, tag?: string): string {
    const t = server.lab?.targets.find((x) => x.endpoint.path === path);
    if (!t) throw new Error(`the lab has no ${path}`);
    return tag ? `${t.url}?${tag}` : t.url;
  }

  /** Starts a scan through the JSON API; returns its page's path. */
  async function startScan(url: string): Promise<string> {
    const res = await fetch(`${server.url}/api/scans`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ url }),
    });
    expect(res.status).toBe(202);
    return `/scans/${((await res.json()) as { id: string }).id}`;
  }

  /** Starts a scan and waits (bounded) until it has ended; returns its page's path. */
  async function scanned(url: string): Promise<string> {
    const path = await startScan(url);
    for (const end = Date.now() + SCAN_WAIT; ; ) {
      const res = await fetch(`${server.url}/api${path}`);
      const { status } = (await res.json()) as { status: string };
      if (status === 'done' || status === 'failed') return path;
      if (Date.now() > end) throw new Error(`the scan of ${url} is still ${status} after ${SCAN_WAIT} ms`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  let slow: Promise<string> | undefined;
  /** Opens the page of a scan that runs for a while (/safe: 77 requests at 1 a second) once it has a probe. */
  async function openRunning(page: Page): Promise<void> {
    slow ??= startScan(labUrl('/safe', 'running'));
    await page.goto(`${server.url}${await slow}`);
    await page.getByTestId('probe-log').locator('li').first().waitFor();
    expect(await page.getByTestId('grade-card').count()).toBe(0);
  }

  async function open(options: BrowserContextOptions = {}): Promise<Page> {
    const context = await browser.newContext({ viewport: DESKTOP, ...options });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    return page;
  }

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    server = await startServer({
      port: 0,
      dataDir: null,
      lab: true,
      cooldownMs: 0,
      // One request a second: a scan of /reflect lasts ~2 s, long enough to watch its progress.
      requestsPerSecond: 1,
      // The running page to look at is a scan of /safe (77 requests), cut after 15 s: the tests that look
      // at it run first, so it has ended before the server closes.
      scanTimeoutMs: 15_000,
      maxConcurrentScans: 4,
      scansPerClient: 100,
      scansPerTargetHost: 100,
    });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS], timeout: 30_000 });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it(`screenshots of the landing, a running and a finished scan page at phone and desktop widths (${SHOTS})`, async () => {
    // Two scans of one URL, one after the other: the finished page then has a history and its changes.
    const url = labUrl('/reflect', 'shots');
    const finished = scanned(url).then(() => scanned(url));
    const page = await open();
    const shoot = async (name: string) => {
      for (const [width, size] of [
        ['phone', PHONE],
        ['desktop', DESKTOP],
      ] as const) {
        await page.setViewportSize(size);
        await page.screenshot({ path: join(SHOTS, `${name}-${width}.png`), fullPage: true });
        // Nothing wider than the window: no sideways scrolling of the page.
        const overflow = await page.evaluate<number>(
          'document.documentElement.scrollWidth - window.innerWidth',
        );
        expect(overflow, `${name} at ${size.width} px is wider than the window`).toBeLessThanOrEqual(0);
        const out = await page.evaluate<string[]>(STICKING_OUT);
        expect(out, `${name} at ${size.width} px: content sticks out of its box`).toEqual([]);
      }
    };
    await page.goto(server.url);
    await shoot('landing');
    await openRunning(page);
    await shoot('running');
    await page.goto(`${server.url}${await finished}`);
    expect(await page.getByTestId('history-row').count()).toBe(2);
    await shoot('finished');
    await page.context().close();
  }, 30_000);

  it('accessibility: no serious or critical axe violation on the landing, a running and a finished scan page', async () => {
    const finished = scanned(labUrl('/reflect', 'axe'));
    // axe is injected into the page: the pages' CSP would refuse it, so this context bypasses CSP.
    const page = await open({ bypassCSP: true });
    const check = async (name: string) => {
      const { violations, passes } = await new AxeBuilder({ page }).analyze();
      expect(passes.length, `${name}: axe checked nothing`).toBeGreaterThan(10);
      const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      const text = bad.map(
        (v) =>
          `${v.id} (${v.impact}): ${v.help}\n${v.nodes.map((n) => `  ${n.target.join(' ')}: ${n.failureSummary}`).join('\n')}`,
      );
      expect(bad, `${name}:\n${text.join('\n')}`).toEqual([]);
    };
    await page.goto(server.url);
    await page.getByText('More options').click();
    await check('landing page');
    await openRunning(page);
    await check('running scan');
    await page.goto(`${server.url}${await finished}`);
    await page.getByTestId('remediation-tabs').first().locator('label', { hasText: 'nginx' }).click();
    await check('finished scan');
    await page.context().close();
  }, 30_000);

  it('with JavaScript: scan, live progress, result, tabs, copy, scan again, history', async () => {
    const page = await open();
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    await page.goto(server.url);
    await page.getByRole('button', { name: 'Scan /reflect' }).click();
    await page.waitForURL(/\/scans\/[0-9a-f-]{36}$/);
    const first = page.url();

    // Live progress, written by /assets/app.js from the event stream.
    const running = /^Running: \d+ request\(s\) answered$/;
    await page.getByTestId('progress-status').filter({ hasText: running }).waitFor();
    expect(await page.getByTestId('probe-log').locator('li').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('probe-log').locator('li').first().textContent()).toMatch(
      /^#\d+ (GET|OPTIONS) Origin: .+ → \d{3}, Access-Control-Allow-Origin: /,
    );

    // The reload on `done` shows the server-rendered result.
    const card = page.getByTestId('grade-card');
    await card.waitFor({ timeout: SCAN_WAIT });
    expect(page.url()).toBe(first);
    expect(await card.getAttribute('data-grade')).toBe('F');
    const finding = page.locator('[data-testid=finding][data-id=origin-reflected]');
    expect(await finding.locator('.attacker-can').textContent()).toContain("with the victim's cookies");
    expect(await finding.locator('.certainty').textContent()).toMatch(/^How sure: \S/);

    const tabs = page.getByTestId('remediation-tabs').first();
    const express = tabs.locator('.panel[data-stack=express]');
    const nginx = tabs.locator('.panel[data-stack=nginx]');
    expect(await express.isVisible()).toBe(true);
    expect(await express.locator('pre.snippet').first().textContent()).toContain('cors');
    expect(await nginx.isVisible()).toBe(false);
    await tabs.locator('label', { hasText: 'nginx' }).click();
    expect(await nginx.isVisible()).toBe(true);
    expect(await express.isVisible()).toBe(false);
    const snippet = nginx.locator('pre.snippet').first();
    expect(await snippet.textContent()).toContain('map $http_origin');

    const copy = nginx.getByTestId('copy').first();
    await copy.click();
    await copy.filter({ hasText: /^Copied$/ }).waitFor();
    expect(await page.evaluate<string>('navigator.clipboard.readText()')).toBe(await snippet.textContent());

    // Scan again: a new scan of the same URL, then both in the history and what changed.
    await page.getByTestId('scan-again').getByRole('button', { name: 'Scan again' }).click();
    await page.waitForURL((u) => u.href !== first && /\/scans\/[0-9a-f-]{36}$/.test(u.pathname));
    await card.waitFor({ timeout: SCAN_WAIT });
    expect(await page.getByTestId('history-row').count()).toBe(2);
    expect(await page.getByTestId('changes').locator('h2').textContent()).toBe('Since the previous scan');
    expect(await page.getByTestId('no-change').count()).toBe(1);
    await page.context().close();
  }, 40_000);

  it('without JavaScript: the form, a page that refreshes itself until the result, tabs', async () => {
    const page = await open({ javaScriptEnabled: false });
    await page.goto(server.url);
    await page.getByLabel('URL of an API endpoint').fill(labUrl('/reflect', 'nojs'));
    await page.getByTestId('scan-form').getByRole('button', { name: 'Scan' }).click();
    await page.waitForURL(/\/scans\/[0-9a-f-]{36}$/);
    expect(await page.getByTestId('progress-status').textContent()).toMatch(/^(Queued|Running…)/);
    // <noscript><meta http-equiv="refresh" content="2"> reloads it until the scan has ended.
    let loads = 0;
    page.on('load', () => loads++);
    await page.getByTestId('grade-card').waitFor({ timeout: SCAN_WAIT });
    expect(loads).toBeGreaterThan(0);
    expect(await page.getByTestId('grade-card').getAttribute('data-grade')).toBe('F');
    expect(await page.getByTestId('copy').count()).toBe(0);
    const tabs = page.getByTestId('remediation-tabs').first();
    await tabs.locator('label', { hasText: 'nginx' }).click();
    expect(await tabs.locator('.panel[data-stack=nginx]').isVisible()).toBe(true);
    expect(await tabs.locator('.panel[data-stack=express]').isVisible()).toBe(false);
    await page.context().close();
  }, 30_000);
});
