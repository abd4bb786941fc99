import { describe, expect, it } from 'vitest';
import { preflightFor } from './index.js';

const base = { url: 'https://api.example/v1', origin: 'https://app.example' };

describe('the preflight a browser sends', () => {
  it('is none for a GET with safelisted headers', () => {
    expect(preflightFor({ ...base, headers: ['Accept', 'Accept-Language'] })).toBeNull();
  });

  it('is none for a form POST', () => {
    expect(
      preflightFor({ ...base, method: 'post', contentType: 'application/x-www-form-urlencoded' }),
    ).toBeNull();
  });

  it('asks for PUT (normalized from put)', () => {
    expect(preflightFor({ ...base, method: 'put' })).toEqual({
      method: 'OPTIONS',
      url: base.url,
      requestMethod: 'PUT',
      requestHeaders: [],
      headers: [
        ['Origin', 'https://app.example'],
        ['Access-Control-Request-Method', 'PUT'],
      ],
    });
  });

  it('keeps patch as written, since fetch() does not upper-case it', () => {
    expect(preflightFor({ ...base, method: 'patch' })?.requestMethod).toBe('patch');
  });

  it('lists the unsafe headers lower-cased, sorted, comma-joined, without the safelisted ones', () => {
    const p = preflightFor({
      ...base,
      method: 'POST',
      headers: ['X-Request-Id', 'Authorization', 'Accept', ['Content-Language', 'en']],
      contentType: 'application/json',
    });
    expect(p?.requestHeaders).toEqual(['authorization', 'content-type', 'x-request-id']);
    expect(p?.headers).toContainEqual([
      'Access-Control-Request-Headers',
      'authorization,content-type,x-request-id',
    ]);
  });

  it('is sent for a header value that is not safelisted (Accept with a parenthesis)', () => {
    expect(preflightFor({ ...base, headers: [['Accept', 'text/(x)']] })?.requestHeaders).toEqual(['accept']);
  });

  it('lists a header once when it is given twice', () => {
    expect(preflightFor({ ...base, headers: ['X-A', 'x-a'] })?.requestHeaders).toEqual(['x-a']);
  });

  it('refuses a URL that does not parse', () => {
    expect(() => preflightFor({ ...base, url: 'not a url' })).toThrow(/not a URL/);
  });
});
