// Issue 12's promise about fixes: for each case of the real-Chromium run that `explain` answers with
// `fix-server`, the fix it proposes — the Express configuration written by the generators, run as
// written in a real Express app with the `cors` package — makes the same browser request succeed, and
// a scan of the fixed server reports nothing at low or above that the misconfigured one did not.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import express from 'express';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CAUSES, type Explanation, parseConsoleMessage } from '../../src/capabilities/diagnose/index.js';
import {
  type CaseNet,
  CHROMIUM_CASES,
  HOSTS,
  launchCaseBrowser,
  runCase,
  startCaseNet,
} from '../../src/capabilities/diagnose/test-support/chromium-cases.js';
import { labTlsCredentials } from '../../src/capabilities/lab/index.js';
import { scanTarget } from '../../src/capabilities/scan/index.js';
import { explainRequest } from '../../src/services/explain/index.js';
import { CHROMIUM, missingTool } from '../../src/test-support/tools.js';

const missing = missingTool('chromium', CHROMIUM);
const TMP = join(dirname(fileURLToPath(import.meta.url)), '..', '.tmp', `explain-fix-${process.pid}`);
const LOW_OR_ABOVE = new Set(['critical', 'high', 'medium', 'low']);
// WebSocket handshakes have no CORS configuration to generate; their Origin checks run in real servers
// in websocket-snippets.test.ts.
const FIXABLE = CHROMIUM_CASES.filter(
  (c) => c.api !== 'websocket' && (c.page === 'site' || c.target === 'secure-api'),
);

async function serveFix(
  name: string,
  code: string,
  secure: boolean,
): Promise<{ port: number; close: () => Promise<void> }> {
  await mkdir(TMP, { recursive: true });
  const file = join(TMP, `${name}.ts`);
  await writeFile(file, code);
  const mod = (await import(file)) as { corsMiddleware: express.RequestHandler };
  const app = express();
  app.use(mod.corsMiddleware);
  app.use((_req, res) => {
    res.json({ ok: true });
  });
  const server: Server = secure ? createHttpsServer(labTlsCredentials(), app) : createServer(app);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/** The finding ids at low or above of a scan; `null` when the scanner cannot judge the endpoint. */
const lowOrAbove = async (url: string, port: number, origin: string) => {
  const result = await scanTarget(url, {
    resolve: [`${HOSTS.api}:${port}:127.0.0.1`],
    insecure: true,
    timeoutMs: 5_000,
    trustedOrigins: [origin],
  });
  if (result.error !== undefined) return { error: result.error.code, ids: new Set<string>() };
  const ids = result.findings.filter((f) => LOW_OR_ABOVE.has(f.severity)).map((f): string => f.id);
  return { error: null, ids: new Set(ids) };
};

describe.skipIf(missing !== null)('the fix explain proposes makes the same Chromium request succeed', () => {
  let net: CaseNet;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    net = await startCaseNet();
    browser = await launchCaseBrowser(net);
    page = await (await browser.newContext()).newPage();
    page.setDefaultTimeout(10_000);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await net?.close();
    await rm(TMP, { recursive: true, force: true });
  });

  it('covers every CORS cause a server can fix', () => {
    // Every cause but those no server header can fix (mixed content, Local Network Access), WebSockets
    // (an Origin check, not CORS) and no-error; network-error is here to be told apart (not-cors).
    const unfixable = new Set(['mixed-content', 'local-network', 'websocket-rejected', 'no-error']);
    expect([...new Set(FIXABLE.map((c) => c.cause))].sort()).toEqual(
      CAUSES.filter((c) => !unfixable.has(c)).sort(),
    );
  });

  for (const c of FIXABLE) {
    it(`${c.name}: console message → explain → Express fix → the request succeeds, no new finding`, async () => {
      const blocked = await runCase(page, net, c);
      expect(blocked.outcome.ok).toBe(false);
      const line = blocked.console.find((l) => parseConsoleMessage(l.text).recognised);
      if (line === undefined)
        throw new Error(`no recognised console line: ${JSON.stringify(blocked.console)}`);
      const asked = net.requestOf(c);
      const network = {
        resolve: [`${HOSTS.api}:${net.apiPort}:127.0.0.1`, `${HOSTS.api}:${net.secureApiPort}:127.0.0.1`],
        insecure: true,
        timeoutMs: 5_000,
      };
      // What a developer passes besides the message: the URL when the message lacks it (net::ERR_…
      // lines), and how the page sends the request.
      const e: Explanation = await explainRequest(
        {
          kind: 'message',
          message: line.text,
          request: {
            url: asked.url,
            origin: asked.origin,
            ...(asked.method ? { method: asked.method } : {}),
            headers: asked.headers ?? [],
            credentials: asked.credentials ?? 'same-origin',
            ...(asked.contentType ? { contentType: asked.contentType } : {}),
          },
        },
        { stack: 'express', network, send: true },
      );
      if (c.cause === 'network-error') {
        expect([e.cause, e.verdict, e.fix]).toEqual(['network-error', 'not-cors', undefined]);
        return;
      }
      expect([e.cause, e.verdict], `${e.summary}\n${e.notes.join('\n')}`).toEqual([c.cause, 'fix-server']);
      expect(e.fix?.snippet.stack).toBe('express');
      expect(e.fix?.verified).toBe(true);
      const secure = c.target === 'secure-api';
      const fixed = await serveFix(c.name, e.fix?.snippet.code ?? '', secure);
      try {
        const after = await runCase(page, net, c, { port: fixed.port });
        const cors = after.console.filter((l) => parseConsoleMessage(l.text).recognised);
        expect(cors.map((l) => l.text)).toEqual([]);
        expect(after.outcome).toMatchObject({ ok: true });
        // A redirecting endpoint is not judged by the scanner (REDIRECTED): then the fixed one must be clean.
        const before = await lowOrAbove(asked.url, secure ? net.secureApiPort : net.apiPort, asked.origin);
        const now = await lowOrAbove(net.urlOf(c, fixed.port), fixed.port, asked.origin);
        expect(now.error).toBeNull();
        expect([...now.ids].filter((id) => !before.ids.has(id))).toEqual([]);
      } finally {
        await fixed.close();
      }
    }, 60_000);
  }
});
