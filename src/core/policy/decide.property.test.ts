import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CredentialsMode, HeaderList } from '../browser/index.js';
import {
  corsCheck,
  corsUnsafeRequestHeaderNames,
  isSafelistedMethod,
  preflightCheck,
} from '../browser/index.js';
import { parseTupleOrigin } from '../origin/index.js';
import { bypassProbes, generalHostileProbes } from '../probes/index.js';
import { createPolicy } from './create-policy.js';
import { createDecider } from './decide.js';
import { policyAllows, policyInputArbitrary } from './test-support/reference-policy.js';

// Property tests: for random policies and requests, the decision never lets a browser read what the
// policy does not allow, and agrees with the browser model (Fetch §CORS check, §CORS-preflight fetch).

const POOL = [
  'https://app.example.com',
  'https://www.example.co.uk',
  'http://localhost:3000',
  'https://api.example.com:8443',
];
const ctx = { label: 'q7x', attacker: 'q7x.invalid' };
const HOSTILE = [
  ...POOL.flatMap((o) => bypassProbes(parseTupleOrigin(o), ctx).map((p) => p.origin)),
  ...generalHostileProbes(ctx).map((p) => p.origin),
  'https://a.b.example.com',
  'https://example.com',
  'http://127.0.0.1:8080',
  'http://[::1]:9000',
];
const METHODS = ['GET', 'POST', 'HEAD', 'PUT', 'DELETE', 'PATCH', 'patch'];
const HEADERS = ['Authorization', 'X-Api-Key', 'Content-Type', 'X-Other', 'Accept'];

const policyInput = policyInputArbitrary(POOL);

const requestArb = fc.record({
  origin: fc.oneof(fc.constantFrom(...POOL, ...HOSTILE), fc.string({ maxLength: 40 })),
  method: fc.constantFrom(...METHODS),
  headers: fc
    .subarray(HEADERS)
    .map((names): HeaderList => names.map((n) => [n, n === 'Content-Type' ? 'application/json' : 'v'])),
  privateNetwork: fc.boolean(),
  credentials: fc.constantFrom<CredentialsMode>('include', 'omit'),
});

describe('decision vs browser model (property-based)', () => {
  it('a browser reads an actual response only if the policy allows the origin, and always when it does', () => {
    fc.assert(
      fc.property(policyInput, requestArb, (input, r) => {
        const decide = createDecider(createPolicy(input));
        const d = decide({
          method: r.method,
          origin: r.origin,
          requestMethod: null,
          requestHeaders: null,
          requestPrivateNetwork: null,
        });
        const read = corsCheck({ origin: r.origin, credentials: r.credentials, headers: d.headers }).ok;
        if (read) expect(policyAllows(input, r.origin)).toBe(true);
        const policyMode: CredentialsMode = input.credentials === true ? 'include' : 'omit';
        if (r.credentials === policyMode) expect(read).toBe(policyAllows(input, r.origin));
      }),
      { numRuns: 3000 },
    );
  });

  it('a browser accepts a preflight exactly when the decision allows it, and only within the policy', () => {
    fc.assert(
      fc.property(policyInput, requestArb, (input, r) => {
        const policy = createPolicy(input);
        const decide = createDecider(policy);
        const unsafe = corsUnsafeRequestHeaderNames(r.headers);
        const d = decide({
          method: 'OPTIONS',
          origin: r.origin,
          requestMethod: r.method,
          requestHeaders: unsafe.length > 0 ? unsafe.join(',') : null,
          requestPrivateNetwork: r.privateNetwork ? 'true' : null,
        });
        const credentials: CredentialsMode = input.credentials === true ? 'include' : 'omit';
        const browser = preflightCheck(
          {
            origin: r.origin,
            method: r.method,
            headers: r.headers,
            credentials,
            privateNetwork: r.privateNetwork,
          },
          { status: d.allowed ? 204 : 403, headers: d.headers },
          'chromium',
        );
        expect(browser.result.ok).toBe(d.allowed);
        if (d.allowed) {
          expect(policyAllows(input, r.origin)).toBe(true);
          expect(isSafelistedMethod(r.method) || policy.anyMethod || policy.methods.includes(r.method)).toBe(
            true,
          );
          for (const name of unsafe)
            expect(policy.anyRequestHeader || policy.requestHeaders.includes(name)).toBe(true);
          if (r.privateNetwork) expect(policy.privateNetwork && POOL.includes(r.origin)).toBe(true);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it("a refusal's cause is the one the browser model finds on the answer, whatever the failure status", () => {
    // The browser model's failure → cause, for an answer without CORS headers (Fetch §4.9 step 2,
    // §4.7 step 7); the diagnose capability's causeOfFailure reads it the same way.
    const causeOf = (failure: string, status: number) =>
      failure === 'no-allow-origin'
        ? 'acao-missing'
        : failure === 'preflight-status'
          ? status >= 300 && status <= 399
            ? 'preflight-redirect'
            : 'preflight-status'
          : `unexpected ${failure}`;
    fc.assert(
      fc.property(
        policyInput,
        requestArb,
        fc.constantFrom(200, 204, 299, 302, 400, 403, 404, 500),
        (input, r, status) => {
          const decide = createDecider(createPolicy(input), { preflightFailureStatus: status });
          const unsafe = corsUnsafeRequestHeaderNames(r.headers);
          const credentials: CredentialsMode = input.credentials === true ? 'include' : 'omit';
          const actual = decide({
            method: r.method,
            origin: r.origin,
            requestMethod: null,
            requestHeaders: null,
            requestPrivateNetwork: null,
          });
          if (!actual.allowed) {
            const check = corsCheck({ origin: r.origin, credentials, headers: actual.headers });
            expect(check.ok).toBe(false);
            if (!check.ok) expect(actual.cause).toBe(causeOf(check.failure, 200));
          } else expect(actual.cause).toBeNull();
          const d = decide({
            method: 'OPTIONS',
            origin: r.origin,
            requestMethod: r.method,
            requestHeaders: unsafe.length > 0 ? unsafe.join(',') : null,
            requestPrivateNetwork: r.privateNetwork ? 'true' : null,
          });
          if (d.allowed) {
            expect([d.cause, d.check]).toEqual([null, null]);
            return;
          }
          const browser = preflightCheck(
            {
              origin: r.origin,
              method: r.method,
              headers: r.headers,
              credentials,
              privateNetwork: r.privateNetwork,
            },
            { status, headers: d.headers },
            'chromium',
          ).result;
          expect(browser.ok).toBe(false);
          if (!browser.ok) expect(d.cause).toBe(causeOf(browser.failure, status));
          expect(d.check).not.toBeNull();
        },
      ),
      { numRuns: 2000 },
    );
  });
});
