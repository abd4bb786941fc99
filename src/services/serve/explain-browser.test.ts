import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { type Browser, type BrowserContextOptions, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Lookup } from '../../capabilities/ssrf/index.js';
import { CHROMIUM, CHROMIUM_ARGS, missingTool } from '../../test-support/tools.js';
import type { RunningServer } from './index.js';
import { type Client, type Target, target, testServer } from './test-support/server.js';

const missing = missingTool('chromium', CHROMIUM);
const SHOTS = join(tmpdir(), 'corsguard-serve-shots');
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };
const XSS = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>"';
const HOST = 'api.shop.test';
const APP = 'http://app.shop.test';
const lookup: Lookup = async (host) => (host === HOST ? [{ address: '127.0.0.8' }] : []);

/** In the page: the elements reaching past the right edge of the box (panel) they are in. */
const STICKING_OUT = `[...document.querySelectorAll('.panel-box, .target, .explanation, fieldset')].flatMap((box) => {
  const edge = box.getBoundingClientRect().right + 0.5;
  return [...box.querySelectorAll('*')]
    .filter((e) => e.getBoundingClientRect().right > edge)
    .map((e) => e.tagName.toLowerCase() + (e.className ? '.' + e.className : '') + ': ' + (e.textContent ?? '').slice(0, 40));
})`;

describe.skipIf(missing !== null)('the /explain page in Chromium', () => {
  let browser: Browser;
  let api: Target;
  let server: RunningServer & Client;
  const at = (path: string) => `http://${HOST}:${api.port}${path}`;

  async function open(options: BrowserContextOptions = {}): Promise<Page> {
    const context = await browser.newContext({ viewport: DESKTOP, ...options });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    return page;
  }

  /** Fills the request fields and presses Explain; waits for the answer. */
  async function explainForm(
    page: Page,
    fields: { url: string; origin: string; method?: string; headers?: string },
  ) {
    await page.goto(`${server.url}/explain`);
    await page.fill('#url', fields.url);
    await page.fill('#origin', fields.origin);
    if (fields.method) await page.selectOption('#method', fields.method);
    if (fields.headers) await page.fill('#headers', fields.headers);
    await page.getByRole('button', { name: 'Explain', exact: true }).click();
    await page.getByTestId('explanation').waitFor();
  }

  async function shoot(page: Page, name: string): Promise<void> {
    for (const [width, size] of [
      ['phone', PHONE],
      ['desktop', DESKTOP],
    ] as const) {
      await page.setViewportSize(size);
      await page.screenshot({ path: join(SHOTS, `${name}-${width}.png`), fullPage: true });
      const overflow = await page.evaluate<number>(
        'document.documentElement.scrollWidth - window.innerWidth',
      );
      expect(overflow, `${name} at ${size.width} px is wider than the window`).toBeLessThanOrEqual(0);
      const out = await page.evaluate<string[]>(STICKING_OUT);
      expect(out, `${name} at ${size.width} px: content sticks out of its box`).toEqual([]);
    }
  }

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    api = await target('127.0.0.8', (req, res) => {
      const origin = req.headers.origin ?? '';
      if (req.url?.startsWith('/hostile')) {
        res.setHeader('server', XSS);
        res.setHeader('access-control-allow-origin', `${origin} ${XSS}`);
        res.setHeader('access-control-allow-methods', XSS);
        res.writeHead(req.method === 'OPTIONS' ? 204 : 200).end();
        return;
      }
      res.setHeader('Server', 'nginx/1.25.3');
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Access-Control-Allow-Credentials', 'true');
      res.setHeader('Access-Control-Allow-Methods', 'GET, POST');
      res.writeHead(req.method === 'OPTIONS' ? 204 : 200).end();
    });
    server = await testServer({
      lab: true,
      lookup,
      allowCidrs: ['127.0.0.8/32'],
      targetPorts: [api.port],
      explainsPerClient: 1000,
    });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS], timeout: 30_000 });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await api?.close();
  });

  it(`with JavaScript: the form, the answer (steps, evidence, verdict, delta, snippet), copy; screenshots (${SHOTS})`, async () => {
    const page = await open();
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    await page.goto(`${server.url}/explain`);
    expect(await page.getByTestId('explanation').count()).toBe(0);
    await shoot(page, 'explain-form');
    await explainForm(page, { url: at('/orders'), origin: APP, method: 'PUT', headers: 'X-Request-Id' });
    const answer = page.getByTestId('explanation');
    expect(await answer.getAttribute('data-cause')).toBe('preflight-method');
    expect(await answer.getAttribute('data-verdict')).toBe('fix-server');
    expect(await page.getByTestId('cause').textContent()).toBe(
      '✗ Blocked at the preflight: preflight-method',
    );
    expect(await page.getByTestId('wording').textContent()).toContain('Method PUT is not allowed');
    const failed = page.locator('[data-testid=step][data-ok=false]');
    expect(await failed.count()).toBe(1);
    expect(await failed.textContent()).toMatch(/^✗failed: preflight-methods /);
    expect(await page.getByTestId('evidence').textContent()).toContain(
      'access-control-allow-methods: GET, POST',
    );
    expect(await page.getByTestId('verdict').textContent()).toMatch(/^Verdict: fix-server fix the server/);
    expect(await page.getByTestId('delta').locator('.add').first().textContent()).toMatch(/^\+ /);
    const snippet = page.getByTestId('fix-snippet');
    expect(await snippet.getAttribute('data-language')).toBe('nginx');
    // The form is filled in again, to change one thing and explain again.
    expect(await page.inputValue('#url')).toBe(at('/orders'));
    expect(await page.inputValue('#method')).toBe('PUT');
    const copy = page.locator('.explanation').getByTestId('copy');
    await copy.click();
    await copy.filter({ hasText: /^Copied$/ }).waitFor();
    expect(await page.evaluate<string>('navigator.clipboard.readText()')).toBe(await snippet.textContent());
    await shoot(page, 'explain-answer');
    await page.context().close();
  }, 40_000);

  it('without JavaScript: a pasted console message, offline, answers the same; no copy button', async () => {
    const page = await open({ javaScriptEnabled: false });
    await page.goto(`${server.url}/explain`);
    const message = `Access to fetch at '${at('/orders')}' from origin '${APP}' has been blocked by CORS policy: Method PUT is not allowed by Access-Control-Allow-Methods in preflight response.`;
    await page.fill('#message', message);
    await page.check('#offline');
    await page.selectOption('#stack', 'express');
    const before = api.requests.length;
    await page.getByRole('button', { name: 'Explain', exact: true }).click();
    await page.getByTestId('explanation').waitFor();
    expect(api.requests.length).toBe(before);
    expect(await page.getByTestId('explanation').getAttribute('data-cause')).toBe('preflight-method');
    expect(await page.getByTestId('fix-snippet').getAttribute('data-language')).toBe('typescript');
    expect(await page.getByTestId('explain-notes').textContent()).toContain('Offline: nothing was sent');
    expect(await page.getByTestId('copy').count()).toBe(0);
    expect(await page.inputValue('#message')).toBe(message);
    expect(await page.isChecked('#offline')).toBe(true);
    // A refusal comes back as the form with the reason and what was typed.
    await page.fill('#message', '');
    await page.uncheck('#offline');
    await page.fill('#url', 'http://169.254.169.254/latest/meta-data/');
    await page.fill('#origin', APP);
    await page.getByRole('button', { name: 'Explain', exact: true }).click();
    const error = page.getByTestId('form-error');
    await error.waitFor();
    expect(await error.getAttribute('data-code')).toBe('TARGET_FORBIDDEN');
    expect(await page.inputValue('#url')).toBe('http://169.254.169.254/latest/meta-data/');
    await page.context().close();
  }, 30_000);

  it('a finding of a scan links to its explanation: the prefilled form, then not-blocked for the probe origin', async () => {
    const reflect = server.lab?.targets.find((t) => t.endpoint.path === '/reflect')?.url ?? '';
    const { json } = await server.post('/api/scans', { url: reflect });
    await server.waitEnded(json.id);
    const page = await open();
    await page.goto(`${server.url}/scans/${json.id}`);
    const finding = page.locator('[data-testid=finding][data-id=origin-reflected]');
    const origin = (await finding.getByTestId('explain-link').locator('code').textContent()) ?? '';
    expect(origin).toMatch(/^https:\/\/\w+\.invalid$/);
    await finding.getByTestId('explain-link').click();
    await page.waitForURL(/\/explain\?/);
    // Following the link sends nothing: it only fills the form in.
    expect(await page.getByTestId('explanation').count()).toBe(0);
    expect(await page.inputValue('#url')).toBe(reflect);
    expect(await page.inputValue('#origin')).toBe(origin);
    expect(await page.inputValue('#credentials')).toBe('include');
    expect(await page.getByTestId('explain-context').textContent()).toContain('origin-reflected');
    await page.getByRole('button', { name: 'Explain', exact: true }).click();
    await page.getByTestId('explanation').waitFor();
    expect(await page.getByTestId('explanation').getAttribute('data-verdict')).toBe('not-blocked');
    expect(await page.getByTestId('explain-context').count()).toBe(1);
    await page.getByTestId('explain-context').getByRole('link', { name: 'this scan' }).waitFor();
    await shoot(page, 'explain-from-finding');
    await page.context().close();
  }, 40_000);

  it('accessibility: no serious or critical axe violation on the form and an answer', async () => {
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
    await page.goto(`${server.url}/explain`);
    await check('explain form');
    await explainForm(page, { url: at('/orders'), origin: APP, method: 'PUT' });
    await check('explain answer');
    await page.context().close();
  }, 30_000);

  it('hostile header values from the server explained are shown as text, and nothing runs', async () => {
    const page = await open();
    await explainForm(page, { url: at('/hostile'), origin: APP, method: 'PUT' });
    expect(await page.evaluate('window.__xss')).toBeUndefined();
    expect(await page.locator('main script, main img[src=x]').count()).toBe(0);
    expect(await page.getByTestId('evidence').textContent()).toContain(XSS);
    await page.context().close();
  }, 30_000);
});
