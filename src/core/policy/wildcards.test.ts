import { describe, expect, it } from 'vitest';
import { preflightCheck } from '../browser/index.js';
import { createPolicy } from './create-policy.js';
import { type CorsRequest, createDecider } from './decide.js';
import type { PolicyInput } from './types.js';
import { validatePolicy } from './validate.js';

const APP = 'https://app.example.com';
const EVIL = 'https://evil.invalid';

function preflight(origin: string, method: string, headers: string | null = null): CorsRequest {
  return {
    method: 'OPTIONS',
    origin,
    requestMethod: method,
    requestHeaders: headers,
    requestPrivateNetwork: null,
  };
}
const decide = (input: PolicyInput, request: CorsRequest) => createDecider(createPolicy(input))(request);

describe('requestHeaders: ["*"] never covers Authorization (Fetch: CORS non-wildcard request-header name)', () => {
  it('refuses a preflight asking for authorization under a wildcard policy (credential theft via a stolen token header)', () => {
    const d = decide({ origins: '*', requestHeaders: ['*'] }, preflight(EVIL, 'GET', 'authorization'));
    expect(d.allowed).toBe(false);
    expect(d.headers).toEqual([]);
    expect(d.reason).toMatch(/never covers Authorization/);
  });

  it('refuses authorization hidden among other requested names', () => {
    const d = decide(
      { origins: '*', requestHeaders: ['*'] },
      preflight(EVIL, 'GET', 'x-a,Authorization,x-b'),
    );
    expect(d.allowed).toBe(false);
  });

  it('echoes authorization when it is listed explicitly besides "*"', () => {
    const d = decide(
      { origins: '*', requestHeaders: ['*', 'Authorization'] },
      preflight(EVIL, 'GET', 'authorization,x-foo'),
    );
    expect(d.allowed).toBe(true);
    expect(d.headers).toContainEqual(['Access-Control-Allow-Headers', 'authorization, x-foo']);
  });

  it('agrees with the browser model: a browser given "*" refuses Authorization too', () => {
    const browser = preflightCheck(
      { origin: EVIL, method: 'GET', headers: [['Authorization', 'Bearer x']], credentials: 'omit' },
      {
        status: 204,
        headers: [
          ['Access-Control-Allow-Origin', '*'],
          ['Access-Control-Allow-Headers', '*'],
        ],
      },
      'chromium',
    );
    expect(browser.result.ok).toBe(false);
  });

  it('refuses forbidden request-header names a wildcard would otherwise echo (no browser sends them)', () => {
    expect(decide({ origins: '*', requestHeaders: ['*'] }, preflight(EVIL, 'GET', 'cookie')).allowed).toBe(
      false,
    );
  });
});

describe('dangerouslyAllowAnyMethodAndHeaderWithCredentials', () => {
  const dangerous: PolicyInput = {
    origins: [APP],
    credentials: true,
    methods: ['*'],
    requestHeaders: ['*'],
    dangerouslyAllowAnyMethodAndHeaderWithCredentials: true,
  };

  it('without the option, "*" with credentials stays refused and the fix names the option and its risk', () => {
    const v = validatePolicy({ ...dangerous, dangerouslyAllowAnyMethodAndHeaderWithCredentials: undefined });
    expect(v.ok).toBe(false);
    const issues = v.ok ? [] : v.issues;
    expect(issues.map((i) => i.code)).toEqual([
      'method-wildcard-credentials',
      'request-header-wildcard-credentials',
    ]);
    for (const i of issues) {
      expect(i.fix).toContain('dangerouslyAllowAnyMethodAndHeaderWithCredentials: true');
      expect(i.fix).toMatch(/cookies/);
    }
  });

  it('echoes the requested method and headers with credentials (browsers read "*" literally then)', () => {
    const d = decide(dangerous, preflight(APP, 'PATCH', 'x-foo,x-bar'));
    expect(d.allowed).toBe(true);
    expect(d.headers).toEqual([
      ['Access-Control-Allow-Origin', APP],
      ['Access-Control-Allow-Credentials', 'true'],
      ['Access-Control-Allow-Methods', 'PATCH'],
      ['Access-Control-Allow-Headers', 'x-foo, x-bar'],
    ]);
  });

  it('still refuses a forbidden method and an unlisted Authorization', () => {
    expect(decide(dangerous, preflight(APP, 'TRACE')).allowed).toBe(false);
    expect(decide(dangerous, preflight(APP, 'GET', 'authorization')).allowed).toBe(false);
    const listed = { ...dangerous, requestHeaders: ['*', 'Authorization'] };
    expect(decide(listed, preflight(APP, 'GET', 'authorization')).allowed).toBe(true);
  });

  it('still refuses origins outside the allowlist (the option widens methods and headers, never origins)', () => {
    expect(decide(dangerous, preflight(EVIL, 'PATCH')).allowed).toBe(false);
  });

  it('is recorded on the policy only when credentials are on', () => {
    expect(createPolicy(dangerous).dangerouslyAllowAnyMethodAndHeaderWithCredentials).toBe(true);
    const anonymous = createPolicy({
      origins: [APP],
      dangerouslyAllowAnyMethodAndHeaderWithCredentials: true,
    });
    expect(anonymous.dangerouslyAllowAnyMethodAndHeaderWithCredentials).toBe(false);
  });

  it('refuses a non-boolean value', () => {
    const v = validatePolicy({ ...dangerous, dangerouslyAllowAnyMethodAndHeaderWithCredentials: 'yes' });
    expect(v.ok ? [] : v.issues.map((i) => `${i.code}@${i.path.join('.')}`)).toContain(
      'type@dangerouslyAllowAnyMethodAndHeaderWithCredentials',
    );
  });
});
