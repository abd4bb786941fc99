import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Lab } from '../../../capabilities/lab/index.js';
import { failed, finding, target } from '../../../capabilities/scan/test-support/results.js';
import { CHROMIUM, CHROMIUM_ARGS, missingTool } from '../../../test-support/tools.js';
import { SummaryBuilder } from '../summary.js';
import { type ReportTarget, withGrade } from '../target.js';
import { scanLab } from '../test-support/lab-results.js';
import { htmlReport } from './render.js';

const missing = missingTool('chromium', CHROMIUM);
const HOSTILE = '<script>window.__xss = 1</script><img src=x onerror="window.__xss = 2">';

function report(targets: readonly ReportTarget[]): string {
  const s = new SummaryBuilder('high');
  for (const t of targets) s.add(t);
  return htmlReport(targets, s.summary, { version: '0.1.0' });
}

describe('htmlReport without a browser', () => {
  it('is self-contained: no external resource, a CSP that forbids scripts and remote loads', () => {
    const html = report([withGrade(target('https://a.example/', [finding('critical')]))]);
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"`);
    expect(html).not.toMatch(/<script|<link|src="http|href="http|@import|url\(/i);
  });

  it('escapes hostile values everywhere', () => {
    const html = report([
      withGrade(
        target(`https://a.example/${HOSTILE}`, [finding('critical', { title: HOSTILE, origin: HOSTILE })], {
          notes: [HOSTILE],
        }),
      ),
    ]);
    expect(html).not.toContain('<script>window');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;script&gt;window.__xss = 1&lt;/script&gt;');
  });
});

describe.skipIf(missing !== null)('the HTML report in Chromium', () => {
  let browser: Browser;
  let lab: Lab;
  let targets: ReportTarget[];
  let dir: string;

  async function open(html: string): Promise<{ page: Page; requests: string[] }> {
    const file = join(dir, `r${Math.random().toString(36).slice(2)}.html`);
    writeFileSync(file, html);
    const page = await browser.newPage();
    page.setDefaultTimeout(10_000);
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(pathToFileURL(file).href, { timeout: 10_000 });
    return { page, requests };
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cg-html-'));
    browser = await chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS], timeout: 30_000 });
    ({ lab, targets } = await scanLab());
  });

  afterAll(async () => {
    await browser?.close();
    await lab?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('shows a grade card per target, the findings and the severity chart, loading nothing else', async () => {
    const all = [...targets, withGrade(failed('https://down.example/'))];
    const { page, requests } = await open(report(all));
    expect(await page.getByTestId('target').count()).toBe(all.length);
    expect(await page.getByTestId('grade-card').count()).toBe(all.length);
    const card = (url: string) =>
      page.locator(`[data-testid="target"][data-url="${url}"] [data-testid="grade-card"]`);
    const reflect = targets.find((t) => t.url.endsWith('/reflect'));
    const safe = targets.find((t) => t.url.endsWith('/safe'));
    expect(await card(reflect?.url ?? '').getAttribute('data-grade')).toBe('F');
    expect(await card(safe?.url ?? '').getAttribute('data-grade')).toBe('A+');
    expect(await card(safe?.url ?? '').textContent()).toContain('100/100');
    expect(await card('https://down.example/').getAttribute('data-grade')).toBe('none');
    expect(await card('https://down.example/').textContent()).toContain('No grade');
    const count = targets.reduce((n, t) => n + t.findings.length, 0);
    expect(await page.getByTestId('finding').count()).toBe(count);
    const reflected = page.locator('[data-testid="finding"][data-id="origin-reflected"]').first();
    expect(await reflected.getAttribute('data-severity')).toBe('critical');
    expect(await reflected.textContent()).toContain("with the victim's cookies");
    expect(await page.getByTestId('scan-grade').getAttribute('data-grade')).toBe('F');
    const bars = page.locator('[data-testid="severity-chart"] .bar');
    expect(await bars.count()).toBe(5);
    expect(Number(await bars.first().getAttribute('data-count'))).toBeGreaterThan(0);
    expect(await page.locator('pre.snippet').count()).toBeGreaterThan(0);
    expect(requests.every((u) => u.startsWith('file://'))).toBe(true);
    await page.close();
  });

  it('switches remediation tabs per stack without script (each with the generated configuration)', async () => {
    const { page } = await open(report(targets.filter((t) => t.url.endsWith('/reflect'))));
    const tabs = page.getByTestId('remediation-tabs').first();
    const panel = (stack: string) => tabs.locator(`.panel[data-stack="${stack}"]`);
    expect(await panel('express').isVisible()).toBe(true);
    expect(await panel('nginx').isVisible()).toBe(false);
    await tabs.locator('label', { hasText: 'nginx' }).click();
    expect(await panel('nginx').isVisible()).toBe(true);
    expect(await panel('express').isVisible()).toBe(false);
    expect(await panel('nginx').textContent()).toContain('map $http_origin');
    await page.close();
  });

  it('renders a hostile header value as inert text', async () => {
    const hostile = withGrade(
      target(
        `https://a.example/${encodeURIComponent(HOSTILE)}`,
        [
          finding('critical', {
            title: HOSTILE,
            origin: HOSTILE,
            evidence: [
              {
                request: { method: 'GET', url: 'https://a.example/', headers: { origin: HOSTILE } },
                response: {
                  status: 200,
                  headers: [
                    ['server', HOSTILE],
                    ['access-control-allow-origin', HOSTILE],
                  ],
                },
              },
            ],
          }),
        ],
        { notes: [HOSTILE] },
      ),
    );
    const { page, requests } = await open(report([hostile]));
    expect(await page.evaluate('window.__xss')).toBeUndefined();
    expect(await page.locator('script').count()).toBe(0);
    expect(await page.locator('main img').count()).toBe(0);
    const f = page.getByTestId('finding').first();
    expect(await f.locator('h3').textContent()).toContain('<script>window.__xss = 1</script>');
    await f.locator('summary').click();
    expect(await f.locator('pre.evidence').first().textContent()).toContain(`server: ${HOSTILE}`);
    expect(requests.every((u) => u.startsWith('file://'))).toBe(true);
    await page.close();
  });
});
