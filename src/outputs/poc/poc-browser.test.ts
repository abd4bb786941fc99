import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Lab } from '../../capabilities/lab/index.js';
import { CHROMIUM, CHROMIUM_ARGS, missingTool } from '../../test-support/tools.js';
import type { ReportTarget } from '../report/index.js';
import { at, scanLab } from '../report/test-support/lab-results.js';
import { type PocPage, pocFor, pocPages } from './poc.js';
import { type AttackerNet, startAttackerNet } from './test-support/attacker-proxy.js';

const missing = missingTool('chromium', CHROMIUM);
const SECRET = 'lab-api-token-7f3c9a1e';

describe.skipIf(missing !== null)('proof-of-concept pages in Chromium', () => {
  let lab: Lab;
  let byPath: Map<string, ReportTarget>;
  let targets: ReportTarget[];
  let net: AttackerNet;
  let context: BrowserContext;
  let profile: string;

  beforeAll(async () => {
    ({ lab, byPath, targets } = await scanLab());
    net = await startAttackerNet(lab.host);
    // A persistent (non-incognito) profile: incognito-like contexts block third-party cookies by default,
    // and a credentialed cross-site read is exactly a third-party cookie.
    profile = mkdtempSync(join(tmpdir(), 'cg-poc-profile-'));
    mkdirSync(join(profile, 'Default'));
    writeFileSync(
      join(profile, 'Default', 'Preferences'),
      JSON.stringify({ profile: { cookie_controls_mode: 0, block_third_party_cookies: false } }),
    );
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      timeout: 30_000,
      ignoreHTTPSErrors: true,
      args: [
        ...CHROMIUM_ARGS,
        `--proxy-server=${net.proxy}`,
        '--proxy-bypass-list=<-loopback>',
        '--ignore-certificate-errors',
        '--disable-features=ThirdPartyStoragePartitioning,TrackingProtection3pcd',
      ],
    });
    // The victim is logged in to the API: a session cookie usable cross-site, as credentialed CORS needs.
    await context.addCookies([
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
    await context?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
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
    net.host(p.fileName, p.html);
    const origin = p.origin === 'null' ? 'https://attacker.invalid' : p.origin;
    const page = await context.newPage();
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
