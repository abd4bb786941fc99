import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ShopSite, startShopSite } from '../capabilities/discovery/test-support/shop-site.js';
import { reportErrors } from '../capabilities/scan/test-support/schema.js';
import { run } from './run.js';
import { fakeIo } from './test-support/fake-io.js';

describe('corsguard scan --discover', () => {
  let site: ShopSite;
  beforeAll(async () => {
    site = await startShopSite();
  });
  afterAll(async () => {
    await site.close();
  });
  const resolve = () => site.resolve.flatMap((r) => ['--resolve', r]);

  it('finds exactly the same-site endpoints, says where, scans them; third parties get no request', async () => {
    const t = fakeIo();
    const code = await run(
      [
        'scan',
        '--discover',
        `${site.hosts.www.origin}/`,
        ...resolve(),
        '--format',
        'json',
        '--timeout',
        '5000',
      ],
      t.io,
    );
    const report = JSON.parse(t.stdout.text);
    expect(reportErrors(report)).toEqual([]);
    const urls = report.targets.map((r: { url: string }) => r.url);
    expect([...urls].sort()).toEqual([...site.expected].sort());
    expect([...report.discovery.endpoints].sort()).toEqual([...site.expected].sort());

    expect(site.hosts.cdnOther.requests).toEqual([]);
    expect(site.hosts.apiOther.requests).toEqual([]);
    expect(site.hosts.docsOther.requests).toEqual([]);

    const byUrl = new Map(report.targets.map((r: { url: string }) => [r.url, r]));
    const products = byUrl.get(`${site.hosts.api.origin}/v1/products`) as {
      findings: { id: string }[];
      discoveredFrom: unknown[];
    };
    expect(products.findings.map((f) => f.id)).toContain('origin-reflected');
    expect(products.discoveredFrom).toEqual([
      { url: `${site.hosts.www.origin}/static/app.js`, kind: 'script', line: 5 },
    ]);
    expect(
      (byUrl.get(`${site.hosts.www.origin}/api/session`) as { discoveredFrom: unknown }).discoveredFrom,
    ).toEqual([{ url: `${site.hosts.www.origin}/`, kind: 'page', line: 9 }]);
    expect(
      (byUrl.get(`${site.hosts.api.origin}/v2/orders/1`) as { discoveredFrom: unknown }).discoveredFrom,
    ).toEqual([{ url: `${site.hosts.www.origin}/openapi.json`, kind: 'openapi' }]);

    const dropped = report.discovery.dropped.map(
      (d: { url: string; reason: string }) => `${d.reason} ${d.url}`,
    );
    expect(dropped).toEqual(
      expect.arrayContaining([
        `third-party ${site.hosts.cdnOther.origin}/lib/analytics.js`,
        `third-party ${site.hosts.apiOther.origin}/v1/ads`,
        `redirect-off-site ${site.hosts.docsOther.origin}/swagger.json`,
        `static-asset ${site.hosts.www.origin}/static/logo.png`,
      ]),
    );
    expect(code).toBe(1); // the reflecting endpoint is a high finding
    expect(t.stderr.text).toMatch(/discover: Discovered 6 endpoint\(s\) on shop\.test/);
  });

  it('keeps to --discover-limit and reports the rest as over budget, in the text report', async () => {
    const t = fakeIo();
    await run(
      [
        'scan',
        '--discover',
        `${site.hosts.www.origin}/`,
        ...resolve(),
        '--discover-limit',
        '2',
        '--fail-on',
        'none',
      ],
      t.io,
    );
    const scanned = t.stdout.text.split('\n').filter((l) => /^[✓✗!] /.test(l));
    expect(scanned).toHaveLength(2);
    expect(t.stdout.text).toMatch(/Discovery from http:\/\/www\.shop\.test:\d+\/ \(site shop\.test\)/);
    expect(t.stdout.text).toMatch(/Dropped 4 URL\(s\), over the endpoint limit of 2 \(--discover-limit\)/);
    expect(t.stdout.text).toMatch(/found in: page http:\/\/www\.shop\.test:\d+\/:9/);
  });

  it('every report format says what was discovered and where each endpoint was found', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'corsguard-discover-formats-'));
    const file = (f: string) => join(dir, `report.${f}`);
    const formats = ['sarif', 'junit', 'markdown', 'html'];
    const t = fakeIo();
    await run(
      [
        'scan',
        '--discover',
        `${site.hosts.www.origin}/`,
        ...resolve(),
        '--fail-on',
        'none',
        ...formats.flatMap((f) => ['-o', `${f}=${file(f)}`]),
      ],
      t.io,
    );
    const script = `script ${site.hosts.www.origin}/static/app.js:5`;
    const products = `${site.hosts.api.origin}/v1/products`;
    const read = (f: string) => readFileSync(file(f), 'utf8');

    const sarif = JSON.parse(read('sarif'));
    const run0 = sarif.runs[0];
    expect([...run0.properties.discovery.endpoints].sort()).toEqual([...site.expected].sort());
    expect(run0.properties.discovery.scope).toBe('shop.test');
    const reflected = run0.results.find(
      (r: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) =>
        r.locations[0]?.physicalLocation.artifactLocation.uri === products,
    );
    expect(reflected.properties.discoveredFrom).toEqual([
      { url: `${site.hosts.www.origin}/static/app.js`, kind: 'script', line: 5 },
    ]);

    const junit = read('junit');
    const suite = junit.slice(junit.indexOf(`<testsuite name="${products}"`));
    expect(suite.slice(0, suite.indexOf('</properties>'))).toContain(
      `<property name="discovered-from" value="${script}"/>`,
    );

    const markdown = read('markdown');
    expect(markdown).toMatch(/### Discovery from http:\/\/www\.shop\.test:\d+\/ \(site shop\.test\)/);
    expect(markdown).toContain(`\`${products}\`<br><sub>found in \`${script}\`</sub>`);
    expect(markdown).toContain(`dropped (third-party): ${site.hosts.cdnOther.origin}/lib/analytics.js`);

    const html = read('html');
    expect(html).toContain('data-testid="discovery"');
    const section = html.slice(html.indexOf(`data-url="${products}"`));
    expect(section.slice(0, section.indexOf('</section>'))).toContain(`Found in: <code>${script}</code>`);
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses what it cannot combine with, in one usage error', async () => {
    const t = fakeIo();
    expect(await run(['scan', '--discover', 'https://a.example/', 'https://b.example/'], t.io)).toBe(2);
    expect(t.stderr.text).toMatch(/--discover takes one site URL, got 2/);
    const u = fakeIo();
    expect(await run(['scan', '--discover-limit', '5', 'https://a.example/'], u.io)).toBe(2);
    expect(u.stderr.text).toMatch(/--discover-limit needs --discover/);
    const v = fakeIo();
    expect(await run(['scan', '--discover', '--lab', '--discover-limit', '0'], v.io)).toBe(2);
    expect(v.stderr.text).toMatch(/not of --lab.*--discover-limit must be a whole number/s);
  });
});
