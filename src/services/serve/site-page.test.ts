import { describe, expect, it } from 'vitest';
import type { StoredScan } from '../../capabilities/store/index.js';
import { resolveServeOptions } from './options.js';
import { sitePage } from './site-page.js';
import type { SiteView } from './site-view.js';

const options = resolveServeOptions({ dataDir: null, version: 'test' });
const scan = (status: StoredScan['status'], url: string): StoredScan => ({
  id: '11111111-1111-4111-8111-111111111111',
  url,
  status,
  request: { url },
  createdAt: new Date(0),
});
const view = (endpoints: SiteView['endpoints']): SiteView => ({
  id: '22222222-2222-4222-8222-222222222222',
  site: 'https://shop.example/',
  scope: 'shop.example',
  createdAt: new Date(0),
  endpoints,
  skipped: [],
  notes: [],
});

describe('sitePage', () => {
  it('reloads itself while a scan is pending, and stops once none is', () => {
    const url = 'https://api.shop.example/v1/cart';
    const running = sitePage(options, view([{ url, id: 'x', from: [], scan: scan('running', url) }]));
    expect(running).toContain('<meta http-equiv="refresh" content="3">');
    expect(running).toContain('1 to scan, 1 still queued or running');
    const failed = sitePage(options, view([{ url, id: 'x', from: [], scan: scan('failed', url) }]));
    expect(failed).not.toContain('http-equiv="refresh"');
    expect(failed).toContain('1 scanned');
  });

  it('a hostile URL or source from the site stays text, never markup or a link', () => {
    const evil = 'https://api.shop.example/"><script>alert(1)</script>';
    const page = sitePage(
      options,
      view([{ url: evil, id: 'x', from: [{ url: 'javascript:alert(1)', kind: 'script', line: 2 }] }]),
    );
    expect(page).not.toContain('<script>alert(1)');
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page).not.toContain('href="javascript:');
    expect(page).toContain('<code>javascript:alert(1)</code> line 2');
  });
});
