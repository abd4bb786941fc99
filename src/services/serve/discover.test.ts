import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ShopSite, startShopSite } from '../../capabilities/discovery/test-support/shop-site.js';
import { openApiErrors, testServer } from './test-support/server.js';

describe('serve: a bare site is discovered first, every request through the SSRF gate', () => {
  let site: ShopSite;
  beforeAll(async () => {
    site = await startShopSite();
  });
  afterAll(async () => {
    await site.close();
  });

  it('scans the same-site endpoints that pass the gate; the forbidden host and third parties get no request', async () => {
    const lookups: string[] = [];
    const server = await testServer({
      // auth.shop.test resolves to an internal address: refused, for its documents and its endpoint.
      lookup: async (host) => {
        lookups.push(host);
        return [{ address: host === 'auth.shop.test' ? '10.0.0.7' : '127.0.0.1' }];
      },
      allowCidrs: ['127.0.0.1/32'],
      targetPorts: Object.values(site.hosts).map((h) => h.port),
      scansPerClient: 100,
    });
    try {
      const res = await server.post('/api/scans', { url: `${site.hosts.www.origin}/` });
      expect(res.status).toBe(202);
      expect(openApiErrors('ScanCreated', res.json)).toEqual([]);
      const d = res.json.discovery;
      const auth = `${site.hosts.auth.origin}/me`;
      const scanned = d.scans.map((s: { url: string }) => s.url).sort();
      expect(scanned).toEqual(site.expected.filter((u) => u !== auth).sort());
      expect(d.skipped).toEqual([{ url: auth, reason: expect.stringMatching(/resolves to 10\.0\.0\.7/) }]);
      expect(res.json.id).toBe(d.scans[0].id);

      const products = d.scans.find((s: { url: string }) => s.url.endsWith('/v1/products'));
      const done = await server.waitEnded(products.id, 60_000);
      expect(done.result.findings.map((f: { id: string }) => f.id)).toContain('origin-reflected');
      expect(done.result.discoveredFrom).toEqual([
        { url: `${site.hosts.www.origin}/static/app.js`, kind: 'script', line: 5 },
      ]);
      for (const s of d.scans) await server.waitEnded(s.id, 60_000);

      // The site itself: every endpoint with where it was found and its scan's outcome, what was skipped.
      const siteNow = await server.get(`/api/sites/${d.id}`);
      expect(siteNow.status).toBe(200);
      expect(openApiErrors('Site', siteNow.json)).toEqual([]);
      expect(siteNow.json.scans.map((s: { url: string }) => s.url)).toEqual(
        d.scans.map((s: { url: string }) => s.url),
      );
      expect(siteNow.json.scans.every((s: { status: string }) => s.status === 'done')).toBe(true);
      const productsNow = siteNow.json.scans.find((s: { url: string }) => s.url.endsWith('/v1/products'));
      expect(productsNow).toMatchObject({ grade: 'F', from: done.result.discoveredFrom });
      expect(siteNow.json.skipped).toEqual(d.skipped);
      const page = await server.get(`/sites/${d.id}`);
      expect(page.status).toBe(200);
      expect(page.text).toContain(`/scans/${products.id}`);
      expect((await server.get('/api/sites/00000000-0000-4000-8000-000000000000')).status).toBe(404);
      expect((await server.get('/sites/not-an-id')).status).toBe(404);

      expect(site.hosts.auth.requests).toEqual([]);
      expect(site.hosts.cdnOther.requests).toEqual([]);
      expect(site.hosts.apiOther.requests).toEqual([]);
      expect(site.hosts.docsOther.requests).toEqual([]);
      expect(lookups).not.toContain('cdn.other.test');
      expect(lookups).not.toContain('docs.other.test');
    } finally {
      await server.close();
    }
  }, 90_000);
});
