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
