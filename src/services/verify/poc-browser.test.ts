// The proof-of-concept pages (`--poc`) in Chromium against the lab, through the same attacker net and
// browser as `--verify`: each page really steals the secret (with the victim's cookie where it says so).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Lab } from '../../capabilities/lab/index.js';
import { type PocPage, pocFor, pocPages } from '../../outputs/poc/index.js';
import type { ReportTarget } from '../../outputs/report/index.js';
import { at, scanLab } from '../../outputs/report/test-support/lab-results.js';
import { CHROMIUM, missingTool } from '../../test-support/tools.js';
import { type AttackerNet, startAttackerNet } from './attacker-net.js';
import { type Chromium, launchChromium } from './chromium.js';
import { NULL_HOST_ORIGIN } from './plan.js';

const missing = missingTool('chromium', CHROMIUM);
const SECRET = 'lab-api-token-7f3c9a1e';

describe.skipIf(missing !== null)('proof-of-concept pages in Chromium', () => {
  let lab: Lab;
  let byPath: Map<string, ReportTarget>;
  let targets: ReportTarget[];
  let net: AttackerNet;
  let browser: Chromium;

  beforeAll(async () => {
    ({ lab, byPath, targets } = await scanLab());
    net = await startAttackerNet();
    for (const port of [lab.httpPort, lab.httpsPort]) net.allowTarget(lab.host, String(port), '127.0.0.1');
    browser = await launchChromium({
      executable: CHROMIUM,
      proxy: net.proxy,
      spki: net.spki,
      insecure: true,
    });
    // The victim is logged in to the API: a session cookie usable cross-site, as credentialed CORS needs.
    await browser.context.addCookies([
      {
        name: 'session',
        value: 'victim-session',
        domain: lab.host,
        path: '/',
        secure: true,
        httpOnly: true,
        sameSite: 'None',
      },
    ]);
  });

  afterAll(async () => {
    await browser?.close();
    await net?.close();
    await lab?.close();
  });

  function poc(path: string, id: string): PocPage {
    const t = at(byPath, path);
    const f = t.findings.find((x) => x.id === id);
    const page = f ? pocFor(t, f) : undefined;
    if (!page) throw new Error(`${path}: no PoC for ${id}`);
    return page;
  }

  /** Serves the page at its origin, opens it and returns what it stole. */
  async function steal(p: PocPage): Promise<{ state: string; stolen: string }> {
    const origin = p.origin === 'null' ? NULL_HOST_ORIGIN : p.origin;
    const unhost = net.host(origin, `/${p.fileName}`, p.html);
    const page = await browser.context.newPage();
    try {
      await page.goto(`${origin}/${p.fileName}`, { timeout: 10_000 });
      await page.waitForFunction(
        "['read', 'blocked'].includes(document.getElementById('status')?.dataset.state ?? '')",
        undefined,
        { timeout: 10_000 },
      );
      const state = (await page.getAttribute('#status', 'data-state')) ?? '';
      return { state, stolen: (await page.textContent('#stolen')) ?? '' };
    } finally {
      await page.close();
      unhost();
    }
  }

  it('reflected origin with credentials: reads the secret with the victim cookie', async () => {
    const p = poc('/reflect', 'origin-reflected');
    expect(p.kind).toBe('fetch-credentialed');
    expect(p.origin).toMatch(/^https:\/\/[a-z0-9]+\.invalid$/);
    const { state, stolen } = await steal(p);
    expect(state).toBe('read');
    expect(stolen).toContain(SECRET);
    expect(JSON.parse(stolen)).toMatchObject({ cookie: 'received' });
  });

  it('null origin: the sandboxed iframe reads the secret', async () => {
    const p = poc('/null', 'null-origin-allowed');
    expect(p.kind).toBe('null-origin');
    expect(p.html).toContain('<iframe sandbox="allow-scripts" srcdoc=');
    const { state, stolen } = await steal(p);
    expect(state).toBe('read');
    expect(stolen).toContain(SECRET);
  });

  it.each([
    ['/prefix', 'prefix-match-bypass'],
    ['/suffix', 'suffix-match-bypass'],
    ['/subdomain', 'subdomain-trusted'],
  ])('%s bypass: the page at the accepted origin reads the secret with cookies', async (path, id) => {
    const p = poc(path, id);
    expect(p.kind).toBe('fetch-credentialed');
    const { state, stolen } = await steal(p);
    expect(state).toBe('read');
    expect(JSON.parse(stolen)).toMatchObject({ secret: SECRET, cookie: 'received' });
  });

  it('wildcard: reads anonymously (no cookie sent)', async () => {
    const p = poc('/wildcard-credentials', 'wildcard-with-credentials');
    expect(p.kind).toBe('fetch-anonymous');
    expect(p.html).toContain('credentials: "omit"');
    const { state, stolen } = await steal(p);
    expect(state).toBe('read');
    expect(JSON.parse(stolen)).toEqual({ user: 'alice', secret: SECRET });
  });

  it('WebSocket hijacking: the page receives the secret message', async () => {
    const p = poc('/ws', 'websocket-origin-unchecked');
    expect(p.kind).toBe('websocket');
    const { state, stolen } = await steal(p);
    expect(state).toBe('read');
    expect(stolen).toContain(SECRET);
  });

  it('produces no page at all for the correctly configured endpoints', () => {
    const safe = ['/safe', '/safe-public-read', '/ws-safe'].map((p) => at(byPath, p));
    expect(pocPages(safe)).toEqual([]);
  });

  it('produces pages only for browser-exploitable findings', () => {
    const ids = new Set(pocPages(targets).map((p) => p.findingId));
    for (const id of [
      'vary-origin-missing',
      'preflight-permissive',
      'max-age-excessive',
      'expose-headers-sensitive',
      'private-network-allowed',
      'invalid-cors-headers',
      'samesite-none-cookie',
      'wildcard-origin',
    ])
      expect(ids.has(id as never), id).toBe(false);
    expect(ids.has('origin-reflected')).toBe(true);
  });
});
