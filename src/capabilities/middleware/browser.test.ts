import { existsSync } from 'node:fs';
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import { Hono } from 'hono';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CorsOptions } from './core.js';
import { cors as honoCors } from './hono/index.js';
import { cors as nodeCors } from './node/index.js';

// A real browser (headless Chromium) against servers guarded by the middleware: a page at one loopback
// origin fetches endpoints at another, and reads exactly what the policy allows — with the cookie when
// credentials are on — and nothing else (a refused fetch rejects with a TypeError).

const CHROMIUM = process.env.CORSGUARD_CHROMIUM ?? '/usr/bin/chromium';
const missing = existsSync(CHROMIUM) ? null : `${CHROMIUM} not found`;
if (missing !== null && process.env.CORSGUARD_REQUIRE_SERVERS === '1') {
  throw new Error(
    `chromium is required by CORSGUARD_REQUIRE_SERVERS=1 but ${missing}; run .ci/install-servers.sh`,
  );
}

async function listen(listener: RequestListener): Promise<{ server: Server; port: number }> {
  const server = createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port };
}

/** What the API answers: what it saw, so the page can prove what it read. */
function apiBody(method: string, cookie: string | null, custom: string | null): string {
  return JSON.stringify({ method, cookie, custom });
}

const appHits: string[] = [];

function nodeApi(options: CorsOptions): RequestListener {
  const guard = nodeCors(options);
  return (req, res) => {
    if (guard(req, res)) return;
    appHits.push(`node ${req.method}`);
    res.setHeader('Content-Type', 'application/json');
    res.setHeader('X-Request-Id', 'r-42');
    res.setHeader('X-Secret', 'not-exposed');
    const custom = req.headers['x-custom'];
    res.end(
      apiBody(req.method ?? '', req.headers.cookie ?? null, typeof custom === 'string' ? custom : null),
    );
  };
}

function honoApi(options: CorsOptions): RequestListener {
  const app = new Hono();
  app.use('*', honoCors(options));
  app.all('*', (c) => {
    appHits.push(`hono ${c.req.method}`);
    return new Response(
      apiBody(c.req.method, c.req.header('cookie') ?? null, c.req.header('x-custom') ?? null),
      {
        headers: { 'Content-Type': 'application/json', 'X-Request-Id': 'r-42', 'X-Secret': 'not-exposed' },
      },
    );
  });
  return getRequestListener(app.fetch) as RequestListener;
}

describe.skipIf(missing !== null)('a real browser reads what the policy allows and nothing else', () => {
  let browser: Browser;
  let page: Page;
  let refusedPage: Page;
  const servers: Server[] = [];
  const apis: Record<string, number> = {};

  beforeAll(async () => {
    const pages = await listen((_req, res) => {
      res.setHeader('Content-Type', 'text/html');
      res.end('<!doctype html><title>front-end</title>');
    });
    servers.push(pages.server);
    // Page and API are both on localhost (same site, cross-origin: the cookie is first-party), so an
    // http:// origin may use credentials (loopback). The refused page is at 127.0.0.1.
    const trusted = `http://localhost:${pages.port}`;
    const options: CorsOptions = {
      origins: [trusted],
      credentials: true,
      methods: ['PUT'],
      requestHeaders: ['X-Custom', 'Content-Type'],
      exposeHeaders: ['X-Request-Id'],
    };
    for (const [name, build] of [
      ['node', nodeApi],
      ['hono', honoApi],
    ] as const) {
      const api = await listen(build(options));
      servers.push(api.server);
      apis[name] = api.port;
    }
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    const context = await browser.newContext();
    await context.addCookies([{ name: 'session', value: 'abc123', domain: 'localhost', path: '/' }]);
    page = await context.newPage();
    await page.goto(`${trusted}/`);
    refusedPage = await context.newPage();
    await refusedPage.goto(`http://127.0.0.1:${pages.port}/`);
  });

  afterAll(async () => {
    await browser?.close();
    for (const s of servers) {
      s.closeAllConnections();
      await new Promise<void>((resolve) => s.close(() => resolve()));
    }
  });

  /** Runs fetch in the page; returns what script could read, or the error's name. */
  function fetchIn(
    p: Page,
    url: string,
    init: {
      method?: string;
      headers?: Record<string, string>;
      credentials?: 'include' | 'omit' | 'same-origin';
      body?: string;
    },
  ) {
    return p.evaluate(
      async ([u, i]) => {
        try {
          const res = await fetch(u, i);
          return {
            ok: true as const,
            status: res.status,
            body: (await res.json()) as { method: string; cookie: string | null; custom: string | null },
            requestId: res.headers.get('x-request-id'),
            secret: res.headers.get('x-secret'),
          };
        } catch (err) {
          return { ok: false as const, error: (err as Error).name };
        }
      },
      [url, init] as const,
    );
  }

  describe.each(['node', 'hono'])('corsguard/%s', (name) => {
    const url = () => `http://localhost:${apis[name]}/data`;

    it('reads a credentialed GET with the cookie, and only the exposed headers', async () => {
      const r = await fetchIn(page, url(), { credentials: 'include' });
      expect(r).toMatchObject({
        ok: true,
        status: 200,
        body: { method: 'GET', cookie: 'session=abc123' },
        requestId: 'r-42',
        secret: null,
      });
    });

    it('sends a preflighted PUT with a custom header and reads the answer; the preflight never reaches the app', async () => {
      appHits.length = 0;
      const r = await fetchIn(page, url(), {
        method: 'PUT',
        credentials: 'include',
        headers: { 'X-Custom': 'yes', 'Content-Type': 'application/json' },
        body: '{}',
      });
      expect(r).toMatchObject({ ok: true, body: { method: 'PUT', custom: 'yes', cookie: 'session=abc123' } });
      expect(appHits).toEqual([`${name} PUT`]);
    });

    it('refuses a method the policy does not allow (the browser blocks it at the preflight)', async () => {
      appHits.length = 0;
      const r = await fetchIn(page, url(), { method: 'DELETE', credentials: 'include' });
      expect(r).toEqual({ ok: false, error: 'TypeError' });
      expect(appHits).toEqual([]);
    });

    it('refuses a request header the policy does not allow', async () => {
      const r = await fetchIn(page, url(), { method: 'PUT', headers: { 'X-Other': '1' } });
      expect(r).toEqual({ ok: false, error: 'TypeError' });
    });

    it('a page at a refused origin gets a TypeError, with or without credentials', async () => {
      expect(await fetchIn(refusedPage, url(), { credentials: 'include' })).toEqual({
        ok: false,
        error: 'TypeError',
      });
      expect(await fetchIn(refusedPage, url(), {})).toEqual({ ok: false, error: 'TypeError' });
    });
  });
});
