import { describe, expect, it } from 'vitest';
import { bundleUrls, MAX_NESTING } from './bundle-urls.js';

const urls = (text: string) => bundleUrls(text).urls.map((u) => u.url);

describe('bundleUrls', () => {
  it('takes the URLs of fetch, axios, XMLHttpRequest, jQuery, WebSocket and GraphQL clients', () => {
    const found = urls(`
      const API = 'https://api.shop.test/v1';
      fetch('/api/cart');
      window.fetch(API + '/me');
      axios.get(\`\${API}/orders/\${id}\`);
      axios({ method: 'post', url: 'https://pay.shop.test/charge' });
      const xhr = new XMLHttpRequest(); xhr.open('GET', '/legacy/list');
      $.ajax({ url: '/jq/items' });
      new WebSocket('wss://live.shop.test/socket');
      new ApolloClient({ uri: '/graphql' });
      const docs = 'https://example.com/docs'; // not API-like, not a request
      map.get('/not-a-url-call');
    `);
    expect(found).toEqual(
      expect.arrayContaining([
        '/api/cart',
        'https://api.shop.test/v1/me',
        'https://api.shop.test/v1/orders/',
        'https://pay.shop.test/charge',
        '/legacy/list',
        '/jq/items',
        'wss://live.shop.test/socket',
        '/graphql',
      ]),
    );
    expect(found).not.toContain('https://example.com/docs');
    expect(found).not.toContain('/not-a-url-call');
  });

  it('gives the line of each URL and the module imports', () => {
    const scan = bundleUrls("import a from './chunk-a.js';\n\nfetch('/api/x');\nimport('./chunk-b.js');");
    expect(scan.urls).toContainEqual({ url: '/api/x', line: 3 });
    expect(scan.imports.map((i) => i.url)).toEqual(['./chunk-a.js', './chunk-b.js']);
    expect(scan.problem).toBeUndefined();
  });

  it('does not resolve a name bound to two values', () => {
    expect(urls("let B = '/api/a'; B = 'x'; var B = '/api/b'; fetch(B + '/z');")).not.toContain('/api/a/z');
  });

  it('reads a huge string literal without keeping it', () => {
    const text = `const blob = "${'x'.repeat(3 * 1024 * 1024)}"; fetch("/api/big");`;
    expect(urls(text)).toEqual(['/api/big']);
  });

  it('does not hand deeply nested code to the parser, and still takes quoted API URLs', () => {
    const depth = MAX_NESTING * 20;
    const text = `${'['.repeat(depth)}"https://api.shop.test/deep"${']'.repeat(depth)}`;
    const scan = bundleUrls(text);
    expect(scan.problem).toMatch(/nest deeper/);
    expect(scan.urls.map((u) => u.url)).toEqual(['https://api.shop.test/deep']);
  });

  it('walks nesting just under the limit without overflowing the stack', () => {
    const depth = MAX_NESTING - 10;
    const text = `fetch("/api/n", ${'['.repeat(depth)}${']'.repeat(depth)});`;
    expect(urls(text)).toEqual(['/api/n']);
  });

  it('reports invalid JavaScript and falls back to quoted URLs', () => {
    const scan = bundleUrls('<<<>>> ))) fetch("/api/broken") "https://api.shop.test/v2/x"');
    expect(scan.problem).toMatch(/not valid JavaScript/);
    expect(scan.urls.map((u) => u.url)).toEqual(['/api/broken', 'https://api.shop.test/v2/x']);
  });

  it('bounds a pathological concatenation', () => {
    const text = `fetch(${Array.from({ length: 5000 }, () => "'/api/aaaa'").join(' + ')});`;
    expect(() => bundleUrls(text)).not.toThrow();
  });
});
