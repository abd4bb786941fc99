import { describe, expect, it } from 'vitest';
import { finding, target } from '../../capabilities/scan/test-support/results.js';
import { findingFingerprint, originFamily } from '../report/index.js';
import { pocFor, pocIndex, safeSlug } from './poc.js';

describe('safeSlug', () => {
  it.each([
    ['https://API.example.com:8443/v1/me?x=<y>', 'api.example.com-8443-v1-me-x-y'],
    ['wss://a.example/../../etc/passwd', 'a.example-etc-passwd'],
    ['https://a/"><script>', 'a-script'],
    ['', 'target'],
  ])('%s → %s', (input, slug) => expect(safeSlug(input)).toBe(slug));
});

describe('pocFor', () => {
  it('embeds hostile URLs inertly and names files safely', () => {
    const url = 'https://a.example/</script><script>alert(1)</script>';
    const page = pocFor(target(url), finding('critical'));
    expect(page?.fileName).toMatch(/^[a-z0-9.-]+--origin-reflected-[0-9a-f]{8}\.html$/);
    expect(page?.html).not.toContain('</script><script>alert(1)');
    expect(page?.html).toContain('\\u003c/script\\u003e');
    expect(pocIndex(page ? [page] : [])).not.toContain('<script>alert');
  });

  it('gives none for findings a browser cannot exploit', () => {
    expect(pocFor(target('https://a/'), finding('info'))).toBeUndefined();
    expect(pocFor(target('https://a/'), finding('low', { id: 'vary-origin-missing' }))).toBeUndefined();
  });
});

describe('findingFingerprint', () => {
  it('ignores the random attacker label but not the id, URL or origin family', () => {
    const fp = (id: string, url: string, origin: string) => findingFingerprint({ id, url, origin });
    const base = fp('origin-reflected', 'https://api.example.com/me', 'https://k3v9x2mq.invalid');
    expect(fp('origin-reflected', 'https://API.example.com/me', 'https://zz81ab0c.invalid')).toBe(base);
    expect(fp('null-origin-allowed', 'https://api.example.com/me', 'https://k3v9x2mq.invalid')).not.toBe(
      base,
    );
    expect(fp('origin-reflected', 'https://api.example.com/other', 'https://k3v9x2mq.invalid')).not.toBe(
      base,
    );
    expect(fp('origin-reflected', 'https://api.example.com/me', 'http://k3v9x2mq.invalid')).not.toBe(base);
    expect(base).toMatch(/^[0-9a-f]{32}$/);
  });

  it.each([
    ['null', 'null'],
    ['https://k3v9x2mqvictim.com', 'https://*.com'],
    ['https://app.victim.com_.k3v9x2mq.invalid', 'https://*.invalid'],
    ['https://k3v9x2mq.github.io', 'https://*.github.io'],
    ['https://app.victim.com:8443', 'https://*.com:8443'],
    ['https://app.victim.com:443', 'https://*.com'],
    ['http://localhost:3000', 'http://localhost:3000'],
    ['http://[::1]:3000', 'http://[::1]:3000'],
  ])('originFamily(%s) is %s', (origin, family) => expect(originFamily(origin)).toBe(family));
});
