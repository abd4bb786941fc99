import { describe, expect, it } from 'vitest';
import { readApiDescription } from './api-description.js';
import { bundleUrls } from './bundle-urls.js';
import { readPage } from './html-page.js';
import { inScope, isStaticAsset, siteScope } from './scope.js';

describe('readPage', () => {
  it('takes scripts, preloads, service-desc links and <base>, skipping non-JS scripts and comments', () => {
    const page = readPage(`<base href="/app/">
<!-- <script src="/commented.js"></script> -->
<link rel="modulepreload" href="/chunk.js"><link rel="service-desc" href="/openapi.json">
<script type="application/ld+json">{"a":1}</script>
<SCRIPT SRC='/main.js'></SCRIPT>
<script>fetch("/x")</script>`);
    expect(page.base).toBe('/app/');
    expect(page.apiDescriptions).toEqual([{ href: '/openapi.json', line: 3 }]);
    expect(page.scripts).toEqual([
      { kind: 'external', src: '/chunk.js', line: 3 },
      { kind: 'external', src: '/main.js', line: 5 },
      { kind: 'inline', text: 'fetch("/x")', line: 6 },
    ]);
  });

  it('reads hostile markup in one pass', () => {
    const page = readPage(`${'<script '.repeat(50_000)}${'<'.repeat(100_000)}`);
    expect(page.scripts.length).toBeLessThanOrEqual(200);
  });
});

describe('readApiDescription', () => {
  it('uses server variables, samples path parameters and keeps GET paths only', () => {
    const d = readApiDescription(
      JSON.stringify({
        openapi: '3.0.0',
        servers: [{ url: 'https://{env}.example.com/v1/', variables: { env: { default: 'api' } } }],
        paths: { '/users/{id}': { get: {} }, '/login': { post: {} } },
      }),
    );
    expect(d.endpoints).toEqual(['https://api.example.com/v1/users/1']);
  });

  it('says why a document is not a description', () => {
    expect(readApiDescription('<html>').problem).toBe('not an API description');
    expect(readApiDescription('{"paths": {}}').problem).toMatch(/not an OpenAPI/);
    expect(readApiDescription('{').problem).toMatch(/not JSON or YAML/);
  });
});

describe('scope', () => {
  it('is the registrable domain by the PSL, the exact host for an IP', () => {
    expect(siteScope(new URL('https://www.shop.example.co.uk/'))).toBe('example.co.uk');
    expect(siteScope(new URL('http://127.0.0.1:8080/'))).toBe('127.0.0.1');
    expect(inScope(new URL('https://x.me.github.io/'), 'me.github.io')).toBe(true);
    expect(inScope(new URL('https://you.github.io/'), 'me.github.io')).toBe(false);
    expect(isStaticAsset(new URL('https://a.test/x/app.min.css?v=1'))).toBe(true);
    expect(isStaticAsset(new URL('https://a.test/api/v1/users'))).toBe(false);
  });
});

describe('bundleUrls on hostile scripts', () => {
  it('reads a script nested deep enough to crash a parser on a normal stack, without crashing this process', () => {
    // a ? b : a ? b : … nested 100,000 deep: no brackets, yet oxc's native recursion overflows an 8 MiB
    // stack on it (SIGSEGV). On the parser thread's stack it parses; the tree is refused as too deep.
    const text = `x = ${'a ? b : '.repeat(100_000)}"https://api.shop.test/v1/deep"`;
    const scan = bundleUrls(text);
    expect(scan.problem).toMatch(/deeper than/);
    expect(scan.urls.map((u) => u.url)).toEqual(['https://api.shop.test/v1/deep']);
  });

  it('parses a long ordinary script normally', () => {
    const text = `${'const x = 1;\n'.repeat(500)}fetch("/api/long");`;
    const scan = bundleUrls(text);
    expect(scan.problem).toBeUndefined();
    expect(scan.urls).toEqual([{ url: '/api/long', line: 501 }]);
  });
});
