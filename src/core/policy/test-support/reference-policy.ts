import fc from 'fast-check';
import type { PolicyInput } from '../types.js';

/** The subdomain pattern the property tests draw policies with. */
export const SUBDOMAINS = 'https://*.example.com';
/** The loopback development pattern the property tests draw policies with. */
export const LOOPBACK = 'http://localhost:*';

/**
 * An independent, obviously-correct statement of what a property-test policy allows (exact origins,
 * {@link SUBDOMAINS} and {@link LOOPBACK} only), written with the WHATWG URL parser instead of the matcher.
 */
export function policyAllows(input: PolicyInput, origin: string): boolean {
  if (input.origins === '*') return true;
  if (input.origins.includes(origin)) return true;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.origin !== origin) return false;
  if (
    input.origins.includes(SUBDOMAINS) &&
    url.protocol === 'https:' &&
    url.port === '' &&
    url.hostname.endsWith('.example.com')
  )
    return true;
  // A loopback pattern names one host: http://localhost:* allows neither 127.0.0.1 nor [::1].
  return input.origins.includes(LOOPBACK) && url.protocol === 'http:' && url.hostname === 'localhost';
}

/**
 * Random policies drawn from `pool` plus {@link SUBDOMAINS} and {@link LOOPBACK}: any origin or a
 * non-empty allowlist, credentials, extra methods and request headers (or `*` for both, with credentials
 * through `dangerouslyAllowAnyMethodAndHeaderWithCredentials`), Private Network Access, and a random
 * `maxAge` when `withMaxAge`.
 */
export function policyInputArbitrary(pool: readonly string[], withMaxAge = false): fc.Arbitrary<PolicyInput> {
  return fc
    .record({
      anyOrigin: fc.boolean(),
      origins: fc.subarray([...pool, SUBDOMAINS, LOOPBACK], { minLength: 1 }),
      credentials: fc.boolean(),
      methods: fc.subarray(['PUT', 'DELETE', 'PATCH']),
      requestHeaders: fc.subarray(['authorization', 'x-api-key', 'content-type']),
      privateNetwork: fc.boolean(),
      // methods: ['*'] and requestHeaders: ['*'] (with credentials, through the dangerous option).
      wildcards: fc.boolean(),
      maxAge: withMaxAge
        ? fc.option(fc.integer({ min: 0, max: 86_400 }), { nil: undefined })
        : fc.constant(undefined),
    })
    .map((r): PolicyInput => {
      const methods = r.wildcards ? ['*', ...r.methods] : r.methods;
      const requestHeaders = r.wildcards ? ['*', ...r.requestHeaders] : r.requestHeaders;
      const { origins, credentials, privateNetwork, maxAge } = r;
      if (r.anyOrigin) return { origins: '*', methods, requestHeaders, maxAge };
      const dangerous =
        r.wildcards && credentials ? { dangerouslyAllowAnyMethodAndHeaderWithCredentials: true } : {};
      return { origins, credentials, methods, requestHeaders, privateNetwork, maxAge, ...dangerous };
    });
}
