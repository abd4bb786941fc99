import { describe, expect, it } from 'vitest';
import { CorsguardError } from '../core/errors/index.js';
import { type RawScanOptions, validateScanOptions } from './scan-options.js';

/** What commander hands over for `corsguard scan` with no options. */
const raw = (overrides: Partial<RawScanOptions> = {}): RawScanOptions => ({
  header: [],
  trustedOrigin: [],
  resolve: [],
  concurrency: '32',
  perHost: '6',
  rate: '0',
  timeout: '10000',
  targetTimeout: '120000',
  format: 'text',
  failOn: 'high',
  progress: true,
  ...overrides,
});

function usageError(overrides: Partial<RawScanOptions>): CorsguardError {
  try {
    validateScanOptions(raw(overrides));
  } catch (e) {
    expect(e).toBeInstanceOf(CorsguardError);
    expect((e as CorsguardError).code).toBe('USAGE');
    return e as CorsguardError;
  }
  throw new Error('expected a USAGE error');
}

describe('validateScanOptions', () => {
  it('applies the documented defaults', () => {
    const o = validateScanOptions(raw());
    expect(o).toEqual({
      scan: {
        concurrency: 32,
        perHost: 6,
        http2Streams: 32,
        ratePerHost: 0,
        timeoutMs: 10_000,
        targetTimeoutMs: 120_000,
        resolve: [],
        trustedOrigins: [],
        headers: {},
        insecure: false,
        followRedirects: false,
        ordered: true,
      },
      outputs: [{ format: 'text' }],
      failOn: 'high',
      lab: false,
      verify: false,
      progress: true,
      verbose: false,
      jobTimeoutSeconds: 300, // with --queue only: a dead worker's job is delivered again after 5 minutes
    });
  });

  it('reports every problem at once, one line each, in a single error', () => {
    const e = usageError({
      format: 'xml',
      failOn: 'urgent',
      method: 'GE T',
      concurrency: '0',
      perHost: '999',
      rate: '-1',
      timeout: 'soon',
      targetTimeout: '0',
      header: ['bad'],
      resolve: ['nonsense'],
      trustedOrigin: ['null', 'https://a.example/path'],
    });
    const lines = e.message.split('\n');
    expect(lines).toHaveLength(12);
    for (const fragment of [
      '--format must be one of text, json, jsonl, sarif, junit, markdown, html, got "xml"',
      '--fail-on must be one of critical, high, medium, low, info, none, got "urgent"',
      '-X "GE T" is not an HTTP method',
      '-c/--concurrency must be a whole number from 1 to 1024, got "0"',
      '--per-host must be a whole number from 1 to 256, got "999"',
      '--rate must be a whole number from 0 to 100000, got "-1"',
      '--timeout must be a whole number from 1 to 600000, got "soon"',
      '--target-timeout must be a whole number from 1 to 3600000, got "0"',
      '-H "bad" is not "Name: value"',
      '--resolve "nonsense" is not host:port:address',
      '--trusted-origin null: the null origin can never be trusted',
      'remove "/path"',
    ]) {
      expect(
        lines.some((l) => l.includes(fragment)),
        fragment,
      ).toBe(true);
    }
  });

  it('lower-cases header names and trims values', () => {
    const o = validateScanOptions(raw({ header: ['X-Api-Key: abc', 'Accept-Language:  en-GB '] }));
    expect(o.scan.headers).toEqual({ 'x-api-key': 'abc', 'accept-language': 'en-GB' });
  });

  it('keeps a colon inside a header value', () => {
    const o = validateScanOptions(raw({ header: ['Authorization: Basic a:b'] }));
    expect(o.scan.headers).toEqual({ authorization: 'Basic a:b' });
  });

  it.each([
    ['no colon', 'bad'],
    ['empty name', ': value'],
    ['space in name', 'X Api: 1'],
  ])('rejects a header with %s', (_name, header) => {
    expect(usageError({ header: [header] }).message).toContain('write it like -H "X-Api-Key: abc"');
  });

  it('refuses an Origin header in any case, because every probe sets its own', () => {
    expect(usageError({ header: ['origin: https://a.example'] }).message).toContain(
      '-H Origin is not allowed',
    );
  });

  it('normalises trusted origins to their serialisation', () => {
    const o = validateScanOptions(
      raw({
        trustedOrigin: ['HTTPS://App.Example.COM:443', 'http://localhost:80', 'https://a.example:8443'],
      }),
    );
    expect(o.scan.trustedOrigins).toEqual([
      'https://app.example.com',
      'http://localhost',
      'https://a.example:8443',
    ]);
  });

  it('delivers jsonl results as they finish (unordered) and json/text in input order', () => {
    expect(validateScanOptions(raw({ format: 'jsonl' })).scan.ordered).toBe(false);
    expect(validateScanOptions(raw({ format: 'json' })).scan.ordered).toBe(true);
    expect(validateScanOptions(raw({ format: 'text' })).scan.ordered).toBe(true);
  });

  it('passes method, cookie, proxy, output, input and colour through when given', () => {
    const o = validateScanOptions(
      raw({
        method: 'PUT',
        cookie: 'session=1',
        proxy: 'http://127.0.0.1:3128',
        output: 'out.json',
        input: '-',
        color: false,
        lab: true,
        insecure: true,
        followRedirects: true,
        verbose: true,
        progress: false,
        resolve: ['api.example.com:443:127.0.0.1'],
        failOn: 'none',
      }),
    );
    expect(o).toMatchObject({
      outputs: [{ format: 'text', file: 'out.json' }],
      input: '-',
      color: false,
      lab: true,
      verbose: true,
      progress: false,
      failOn: 'none',
      scan: {
        method: 'PUT',
        cookie: 'session=1',
        proxy: 'http://127.0.0.1:3128',
        insecure: true,
        followRedirects: true,
        resolve: ['api.example.com:443:127.0.0.1'],
      },
    });
  });

  it('names --proxy and the expected form when the proxy is not a URL', () => {
    expect(usageError({ proxy: 'not a url' }).message).toMatch(/--proxy "not a url".*http:\/\//);
  });
});
