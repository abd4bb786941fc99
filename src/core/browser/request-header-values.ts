// Value grammars the CORS request-header safelist depends on: MIME type essence and single byte ranges.
import { isToken, normalizeHeaderValue } from './headers.js';

/**
 * Length of a header value in bytes. Values are isomorphic-decoded byte sequences (one code unit per
 * byte); a string holding code points above U+00FF is measured as UTF-8 instead.
 *
 * @example
 * ```ts
 * byteLength('text/plain'); // 10
 * ```
 */
export function byteLength(value: string): number {
  for (let i = 0; i < value.length; i++) {
    if (value.charCodeAt(i) > 0xff) return Buffer.byteLength(value, 'utf8');
  }
  return value.length;
}

/**
 * MIME Sniffing §parse a MIME type, reduced to what the safelist needs: the essence (`type/subtype`,
 * lower-cased), or null on a parse failure. Parameters never make parsing fail, so they are ignored.
 *
 * @example
 * ```ts
 * mimeEssence(' Text/Plain ; charset=utf-8'); // 'text/plain'
 * mimeEssence('text');                        // null
 * ```
 */
export function mimeEssence(value: string): string | null {
  // MIME Sniffing §parse a MIME type step 1: remove leading and trailing HTTP whitespace.
  const input = normalizeHeaderValue(value);
  const slash = input.indexOf('/');
  // Steps 3-5: type is everything before "/"; it must be a non-empty token and "/" must exist.
  if (slash === -1) return null;
  const type = input.slice(0, slash);
  if (!isToken(type)) return null;
  // Steps 7-9: subtype runs to ";" with trailing HTTP whitespace removed; non-empty token.
  const semicolon = input.indexOf(';', slash + 1);
  const subtype = normalizeHeaderValue(input.slice(slash + 1, semicolon === -1 ? input.length : semicolon));
  if (!isToken(subtype)) return null;
  return `${type}/${subtype}`.toLowerCase();
}

function compareDecimal(a: string, b: string): number {
  const x = a.replace(/^0+(?=.)/, '');
  const y = b.replace(/^0+(?=.)/, '');
  if (x.length !== y.length) return x.length - y.length;
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * Fetch §parse a single range header value with allowWhitespace false: `bytes=start-end`,
 * `bytes=start-` or `bytes=-suffix`. Returns the two bounds as digit strings (null when omitted),
 * or null on failure.
 *
 * @example
 * ```ts
 * parseSingleRange('bytes=0-499'); // ['0', '499']
 * parseSingleRange('bytes 0-');    // null
 * ```
 */
export function parseSingleRange(value: string): readonly [string | null, string | null] | null {
  // Fetch §parse a single range header value steps 2-6: starts with "bytes" then "=".
  if (!value.startsWith('bytes=')) return null;
  const match = /^bytes=([0-9]*)-([0-9]*)$/.exec(value);
  if (!match) return null;
  const start = match[1] === '' || match[1] === undefined ? null : match[1];
  const end = match[2] === '' || match[2] === undefined ? null : match[2];
  // Step 17: both empty is a failure; step 18: start must not exceed end.
  if (start === null && end === null) return null;
  if (start !== null && end !== null && compareDecimal(start, end) > 0) return null;
  return [start, end];
}
