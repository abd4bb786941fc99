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
  return (
    input.origins.includes(LOOPBACK) &&
    url.protocol === 'http:' &&
    ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname)
  );
}

/**
 * Random policies drawn from `pool` plus {@link SUBDOMAINS} and {@link LOOPBACK}: any origin or an
 * allowlist, credentials, extra methods and request headers, Private Network Access, and a random
 * `maxAge` when `withMaxAge`.
 */
export function policyInputArbitrary(pool: readonly string[], withMaxAge = false): fc.Arbitrary<PolicyInput> {
  return fc
    .record({
      anyOrigin: fc.boolean(),
      origins: fc.subarray([...pool, SUBDOMAINS, LOOPBACK]),
      credentials: fc.boolean(),
      methods: fc.subarray(['PUT', 'DELETE', 'PATCH']),
      requestHeaders: fc.subarray(['authorization', 'x-api-key', 'content-type']),
      privateNetwork: fc.boolean(),
      maxAge: withMaxAge
        ? fc.option(fc.integer({ min: 0, max: 86_400 }), { nil: undefined })
        : fc.constant(undefined),
    })
    .map(
      ({ anyOrigin, origins, credentials, methods, requestHeaders, privateNetwork, maxAge }): PolicyInput =>
        anyOrigin
          ? { origins: '*', methods, requestHeaders, maxAge }
          : { origins, credentials, methods, requestHeaders, privateNetwork, maxAge },
    );
}
