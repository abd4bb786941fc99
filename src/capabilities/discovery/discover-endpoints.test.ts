import { describe, expect, it } from 'vitest';
import type { TextExchange } from '../scan/index.js';
import { type DocumentFetcher, discoverEndpoints } from './discover-endpoints.js';

type Reply = { status?: number; body?: string; headers?: Record<string, string> };

/** A fetcher answering from a table (404 otherwise), recording every URL asked for. */
function fake(table: Record<string, Reply>, delayMs = 0): DocumentFetcher & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    async fetchText({ url, maxBytes, signal }) {
      asked.push(url);
      if (delayMs) await new Promise((r) => setTimeout(r, delayMs));
      if (signal?.aborted) throw Object.assign(new Error('aborted'), { code: 'ABORT_ERR' });
      const r = table[url] ?? { status: 404, body: 'nope', headers: { 'content-type': 'text/plain' } };
      const body = r.body ?? '';
      const ex: TextExchange = {
        request: { method: 'GET', url, headers: {} },
        status: r.status ?? 200,
        headers: Object.entries(r.headers ?? {}),
        body: body.slice(0, maxBytes),
        truncated: body.length > maxBytes,
      };
      return ex;
    },
  };
}

const html = (scripts: string) => ({
  body: `<html><head>${scripts}</head></html>`,
  headers: { 'content-type': 'text/html' },
});

describe('discoverEndpoints', () => {
  it('stays on a shared-hosting site exactly: another github.io name is third party', async () => {
    const f = fake({
      'https://me.github.io/': html(
        `<script>fetch('https://me.github.io/api/a'); fetch('https://you.github.io/api/b')</script>`,
      ),
    });
    const found = await discoverEndpoints('https://me.github.io/', f);
    expect(found.scope).toBe('me.github.io');
    expect(found.endpoints.map((e) => e.url)).toEqual(['https://me.github.io/api/a']);
    expect(found.dropped).toContainEqual(
      expect.objectContaining({ url: 'https://you.github.io/api/b', reason: 'third-party' }),
    );
    expect(f.asked.every((u) => u.startsWith('https://me.github.io/'))).toBe(true);
  });

  it('accepts a bare domain and deduplicates an endpoint found twice, keeping both sources', async () => {
    const f = fake({
      'https://example.com/': html(`<script src="/a.js"></script><script>fetch("/api/x#frag")</script>`),
      'https://example.com/a.js': { body: 'fetch("/api/x")' },
    });
    const found = await discoverEndpoints('example.com', f);
    expect(found.endpoints).toEqual([
      {
        url: 'https://example.com/api/x',
        from: [
          { url: 'https://example.com/', kind: 'page', line: 1 },
          { url: 'https://example.com/a.js', kind: 'script', line: 1 },
        ],
      },
    ]);
  });

  it('follows a same-site redirect a bounded number of hops, never an off-site one', async () => {
    const f = fake({
      'https://www.shop.test/': { status: 301, headers: { location: 'https://shop.test/' } },
      'https://shop.test/': { status: 302, headers: { location: '/home' } },
      'https://shop.test/home': { status: 302, headers: { location: '/home2' } },
      'https://shop.test/home2': { status: 302, headers: { location: '/home3' } },
      'https://shop.test/home3': html('<script>fetch("/api/too-far")</script>'),
      'https://www.shop.test/openapi.json': {
        status: 307,
        headers: { location: 'https://evil.test/openapi.json' },
      },
    });
    const found = await discoverEndpoints('https://www.shop.test/', f, { maxRedirects: 3 });
    expect(f.asked).toContain('https://shop.test/home2');
    expect(f.asked).not.toContain('https://shop.test/home3');
    expect(f.asked.some((u) => u.startsWith('https://evil.test'))).toBe(false);
    expect(found.dropped).toContainEqual(
      expect.objectContaining({ url: 'https://evil.test/openapi.json', reason: 'redirect-off-site' }),
    );
  });

  it('keeps to the document and script budgets', async () => {
    const scripts = Array.from({ length: 20 }, (_, i) => `<script src="/s${i}.js"></script>`).join('');
    const f = fake({ 'https://a.test/': html(scripts) });
    const found = await discoverEndpoints('https://a.test/', f, { maxDocuments: 8, maxScripts: 5 });
    expect(f.asked).toHaveLength(8);
    expect(found.documents).toHaveLength(8);
    expect(found.dropped.filter((d) => d.reason === 'document-budget').length).toBeGreaterThan(15);
    expect(found.notes.join('\n')).toMatch(/not fetched: over the document budget of 8 documents/);
  });

  it('reads an OpenAPI document, a Swagger 2 one and an API catalog at the usual places', async () => {
    const f = fake({
      'https://a.test/': html(''),
      'https://a.test/.well-known/api-catalog': {
        body: JSON.stringify({
          linkset: [
            { anchor: 'https://api.a.test/v9', 'service-desc': [{ href: 'https://api.a.test/spec.yaml' }] },
          ],
        }),
      },
      'https://api.a.test/spec.yaml': { body: 'openapi: 3.1.0\npaths:\n  /things/{id}:\n    get: {}\n' },
      'https://a.test/swagger.json': {
        body: JSON.stringify({
          swagger: '2.0',
          host: 'legacy.a.test',
          basePath: '/rest',
          paths: { '/items': { get: {} } },
        }),
      },
    });
    const found = await discoverEndpoints('https://a.test/', f);
    expect(found.endpoints.map((e) => e.url).sort()).toEqual([
      'https://api.a.test/things/1',
      'https://api.a.test/v9',
      'https://legacy.a.test/rest/items',
    ]);
  });

  it('keeps a common path that answers like an API, not an HTML fallback', async () => {
    const f = fake({
      'https://a.test/': html(''),
      'https://a.test/graphql': { status: 405, headers: { 'content-type': 'application/json' } },
      'https://a.test/api': { status: 200, body: '<html>', headers: { 'content-type': 'text/html' } },
    });
    const found = await discoverEndpoints('https://a.test/', f);
    expect(found.endpoints).toEqual([
      { url: 'https://a.test/graphql', from: [{ url: 'https://a.test/graphql', kind: 'common-path' }] },
    ]);
  });

  it('stops at its time limit and says so', async () => {
    const f = fake({ 'https://a.test/': html('') }, 200);
    const found = await discoverEndpoints('https://a.test/', f, { timeoutMs: 50 });
    expect(found.notes.join('\n')).toMatch(/time limit/);
    expect(f.asked.length).toBeLessThanOrEqual(4);
  });

  it('reads at most 20 inline scripts of a page, and says so', async () => {
    const inline = Array.from({ length: 25 }, (_, i) => `<script>fetch("/api/i${i}")</script>`).join('');
    const found = await discoverEndpoints('https://a.test/', fake({ 'https://a.test/': html(inline) }));
    expect(found.endpoints).toHaveLength(20);
    expect(found.notes.join('\n')).toMatch(/5 inline script\(s\) over the 20 read per page were skipped/);
  });

  it('refuses a site that is not http(s)', async () => {
    await expect(discoverEndpoints('ftp://a.test/', fake({}))).rejects.toThrow(/http or https page/);
  });
});
