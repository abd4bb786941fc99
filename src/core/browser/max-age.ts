import { normalizeHeaderValue } from './headers.js';
import type { UserAgent } from './types.js';

/**
 * Upper bound, in seconds, each user agent imposes on `Access-Control-Max-Age`
 * (Fetch §CORS-preflight fetch step 7.10 "an imposed limit"). The spec itself sets none.
 *
 * @example
 * ```ts
 * MAX_AGE_CAP.chromium; // 7200
 * MAX_AGE_CAP.spec;     // Infinity
 * ```
 */
export const MAX_AGE_CAP: Readonly<Record<UserAgent, number>> = Object.freeze({
  spec: Number.POSITIVE_INFINITY,
  chromium: 7200,
  firefox: 86400,
  webkit: 600,
});

/**
 * Fetch §CORS-preflight fetch step 7.9: max-age used when `Access-Control-Max-Age` is absent or invalid.
 *
 * @example
 * ```ts
 * effectiveMaxAge(null) === DEFAULT_MAX_AGE; // true
 * ```
 */
export const DEFAULT_MAX_AGE = 5;

/**
 * Effective preflight-cache lifetime in seconds for a raw `Access-Control-Max-Age` value (the combined
 * value from {@link getHeader}; null when the header is absent). Absent or unparsable (including several
 * headers, which combine to `a, b`) → 5; a negative integer → 0 (caching disabled, as browsers treat `-1`);
 * otherwise the value capped for `ua` (default `'spec'`: uncapped).
 *
 * @example
 * ```ts
 * effectiveMaxAge('86400', 'chromium'); // 7200
 * effectiveMaxAge('abc');               // 5
 * effectiveMaxAge('-1');                // 0
 * ```
 */
export function effectiveMaxAge(value: string | null, ua: UserAgent = 'spec'): number {
  // Fetch §CORS-preflight fetch step 7.9: if max-age is failure or null, set it to 5.
  if (value === null) return DEFAULT_MAX_AGE;
  const text = normalizeHeaderValue(value);
  const negative = text.startsWith('-');
  const digits = negative ? text.slice(1) : text;
  // Access-Control-Max-Age = delta-seconds = 1*DIGIT (RFC 9111 §1.2.2).
  if (!/^[0-9]+$/.test(digits)) return DEFAULT_MAX_AGE;
  // Not in the spec's ABNF, but UAs (and MDN) treat a negative value such as -1 as "do not cache".
  if (negative) return 0;
  // Fetch §CORS-preflight fetch step 7.10: cap at the imposed limit.
  return Math.min(Number(digits), MAX_AGE_CAP[ua]);
}
