import { describe, expect, it } from 'vitest';
import { FINDING_CATALOG } from '../scan/index.js';
import { finding } from '../scan/test-support/results.js';
import { explainFinding } from './explain.js';
import { exploitability } from './exploitability.js';
import { WORDING } from './wording.js';

const URL_ = 'https://api.example.com/me';

describe('explainFinding', () => {
  it('has wording for every finding id', () => {
    expect(Object.keys(WORDING).sort()).toEqual(Object.keys(FINDING_CATALOG).sort());
  });

  it('says who attacks from which origin, which data, with cookies, and shows the exact exchange', () => {
    const e = explainFinding(finding('critical'), URL_);
    expect(e.exploitability).toBe('credentialed');
    expect(e.serverDoes).toMatch(/^The server copies whatever Origin/);
    expect(e.attackerCan).toContain('https://evil.example');
    expect(e.attackerCan).toContain("with the victim's cookies");
    expect(e.certainty).toMatchObject({ level: 'confirmed' });
    expect(e.certainty.text).toContain('access-control-allow-credentials: true');
    expect(e.evidence[0]?.request).toEqual([
      'GET https://api.example.com/me',
      'origin: https://evil.example',
      'cookie: [redacted]',
      'authorization: [redacted]',
    ]);
    expect(e.evidence[0]?.response[0]).toBe('HTTP 200');
  });

  it('a credentialed read from a cross-site origin: says which browsers still send the cookies', () => {
    const e = explainFinding(finding('critical'), URL_);
    expect(e.certainty.text).toContain('https://evil.example is cross-site');
    expect(e.certainty.text).toMatch(/Chrome and Edge do by default; Safari .* and Firefox .* do not/);
    expect(e.certainty.text).not.toContain('every current browser');
  });

  it('a credentialed read from a trusted subdomain (same-site): cookies go in every browser', () => {
    const origin = 'https://anything.example.com';
    const e = explainFinding(
      finding('medium', {
        id: 'subdomain-trusted',
        credentialed: true,
        origin,
        evidence: [
          {
            request: { method: 'GET', url: URL_, headers: { origin } },
            response: {
              status: 200,
              headers: [
                ['access-control-allow-origin', origin],
                ['access-control-allow-credentials', 'true'],
              ],
            },
          },
        ],
      }),
      URL_,
    );
    expect(e.certainty.text).toContain(`${origin} is same-site with the endpoint`);
    expect(e.certainty.text).toContain('the read works in every current browser');
    // http: on an https API is cross-site for cookies (schemeful same-site).
    const insecure = 'http://anything.example.com';
    const e2 = explainFinding(
      finding('medium', {
        id: 'insecure-scheme-trusted',
        credentialed: true,
        origin: insecure,
        evidence: [
          {
            request: { method: 'GET', url: URL_, headers: { origin: insecure } },
            response: {
              status: 200,
              headers: [
                ['access-control-allow-origin', insecure],
                ['access-control-allow-credentials', 'true'],
              ],
            },
          },
        ],
      }),
      URL_,
    );
    expect(e2.certainty.text).toContain(`${insecure} is cross-site`);
  });

  it('says "without cookies" when only an anonymous read works', () => {
    const f = finding('low', {
      credentialed: false,
      evidence: [
        {
          request: { method: 'GET', url: URL_, headers: { origin: 'https://evil.example' } },
          response: { status: 200, headers: [['access-control-allow-origin', 'https://evil.example']] },
        },
      ],
    });
    expect(exploitability(f)).toBe('anonymous');
    expect(explainFinding(f, URL_).attackerCan).toContain("without the victim's cookies");
  });

  it('never calls a browser-blocked, preflight-only or info finding exploitable', () => {
    const blocked = finding('critical', {
      evidence: [
        {
          request: { method: 'GET', url: URL_, headers: { origin: 'https://evil.example' } },
          response: {
            status: 200,
            headers: [
              ['access-control-allow-origin', 'https://evil.example'],
              ['access-control-allow-origin', 'https://evil.example'],
            ],
          },
        },
      ],
    });
    expect(exploitability(blocked)).toBe('none');
    const preflightOnly = finding('medium', {
      evidence: [
        {
          request: {
            method: 'OPTIONS',
            url: URL_,
            headers: { origin: 'https://evil.example', 'access-control-request-method': 'PUT' },
          },
          response: { status: 204, headers: [['access-control-allow-origin', 'https://evil.example']] },
        },
      ],
    });
    expect(exploitability(preflightOnly)).toBe('none');
    expect(exploitability(finding('info'))).toBe('none');
    expect(exploitability(finding('low', { id: 'vary-origin-missing' }))).toBe('none');
    expect(explainFinding(preflightOnly, URL_).certainty.level).toBe('observed');
  });
});
