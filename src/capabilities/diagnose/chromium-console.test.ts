import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, missingTool } from '../../test-support/tools.js';
import { diagnoseExchange, parseConsoleMessage } from './index.js';
import {
  type CaseNet,
  type CaseRun,
  CHROMIUM_CASES,
  type ChromiumCase,
  launchCaseBrowser,
  observedExchange,
  runCase,
  startCaseNet,
} from './test-support/chromium-cases.js';

// End to end: a real Chromium (Debian's, through playwright-core) meets loopback servers misconfigured
// for each cause; what it prints in the console is what `explain --message` gets, and what the servers
// answered is what the browser model gets. Chromium is the authority on both.

const missing = missingTool('chromium', CHROMIUM);

describe.skipIf(missing !== null)('Chromium against a server misconfigured for each cause', () => {
  let net: CaseNet;
  let browser: Browser;
  let page: Page;
  const runs = new Map<string, Promise<CaseRun>>();
  /** Each case runs once; the console test and the model test share the run. */
  const run = (c: ChromiumCase): Promise<CaseRun> => {
    let r = runs.get(c.name);
    if (r === undefined) {
      r = runCase(page, net, c);
      runs.set(c.name, r);
    }
    return r;
  };

  beforeAll(async () => {
    net = await startCaseNet();
    browser = await launchCaseBrowser(net);
    page = await (await browser.newContext()).newPage();
    page.setDefaultTimeout(10_000);
  });

  afterAll(async () => {
    await browser?.close();
    await net?.close();
  });

  it('has a case for every cause but no-error', () => {
    const causes = new Set(CHROMIUM_CASES.map((c) => c.cause));
    expect(causes.size).toBe(15);
    expect(causes.has('no-error')).toBe(false);
  });

  describe.each(CHROMIUM_CASES.map((c) => [c.name, c] as const))('%s', (_, c) => {
    it(`Chromium's console message is parsed as ${c.cause}, with the URL, origin and what it names`, async () => {
      const r = await run(c);
      expect(r.outcome.ok, 'script must see the request fail').toBe(false);
      const parsed = r.console.map((line) => ({ line, parse: parseConsoleMessage(line.text) }));
      const named = parsed.filter((p) => p.parse.recognised);
      expect(named, JSON.stringify(r.console)).toHaveLength(1);
      // Every other line is Chromium's generic companion line, which names no reason.
      for (const p of parsed.filter((x) => !x.parse.recognised))
        expect(p.line.text).toBe('Failed to load resource: net::ERR_FAILED');
      const found = named[0];
      if (found === undefined || !found.parse.recognised) return;
      const m = found.parse;
      expect(m.browser).toBe('chrome');
      expect(m.cause).toBe(c.cause);
      if (c.cause === 'network-error') {
        // "Failed to load resource: net::ERR_CONNECTION_REFUSED": the URL is only the message's location.
        expect(m.url).toBeUndefined();
        expect(found.line.url).toBe(r.request.url);
      } else {
        expect(m.url).toBe(r.request.url);
      }
      // Chromium names the page's origin in CORS and mixed-content lines, not in WebSocket failures.
      if (c.api !== 'websocket' && c.cause !== 'network-error') expect(m.origin).toBe(r.request.origin);
      for (const key of ['method', 'header', 'value', 'status'] as const)
        if (c.names?.[key] !== undefined) expect(m[key], key).toBe(c.names[key]);
      if (c.cause === 'acao-multiple') expect(m.value).toBe(`${r.request.origin}, http://other.victim.test`);
    });

    const agrees = c.model === undefined;
    it(
      agrees
        ? `the browser model on the server's real answers names ${c.cause} too`
        : `the browser model names ${c.model?.cause} where Chromium says ${c.cause} (known disagreement)`,
      async () => {
        const r = await run(c);
        const { input, sources } = observedExchange(net, c, r);
        const d = diagnoseExchange(input);
        expect(d.cause, c.model?.why).toBe(c.model?.cause ?? c.cause);
        // What Chromium itself sent is what the model judged, wherever Chromium sent something.
        if (r.recorded.some((x) => x.request.method === 'OPTIONS'))
          expect(sources.preflight).toBe('chromium');
        if (r.recorded.some((x) => x.request.method !== 'OPTIONS')) expect(sources.response).toBe('chromium');
      },
    );
  });

  it('Chromium sends the preflight the model predicts (method, sorted lower-case header names, no cookies)', async () => {
    const c = CHROMIUM_CASES.find((x) => x.name === 'preflight-header');
    if (c === undefined) throw new Error('no preflight-header case');
    const r = await run(c);
    const sent = r.recorded.find((x) => x.request.method === 'OPTIONS');
    const get = (name: string) => sent?.request.headers.find(([n]) => n.toLowerCase() === name)?.[1];
    expect(get('access-control-request-method')).toBe('PUT');
    expect(get('access-control-request-headers')).toBe('content-type,x-request-id');
    expect(get('origin')).toBe(r.request.origin);
    expect(get('cookie')).toBeUndefined();
  });

  it('nothing reaches the server for mixed content and Local Network Access: Chromium refuses before sending', async () => {
    for (const name of [
      'mixed-content',
      'mixed-content-websocket',
      'local-network',
      'local-network-secure',
    ]) {
      const c = CHROMIUM_CASES.find((x) => x.name === name);
      if (c === undefined) throw new Error(`no ${name} case`);
      expect((await run(c)).recorded, name).toEqual([]);
    }
  });
});
