// biome-ignore-all format: one row per line keeps the behaviour table reviewable
// Rows about responses to actual (non-preflight) requests: the CORS check and exposed headers.
import type { Case } from './cases.js';

const O = 'https://app.example';
const ACAO = 'Access-Control-Allow-Origin';
const ACAC = 'Access-Control-Allow-Credentials';
const ACEH = 'Access-Control-Expose-Headers';

export const RESPONSE_CASES: readonly Case[] = [
  // --- CORS check: Access-Control-Allow-Origin ---
  { kind: 'cors', name: 'lets any origin read when ACAO is *', cite: 'Fetch §CORS check step 3', origin: O, credentials: 'omit', headers: [[ACAO, '*']], expect: true },
  { kind: 'cors', name: 'ignores HTTP whitespace around ACAO *', cite: 'wpt: cors/origin.htm "Allow origin: _*__"', origin: O, credentials: 'omit', headers: [[ACAO, ' *  ']], expect: true },
  { kind: 'cors', name: 'ignores a leading tab before ACAO *', cite: 'wpt: cors/origin.htm "Allow origin: [tab]*"', origin: O, credentials: 'omit', headers: [[ACAO, '\t*']], expect: true },
  { kind: 'cors', name: 'lets the page read when ACAO echoes its origin', cite: 'wpt: fetch/api/cors/cors-origin.any.js "Cross domain different subdomain [origin OK]"', origin: O, credentials: 'omit', headers: [[ACAO, O]], expect: true },
  { kind: 'cors', name: 'ignores whitespace around an echoed origin', cite: 'wpt: cors/origin.htm "Allow origin: _<origin>___[tab]_"', origin: O, credentials: 'omit', headers: [[ACAO, ` ${O}   \t `]], expect: true },
  { kind: 'cors', name: 'refuses a read when ACAO is absent', cite: 'Fetch §CORS check step 2', origin: O, credentials: 'omit', headers: [['Vary', 'Origin']], expect: 'no-allow-origin' },
  { kind: 'cors', name: 'refuses a read when ACAO names another origin', cite: 'wpt: fetch/api/cors/cors-origin.any.js "Cross domain different subdomain [origin KO]"', origin: O, credentials: 'omit', headers: [[ACAO, 'https://api.example']], expect: 'origin-mismatch' },
  { kind: 'cors', name: 'refuses a read when ACAO differs only in port', cite: 'wpt: fetch/api/cors/cors-origin.any.js "Same domain different port [origin KO]"', origin: O, credentials: 'omit', headers: [[ACAO, 'https://app.example:8443']], expect: 'origin-mismatch' },
  { kind: 'cors', name: 'refuses a read when ACAO differs only in scheme', cite: 'wpt: fetch/api/cors/cors-origin.any.js "Cross domain different protocol [origin KO]"', origin: O, credentials: 'omit', headers: [[ACAO, 'http://app.example']], expect: 'origin-mismatch' },
  { kind: 'cors', name: 'refuses a read when ACAO has a trailing slash', cite: 'wpt: cors/origin.htm "Disallow origin: <origin>/"', origin: O, credentials: 'omit', headers: [[ACAO, `${O}/`]], expect: 'origin-mismatch' },
  { kind: 'cors', name: 'refuses a read when ACAO is the page URL with a path', cite: 'wpt: cors/origin.htm "Disallow origin: <location.href>"', origin: O, credentials: 'omit', headers: [[ACAO, `${O}/app/index.html`]], expect: 'origin-mismatch' },
  { kind: 'cors', name: 'refuses a read when ACAO is upper-cased', cite: 'wpt: cors/origin.htm "Disallow origin: <ORIGIN>"', origin: O, credentials: 'omit', headers: [[ACAO, O.toUpperCase()]], expect: 'origin-mismatch' },
  { kind: 'cors', name: 'refuses a read when ACAO spells out the default port', cite: 'wpt: cors/origin.htm "Disallow origin: <origin>:80"', origin: O, credentials: 'omit', headers: [[ACAO, `${O}:443`]], expect: 'origin-mismatch' },
  { kind: 'cors', name: 'refuses a read when ACAO lacks the scheme', cite: 'wpt: cors/origin.htm "Disallow origin: //<host>"', origin: O, credentials: 'omit', headers: [[ACAO, '//app.example']], expect: 'origin-mismatch' },
  { kind: 'cors', name: 'refuses a read when ACAO is a wildcard subdomain pattern', cite: 'wpt: cors/origin.htm "Disallow origin: http://*.<domain>"', origin: O, credentials: 'omit', headers: [[ACAO, 'https://*.example']], expect: 'origin-mismatch' },
  { kind: 'cors', name: 'refuses a read when ACAO is **', cite: 'wpt: cors/origin.htm "Disallow origin: **"', origin: O, credentials: 'omit', headers: [[ACAO, '**']], expect: 'origin-mismatch' },
  { kind: 'cors', name: 'refuses a read when ACAO is a quoted *', cite: "wpt: cors/origin.htm \"Disallow origin: '*'\"", origin: O, credentials: 'omit', headers: [[ACAO, "'*'"]], expect: 'origin-mismatch' },
  { kind: 'cors', name: 'refuses a read when ACAO is empty', cite: 'wpt: fetch/api/cors/cors-origin.any.js "Allowed origin: \\"\\" [origin KO]"', origin: O, credentials: 'omit', headers: [[ACAO, '']], expect: 'origin-mismatch' },
  { kind: 'cors', name: 'refuses a read when ACAO is "* null"', cite: 'wpt: cors/origin.htm "Disallow origin: * null"', origin: O, credentials: 'omit', headers: [[ACAO, '* null']], expect: 'origin-mismatch' },
  { kind: 'cors', name: 'refuses a read when ACAO lists the origin and *', cite: 'wpt: cors/origin.htm "Disallow origin: <origin>, *"', origin: O, credentials: 'omit', headers: [[ACAO, `${O}, *`]], expect: 'multiple-allow-origin' },
  { kind: 'cors', name: 'refuses a read when two ACAO headers are both *', cite: 'wpt: cors/origin.htm "Disallow multiple headers (*, *)"', origin: O, credentials: 'omit', headers: [[ACAO, '*'], [ACAO, '*']], expect: 'multiple-allow-origin' },
  { kind: 'cors', name: 'refuses a read when the origin is sent twice in two ACAO headers', cite: 'wpt: cors/origin.htm "Disallow multiple headers (<origin>, <origin>)"', origin: O, credentials: 'omit', headers: [[ACAO, O], ['access-control-allow-origin', O]], expect: 'multiple-allow-origin' },
  { kind: 'cors', name: 'refuses a read when an empty ACAO precedes *', cite: 'wpt: cors/origin.htm "Disallow multiple headers (, *)"', origin: O, credentials: 'omit', headers: [[ACAO, ''], [ACAO, '*']], expect: 'multiple-allow-origin' },
  { kind: 'cors', name: 'lets a sandboxed (null-origin) page read when ACAO is null', cite: 'Fetch §CORS check step 4 (byte-serializing an opaque origin gives `null`)', origin: 'null', credentials: 'omit', headers: [[ACAO, 'null']], expect: true },
  { kind: 'cors', name: 'refuses a real origin when ACAO is null', cite: 'wpt: cors/origin.htm "Disallow origin: null"', origin: O, credentials: 'omit', headers: [[ACAO, 'null']], expect: 'origin-mismatch' },
  { kind: 'cors', name: 'matches ACAO header names case-insensitively', cite: 'Fetch §header list "get" (byte-case-insensitive name)', origin: O, credentials: 'omit', headers: [['ACCESS-CONTROL-ALLOW-ORIGIN', O]], expect: true },
  // --- CORS check: credentials ---
  { kind: 'cors', name: 'refuses a credentialed read when ACAO is * even with ACAC true', cite: 'Fetch §CORS check step 3 (`*` only without "include")', origin: O, credentials: 'include', headers: [[ACAO, '*'], [ACAC, 'true']], expect: 'wildcard-with-credentials' },
  { kind: 'cors', name: 'lets a credentialed read through when ACAO echoes the origin and ACAC is true', cite: 'Fetch §CORS check step 7', origin: O, credentials: 'include', headers: [[ACAO, O], [ACAC, 'true']], expect: true },
  { kind: 'cors', name: 'refuses a credentialed read without ACAC', cite: 'Fetch §CORS check step 8', origin: O, credentials: 'include', headers: [[ACAO, O]], expect: 'credentials-not-true' },
  { kind: 'cors', name: 'refuses a credentialed read when ACAC is True (case-sensitive)', cite: 'wpt: cors/credentials-flag.htm "Access-Control-Allow-Credentials: True should be disallowed"', origin: O, credentials: 'include', headers: [[ACAO, O], [ACAC, 'True']], expect: 'credentials-not-true' },
  { kind: 'cors', name: 'refuses a credentialed read when ACAC is TRUE', cite: 'wpt: cors/credentials-flag.htm "Access-Control-Allow-Credentials: TRUE should be disallowed"', origin: O, credentials: 'include', headers: [[ACAO, O], [ACAC, 'TRUE']], expect: 'credentials-not-true' },
  { kind: 'cors', name: 'refuses a credentialed read when ACAC is a quoted "true"', cite: 'wpt: cors/credentials-flag.htm "Access-Control-Allow-Credentials: \\"true\\" should be disallowed"', origin: O, credentials: 'include', headers: [[ACAO, O], [ACAC, '"true"']], expect: 'credentials-not-true' },
  { kind: 'cors', name: 'refuses a credentialed read when ACAC is 1', cite: 'wpt: cors/credentials-flag.htm "Access-Control-Allow-Credentials: 1 should be disallowed"', origin: O, credentials: 'include', headers: [[ACAO, O], [ACAC, '1']], expect: 'credentials-not-true' },
  { kind: 'cors', name: 'refuses a credentialed read when ACAC is sent twice', cite: 'Fetch §header list "get" (combined `true, true` is not `true`)', origin: O, credentials: 'include', headers: [[ACAO, O], [ACAC, 'true'], [ACAC, 'true']], expect: 'credentials-not-true' },
  { kind: 'cors', name: 'accepts ACAC true with surrounding whitespace', cite: 'Fetch §normalize (header values are normalized)', origin: O, credentials: 'include', headers: [[ACAO, O], [ACAC, ' true ']], expect: true },
  { kind: 'cors', name: 'ignores ACAC false on an uncredentialed read', cite: 'Fetch §CORS check step 5', origin: O, credentials: 'omit', headers: [[ACAO, O], [ACAC, 'false']], expect: true },
  { kind: 'cors', name: 'treats same-origin credentials like omit on a cross-origin read', cite: 'Fetch §CORS check step 3 (credentials mode is not "include")', origin: O, credentials: 'same-origin', headers: [[ACAO, '*']], expect: true },
  // --- Access-Control-Expose-Headers ---
  { kind: 'exposed', name: 'exposes only safelisted response headers without ACEH', cite: 'Fetch §CORS-safelisted response-header name', credentials: 'omit', headers: [['Content-Type', 'text/plain'], ['Content-Length', '3'], ['X-Request-Id', '7'], ['Server', 'x']], expect: ['content-length', 'content-type'] },
  { kind: 'exposed', name: 'exposes every header except Set-Cookie when ACEH is * without credentials', cite: 'wpt: fetch/api/cors/cors-expose-star.sub.any.js "Basic Access-Control-Expose-Headers: * support"', credentials: 'omit', headers: [[ACEH, '*'], ['Test', 'X'], ['Set-Cookie', 'X'], ['*', 'whoa']], expect: ['*', 'access-control-expose-headers', 'test'] },
  { kind: 'exposed', name: 'treats ACEH * literally for credentialed reads', cite: 'wpt: fetch/api/cors/cors-expose-star.sub.any.js "* for credentialed fetches only matches literally"', credentials: 'include', headers: [[ACEH, '*'], ['Content-Type', 'text/plain'], ['Test', 'X'], ['Set-Cookie', 'X'], ['*', 'whoa']], expect: ['*', 'content-type'] },
  { kind: 'exposed', name: 'honours ACEH * when it is one of several values, still hiding Set-Cookie', cite: 'wpt: fetch/api/cors/cors-expose-star.sub.any.js "* can be one of several values"', credentials: 'omit', headers: [[ACEH, '*'], [ACEH, 'set-cookie'], ['Test', 'X'], ['Set-Cookie', 'X']], expect: ['access-control-expose-headers', 'test'] },
  { kind: 'exposed', name: 'exposes headers named in ACEH case-insensitively', cite: 'Fetch §CORS-safelisted response-header name (byte-case-insensitive)', credentials: 'include', headers: [[ACEH, 'x-request-id'], ['X-Request-Id', '7'], ['X-Other', '1']], expect: ['x-request-id'] },
];
