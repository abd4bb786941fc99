import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Lab } from '../../capabilities/lab/index.js';
import type { ReportTarget } from '../../outputs/report/index.js';
import { scanLab } from '../../outputs/report/test-support/lab-results.js';
import { NULL_HOST_ORIGIN, verifyPlan } from './index.js';
import { pageOrigin } from './plan.js';

describe('verifyPlan on the lab', () => {
  let lab: Lab;
  let targets: ReportTarget[];
  const plans = () =>
    new Map(
      targets.flatMap((t) =>
        t.findings.map((f) => [f.id, verifyPlan(t, f)] as const).filter(([, p]) => p !== undefined),
      ),
    );

  beforeAll(async () => {
    ({ lab, targets } = await scanLab());
  }, 60_000);
  afterAll(() => lab?.close());

  it('verifies the exploitable findings and the refused grants, expecting what the browser model says', () => {
    const p = plans();
    expect(p.get('origin-reflected')).toMatchObject({ kind: 'fetch-credentialed', expected: true });
    expect(p.get('null-origin-allowed')).toMatchObject({
      kind: 'null-origin',
      origin: NULL_HOST_ORIGIN,
      expected: true,
    });
    expect(p.get('websocket-origin-unchecked')).toMatchObject({ kind: 'websocket', expected: true });
    expect(p.get('websocket-origin-unchecked')?.origin).toMatch(/^http:\/\//);
    // `*` with credentials: the page asks for cookies, as the server meant, and the model says no.
    expect(p.get('wildcard-with-credentials')).toMatchObject({ kind: 'fetch-credentialed', expected: false });
    expect(p.get('invalid-cors-headers')).toMatchObject({ kind: 'fetch-credentialed', expected: false });
    expect(p.get('localhost-trusted')?.origin).toBe('http://localhost:3000');
  });

  it('leaves configuration findings and public reads unverified', () => {
    const p = plans();
    for (const id of [
      'wildcard-origin',
      'vary-origin-missing',
      'preflight-permissive',
      'max-age-excessive',
      'expose-headers-sensitive',
      'private-network-allowed',
      'samesite-none-cookie',
    ])
      expect(p.has(id as never), id).toBe(false);
  });

  it('builds pages whose script reads the victim URL from the attacker page', () => {
    const reflect = plans().get('origin-reflected');
    expect(reflect?.html).toContain('credentials: "include"');
    expect(reflect?.html).toContain(JSON.stringify(reflect?.url));
  });
});

describe('pageOrigin', () => {
  it('serves an https attacker page at its http twin for an http or ws target (mixed content), as is otherwise', () => {
    expect(pageOrigin('https://x.invalid', 'http://api.example.com/me')).toEqual({
      origin: 'http://x.invalid',
      note: expect.stringMatching(/served at http:\/\/x\.invalid, not https:\/\/x\.invalid.*mixed content/),
    });
    expect(pageOrigin('https://x.invalid:8443', 'ws://api.example.com/socket').origin).toBe(
      'http://x.invalid:8443',
    );
    expect(pageOrigin('https://x.invalid', 'https://api.example.com/me')).toEqual({
      origin: 'https://x.invalid',
    });
    expect(pageOrigin('http://localhost:3000', 'http://api.example.com/me')).toEqual({
      origin: 'http://localhost:3000',
    });
  });
});
