import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diagnoseExchange, parseHar } from '../../capabilities/diagnose/index.js';
import {
  type CaseNet,
  CHROMIUM_CASES,
  type ChromiumCase,
  HOSTS,
  launchCaseBrowser,
  runCase,
  startCaseNet,
} from '../../capabilities/diagnose/test-support/chromium-cases.js';
import { recordDevtoolsHar } from '../../capabilities/diagnose/test-support/devtools-har.js';
import { CHROMIUM, missingTool } from '../../test-support/tools.js';
import { explainHar } from './index.js';

// `explain --har`: a real Chromium session with several CORS failures and one success, recorded twice —
// by Playwright's recordHar, and as Chrome DevTools would export it (built from the same CDP events, see
// test-support/devtools-har.ts) — is explained request by request.

const missing = missingTool('chromium', CHROMIUM);
const SUCCESS: ChromiumCase = {
  name: 'allowed-put',
  cause: 'no-error',
  server: 'allows the origin, PUT, Content-Type and X-Request-Id',
  page: 'site',
  target: 'api',
  api: 'fetch',
  method: 'PUT',
  headers: { 'X-Request-Id': 'r-7' },
  contentType: 'application/json',
  answer: (req) => ({
    status: req.method === 'OPTIONS' ? 204 : 200,
    headers: [
      ['Access-Control-Allow-Origin', req.origin ?? ''],
      ['Access-Control-Allow-Methods', 'PUT'],
      ['Access-Control-Allow-Headers', 'content-type, x-request-id'],
    ],
  }),
};
const pick = (name: string): ChromiumCase => {
  const c = CHROMIUM_CASES.find((x) => x.name === name);
  if (c === undefined) throw new Error(`no ${name} case`);
  return c;
};
const CASES = [
  pick('acao-missing'),
  pick('preflight-method'),
  pick('preflight-header'),
  pick('acac-missing'),
  pick('network-error'),
  SUCCESS,
];
/** Also run in the Playwright session: the CDP-built DevTools HAR does not record WebSockets. */
const PLAYWRIGHT_ALSO = [pick('mixed-content'), pick('websocket-rejected')];

describe.skipIf(missing !== null)('a HAR recorded from Chromium is explained request by request', () => {
  let net: CaseNet;
  let browser: Browser;
  let playwrightHar: string;
  let devtoolsHar: string;
  const dir = mkdtempSync(join(tmpdir(), 'corsguard-har-'));

  beforeAll(async () => {
    net = await startCaseNet([...CASES, ...PLAYWRIGHT_ALSO]);
    browser = await launchCaseBrowser(net);
    const recorded = await browser.newContext({ recordHar: { path: join(dir, 'playwright.har') } });
    const page = await recorded.newPage();
    for (const c of [...CASES, ...PLAYWRIGHT_ALSO]) await runCase(page, net, c);
    await recorded.close();
    playwrightHar = readFileSync(join(dir, 'playwright.har'), 'utf8');

    const devtools = await browser.newContext();
    // A session cookie for the API: sent with the credentialed request, so the HAR shows it.
    await devtools.addCookies([{ name: 'session', value: 's-1', domain: HOSTS.api, path: '/' }]);
    const devtoolsPage = await devtools.newPage();
    const recorder = await recordDevtoolsHar(devtoolsPage);
    for (const c of CASES) await runCase(devtoolsPage, net, c);
    devtoolsHar = await recorder.stop();
    writeFileSync(join(dir, 'devtools.har'), devtoolsHar);
    await devtools.close();
  });

  afterAll(async () => {
    await browser?.close();
    await net?.close();
  });

  describe(`Playwright's recordHar (${dir}/playwright.har)`, () => {
    it('records no preflight at all, and no status or headers for a CORS-blocked response', () => {
      const entries = (
        JSON.parse(playwrightHar) as { log: { entries: Array<{ request: { method: string } }> } }
      ).log.entries;
      expect(entries.filter((e) => e.request.method === 'OPTIONS')).toEqual([]);
      const parsed = parseHar(playwrightHar);
      expect(parsed.creator).toMatch(/^Playwright /);
      const all = [...CASES, ...PLAYWRIGHT_ALSO];
      expect(parsed.exchanges.map((x) => x.request.url)).toEqual(all.map((c) => net.urlOf(c)));
      expect(parsed.skippedBy).toEqual({ navigation: all.length });
      const byName = (name: string) => parsed.exchanges.find((x) => x.request.url.endsWith(`/${name}`));
      const blocked = byName('acao-missing');
      expect(blocked?.response).toBeUndefined();
      expect(blocked?.browserError).toBe('net::ERR_FAILED');
      expect(blocked?.basis).toEqual({
        origin: 'frame-document',
        headers: 'provisional',
        credentials: 'no-cookie',
      });
      expect(byName('preflight-method')?.missing).toEqual(['preflight', 'response']);
      // Even the successful PUT has no preflight entry: the HAR cannot show what its preflight answered.
      expect(byName('allowed-put')?.missing).toEqual(['preflight']);
      expect(byName('allowed-put')?.basis.origin).toBe('origin-header');
      expect(byName('network-error')?.response).toEqual({ networkError: 'net::ERR_CONNECTION_REFUSED' });
      // Mixed content never reaches the network: Playwright's failure text is the blocked reason.
      expect(byName('mixed-content')?.browserError).toBe('mixed-content');
      // A refused handshake: the status is only in the failure text, which is Chromium's console wording.
      expect(byName('websocket-rejected')?.response).toEqual({ status: 403, headers: [] });
      expect(byName('websocket-rejected')?.request).toEqual({
        url: net.urlOf(pick('websocket-rejected')),
        origin: net.origins.site,
        method: 'GET',
      });
    });

    it('rebuilds each request as the page made it (method, author headers, Content-Type, origin)', () => {
      const parsed = parseHar(playwrightHar);
      for (const [i, c] of CASES.entries()) {
        const want = net.requestOf(c);
        const got = parsed.exchanges[i]?.request;
        expect(got?.origin, c.name).toBe(want.origin);
        expect(got?.method, c.name).toBe(want.method ?? 'GET');
        expect(got?.headers ?? [], c.name).toEqual(want.headers ?? []);
        // A blocked request's provisional headers are what the page set, Content-Type included.
        expect(got?.contentType, c.name).toBe(want.contentType);
      }
    });

    it('explain --har replays what it did not record, and explains each failure request by request', async () => {
      const result = await explainHar(playwrightHar, {
        network: {
          resolve: [`${HOSTS.api}:${net.apiPort}:127.0.0.1`, `${HOSTS.api}:${net.secureApiPort}:127.0.0.1`],
          insecure: true,
          timeoutMs: 5_000,
        },
      });
      const failing = [...CASES, ...PLAYWRIGHT_ALSO].filter((c) => c.cause !== 'no-error');
      expect(result.explanations.map((e) => [e.request.url, e.cause])).toEqual(
        failing.map((c) => [net.urlOf(c), c.cause]),
      );
      expect(result.har).toMatchObject({
        crossOrigin: failing.length + 1,
        failures: failing.length,
        passed: 1,
        errors: [],
      });
      // The credentials mode was a guess the HAR could not confirm: said, not hidden.
      const acac = result.explanations.find((e) => e.cause === 'acac-missing');
      expect(acac?.notes.join(' ')).toContain('only with credentials: "include"');
      expect(
        result.explanations.every((e) => e.source === 'har' && e.notes[0]?.startsWith('HAR entry ')),
      ).toBe(true);
    });

    it('offline, the requests whose answers the HAR lacks are reported as not explained, never dropped', async () => {
      const result = await explainHar(playwrightHar, { offline: true });
      const explained = result.explanations.length + result.har.errors.length + result.har.passed;
      expect(explained).toBe(result.har.crossOrigin);
      expect(result.har.errors.length).toBeGreaterThan(0);
      for (const e of result.har.errors) expect(e.message).toContain('--offline forbids sending it again');
    });
  });

  describe('as Chrome DevTools exports it', () => {
    it('has the preflights, paired with their requests, and the blocked responses with their headers', () => {
      const parsed = parseHar(devtoolsHar);
      expect(parsed.exchanges.map((x) => x.request.url)).toEqual(CASES.map((c) => net.urlOf(c)));
      const byName = (name: string) => parsed.exchanges.find((x) => x.request.url.endsWith(`/${name}`));
      for (const name of ['preflight-method', 'preflight-header', 'allowed-put']) {
        const x = byName(name);
        expect(x?.preflightEntry, name).toBeDefined();
        expect(x?.basis.headers, name).toBe('preflight');
      }
      const entries = (JSON.parse(devtoolsHar) as { log: { entries: Array<{ _resourceType: string }> } }).log
        .entries;
      expect(entries.filter((e) => e._resourceType === 'preflight')).toHaveLength(3);
      expect(byName('acao-missing')?.response).toMatchObject({ status: 200 });
      expect(byName('acao-missing')?.browserError).toBe('net::ERR_FAILED');
      expect(byName('acac-missing')?.basis.credentials).toBe('cookie-sent');
      expect(byName('acac-missing')?.request.credentials).toBe('include');
      expect(byName('preflight-header')?.request.headers).toEqual([['X-Request-Id', 'r-42']]);
      expect(byName('preflight-header')?.request.contentType).toBe('application/json');
      // Only the requests a failed preflight stopped have no response, and the preflight decides them.
      expect(
        parsed.exchanges.filter((x) => x.missing.length > 0).map((x) => [x.request.url, x.missing]),
      ).toEqual([
        [net.urlOf(pick('preflight-method')), ['response']],
        [net.urlOf(pick('preflight-header')), ['response']],
      ]);
    });

    it('each request gets its cause from the HAR alone, with no replay', async () => {
      const parsed = parseHar(devtoolsHar);
      expect(parsed.exchanges.map((x) => diagnoseExchange(x).cause)).toEqual(CASES.map((c) => c.cause));
      const offline = await explainHar(devtoolsHar, { offline: true });
      expect(offline.explanations.map((e) => e.cause)).toEqual(
        CASES.filter((c) => c.cause !== 'no-error').map((c) => c.cause),
      );
      expect(offline.har.errors).toEqual([]);
    });
  });
});
