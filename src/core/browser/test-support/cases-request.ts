// biome-ignore-all format: one row per line keeps the behaviour table reviewable
// Rows about requests: when a preflight is needed, how a preflight response is judged, and max-age.

import type { PreflightRequest } from '../preflight.js';
import type { CredentialsMode, HeaderList } from '../types.js';
import type { Case } from './cases.js';

const O = 'https://app.example';
const ACAO = 'Access-Control-Allow-Origin';
const ACAC = 'Access-Control-Allow-Credentials';
const ACAM = 'Access-Control-Allow-Methods';
const ACAH = 'Access-Control-Allow-Headers';
const ACAPN = 'Access-Control-Allow-Private-Network';
const CT = 'Content-Type';
const X128 = 'x'.repeat(128);

// The actual request being preflighted.
function req(method: string, headers: HeaderList, credentials: CredentialsMode = 'omit'): PreflightRequest {
  return { origin: O, method, headers, credentials };
}
// Response headers that pass the CORS check for `req(..., credentials)`.
const ANY: HeaderList = [[ACAO, '*']];
const CRED: HeaderList = [[ACAO, O], [ACAC, 'true']];
const FORCE: HeaderList = [['X-Force-Preflight', '1']];

export const REQUEST_CASES: readonly Case[] = [
  // --- does the request need a preflight? ---
  { kind: 'needs-preflight', name: 'sends a plain GET without a preflight', cite: 'Fetch §CORS-safelisted method', method: 'GET', headers: [], expect: false },
  { kind: 'needs-preflight', name: 'sends a form POST without a preflight', cite: 'Fetch §CORS-safelisted request-header (content-type)', method: 'POST', headers: [[CT, 'application/x-www-form-urlencoded']], expect: false },
  { kind: 'needs-preflight', name: 'treats lower-case post as POST', cite: 'Fetch §normalize a method', method: 'post', headers: [], expect: false },
  { kind: 'needs-preflight', name: 'preflights a JSON POST (unsafe content-type)', cite: 'Fetch §CORS-safelisted request-header (content-type essence)', method: 'POST', headers: [[CT, 'application/json']], expect: true },
  { kind: 'needs-preflight', name: 'preflights a text/html POST', cite: 'wpt: fetch/api/cors/cors-preflight-not-cors-safelisted.any.js ["content-type", "text/html"]', method: 'POST', headers: [[CT, 'text/html']], expect: true },
  { kind: 'needs-preflight', name: 'sends text/plain with parameters without a preflight', cite: 'Fetch §CORS-safelisted request-header (MIME type essence)', method: 'POST', headers: [[CT, 'Text/Plain; charset=UTF-8']], expect: false },
  { kind: 'needs-preflight', name: 'preflights a content-type containing an unsafe byte', cite: 'Fetch §CORS-unsafe request-header byte', method: 'POST', headers: [[CT, 'text/plain; x="y"']], expect: true },
  { kind: 'needs-preflight', name: 'preflights PUT', cite: 'wpt: fetch/api/cors/cors-origin.any.js "CORS preflight [PUT] [origin OK]"', method: 'PUT', headers: [], expect: true },
  { kind: 'needs-preflight', name: 'preflights a custom header', cite: 'wpt: fetch/api/cors/cors-preflight-not-cors-safelisted.any.js ["test", "hi"]', method: 'GET', headers: [['Test', 'hi']], expect: true },
  { kind: 'needs-preflight', name: 'preflights Authorization', cite: 'wpt: fetch/api/cors/cors-preflight-not-cors-safelisted.any.js ["authorization", "basics"]', method: 'GET', headers: [['Authorization', 'basics']], expect: true },
  { kind: 'needs-preflight', name: 'sends a 128-byte Accept without a preflight', cite: 'Fetch §CORS-safelisted request-header step 1', method: 'GET', headers: [['Accept', X128]], expect: false },
  { kind: 'needs-preflight', name: 'preflights a 129-byte Accept', cite: 'wpt: fetch/api/cors/cors-preflight-not-cors-safelisted.any.js ["accept", "0123…678"]', method: 'GET', headers: [['Accept', `${X128}x`]], expect: true },
  { kind: 'needs-preflight', name: 'preflights an Accept containing a double quote', cite: 'wpt: fetch/api/cors/cors-preflight-not-cors-safelisted.any.js ["accept", "\\""]', method: 'GET', headers: [['Accept', '"']], expect: true },
  { kind: 'needs-preflight', name: 'preflights an Accept-Language containing @', cite: 'wpt: fetch/api/cors/cors-preflight-not-cors-safelisted.any.js ["accept-language", "@"]', method: 'GET', headers: [['Accept-Language', '@']], expect: true },
  { kind: 'needs-preflight', name: 'preflights when safelisted values total more than 1024 bytes', cite: 'Fetch §CORS-unsafe request-header names step 5', method: 'GET', headers: [['Accept', X128], ['Accept-Language', 'a'.repeat(128)], ...Array.from({ length: 7 }, (): readonly [string, string] => ['Accept', X128])], expect: true },
  { kind: 'needs-preflight', name: 'sends exactly 1024 bytes of safelisted values without a preflight', cite: 'Fetch §CORS-unsafe request-header names step 5 ("greater than 1024")', method: 'GET', headers: Array.from({ length: 8 }, (): readonly [string, string] => ['Accept', X128]), expect: false },
  { kind: 'needs-preflight', name: 'sends Range: bytes=0- without a preflight', cite: 'Fetch §CORS-safelisted request-header (range)', method: 'GET', headers: [['Range', 'bytes=0-']], expect: false },
  { kind: 'needs-preflight', name: 'preflights a suffix Range bytes=-500', cite: 'Fetch §CORS-safelisted request-header (range: rangeValue[0] is null)', method: 'GET', headers: [['Range', 'bytes=-500']], expect: true },
  { kind: 'needs-preflight', name: 'preflights a malformed Range', cite: 'wpt: fetch/api/cors/cors-preflight-not-cors-safelisted.any.js ["range", "bytes 0-"]', method: 'GET', headers: [['Range', 'bytes 0-']], expect: true },
  // --- preflight response: status and CORS check ---
  ...[200, 204, 206].map((status): Case => ({ kind: 'preflight', name: `accepts a preflight answered ${status}`, cite: `wpt: fetch/api/cors/cors-preflight-status.any.js "Preflight answered with status ${status}"`, request: req('GET', FORCE), status, headers: [...ANY, [ACAH, 'x-force-preflight']], expect: true })),
  ...[301, 304, 400, 403, 404, 405, 501].map((status): Case => ({ kind: 'preflight', name: `rejects a preflight answered ${status}`, cite: `wpt: fetch/api/cors/cors-preflight-status.any.js "Preflight answered with status ${status}"`, request: req('GET', FORCE), status, headers: [...ANY, [ACAH, 'x-force-preflight']], expect: 'preflight-status' })),
  { kind: 'preflight', name: 'applies the CORS check to the preflight response', cite: 'Fetch §CORS-preflight fetch step 7', request: req('PUT', []), status: 204, headers: [[ACAM, 'PUT']], expect: 'no-allow-origin' },
  { kind: 'preflight', name: 'requires ACAC true on the preflight of a credentialed request', cite: 'Fetch §CORS-preflight fetch step 7 (CORS check on request, not preflight)', request: req('PUT', [], 'include'), status: 204, headers: [[ACAO, O], [ACAM, 'PUT']], expect: 'credentials-not-true' },
  // --- preflight response: methods ---
  { kind: 'preflight', name: 'allows a listed method', cite: 'wpt: fetch/api/cors/cors-origin.any.js "CORS preflight [PUT] [origin OK]"', request: req('PUT', []), status: 200, headers: [...ANY, [ACAM, 'PUT']], expect: true },
  { kind: 'preflight', name: 'always allows safelisted methods even when ACAM says otherwise', cite: 'wpt: fetch/api/cors/cors-preflight-star.any.js "succeeds ... method: GET (allowed: get)"', request: req('GET', [['X-Test', '1']]), status: 200, headers: [...ANY, [ACAM, 'get'], [ACAH, 'x-test']], expect: true },
  { kind: 'preflight', name: 'lets ACAM * allow any method without credentials', cite: 'wpt: fetch/api/cors/cors-preflight-star.any.js "succeeds ... method: SUPER (allowed: *)"', request: req('SUPER', [['X-Test', '1']]), status: 200, headers: [...ANY, [ACAM, '*'], [ACAH, 'x-test']], expect: true },
  { kind: 'preflight', name: 'refuses ACAM * for a credentialed PUT', cite: 'wpt: fetch/api/cors/cors-preflight-star.any.js "fails with credentials: true; method: PUT (allowed: *)"', request: req('PUT', [], 'include'), status: 200, headers: [...CRED, [ACAM, '*']], expect: 'method-not-allowed' },
  { kind: 'preflight', name: 'allows a credentialed PUT listed literally', cite: 'wpt: fetch/api/cors/cors-preflight-star.any.js "succeeds with credentials: true; method: PUT (allowed: PUT)"', request: req('PUT', [], 'include'), status: 200, headers: [...CRED, [ACAM, 'PUT'], [ACAH, '*']], expect: true },
  { kind: 'preflight', name: 'matches a credentialed method named * literally', cite: 'wpt: fetch/api/cors/cors-preflight-star.any.js "succeeds with credentials: true; method: * (allowed: *)"', request: req('*', [['*', '1']], 'include'), status: 200, headers: [...CRED, [ACAM, '*'], [ACAH, '*']], expect: true },
  { kind: 'preflight', name: 'refuses PUT when ACAM lists put (methods are case-sensitive)', cite: 'wpt: fetch/api/cors/cors-preflight-star.any.js "fails with credentials: true; method: PUT (allowed: put)"', request: req('PUT', [], 'include'), status: 200, headers: [...CRED, [ACAM, 'put'], [ACAH, '*']], expect: 'method-not-allowed' },
  { kind: 'preflight', name: 'refuses patch when ACAM lists PATCH (patch is not normalized)', cite: 'Fetch §normalize a method (PATCH is not in the list)', request: req('patch', []), status: 200, headers: [...ANY, [ACAM, 'PATCH']], expect: 'method-not-allowed' },
  { kind: 'preflight', name: 'allows put when ACAM lists PUT (put is normalized)', cite: 'Fetch §normalize a method', request: req('put', []), status: 200, headers: [...ANY, [ACAM, 'PUT']], expect: true },
  { kind: 'preflight', name: 'rejects a preflight whose ACAM is not a token list', cite: 'wpt: fetch/api/cors/cors-preflight-response-validation.any.js "Preflight response with bad Allow-Access-Control-Methods"', request: req('GET', FORCE), status: 200, headers: [...ANY, [ACAH, 'x-force-preflight'], [ACAM, 'Bad method name']], expect: 'invalid-allow-methods' },
  // --- preflight response: headers ---
  { kind: 'preflight', name: 'matches ACAH names case-insensitively', cite: 'wpt: fetch/api/cors/cors-preflight-star.any.js "succeeds ... header: X-Test,1 (allowed: x-test)"', request: req('GET', [['X-Test', '1']]), status: 200, headers: [...ANY, [ACAH, 'x-test']], expect: true },
  { kind: 'preflight', name: 'refuses an unlisted request header', cite: 'Fetch §CORS-preflight fetch step 7.7', request: req('GET', [['X-Token', '1']]), status: 200, headers: [...ANY, [ACAH, 'x-other']], expect: 'header-not-allowed' },
  { kind: 'preflight', name: 'lets ACAH * allow any header without credentials', cite: 'wpt: fetch/api/cors/cors-preflight-star.any.js "succeeds ... method: OK (allowed: *); header: X-Test,1 (allowed: *)"', request: req('OK', [['X-Test', '1']]), status: 200, headers: [...ANY, [ACAM, '*'], [ACAH, '*']], expect: true },
  { kind: 'preflight', name: 'refuses ACAH * for credentialed requests', cite: 'wpt: fetch/api/cors/cors-preflight-star.any.js "fails with credentials: true; method: GET (allowed: *); header: X-Test,1 (allowed: *)"', request: req('GET', [['X-Test', '1']], 'include'), status: 200, headers: [...CRED, [ACAM, '*'], [ACAH, '*']], expect: 'header-not-allowed' },
  { kind: 'preflight', name: 'never lets ACAH * cover Authorization', cite: 'Fetch §CORS-preflight fetch step 7.6 (CORS non-wildcard request-header name)', request: req('GET', [['Authorization', 'Bearer t']]), status: 200, headers: [...ANY, [ACAH, '*']], expect: 'header-not-allowed' },
  { kind: 'preflight', name: 'allows Authorization when ACAH lists it', cite: 'Fetch §CORS-preflight fetch step 7.6', request: req('GET', [['Authorization', 'Bearer t']]), status: 200, headers: [...ANY, [ACAH, '*, Authorization']], expect: true },
  { kind: 'preflight', name: 'rejects a preflight whose ACAH is not a token list', cite: 'wpt: fetch/api/cors/cors-preflight-response-validation.any.js "Preflight response with bad Allow-Access-Control-Headers"', request: req('GET', FORCE), status: 200, headers: [...ANY, [ACAH, 'x-force-preflight,header name with space']], expect: 'invalid-allow-headers' },
  { kind: 'preflight', name: 'requires unsafe content-type to be listed in ACAH', cite: 'Fetch §CORS-preflight fetch step 7.7', request: req('POST', [[CT, 'application/json']]), status: 204, headers: [...ANY, [ACAH, 'x-other']], expect: 'header-not-allowed' },
  // --- Private Network Access ---
  { kind: 'preflight', name: 'refuses a private-network preflight without ACAPN', cite: 'PNA (WICG draft) §CORS-preflight: Access-Control-Allow-Private-Network', request: { ...req('GET', FORCE), privateNetwork: true }, status: 204, headers: [...ANY, [ACAH, 'x-force-preflight']], expect: 'private-network-denied' },
  { kind: 'preflight', name: 'refuses a private-network preflight when ACAPN is True', cite: 'PNA (WICG draft) §CORS-preflight: value must be `true`', request: { ...req('GET', FORCE), privateNetwork: true }, status: 204, headers: [...ANY, [ACAH, 'x-force-preflight'], [ACAPN, 'True']], expect: 'private-network-denied' },
  { kind: 'preflight', name: 'allows a private-network preflight with ACAPN true', cite: 'PNA (WICG draft) §CORS-preflight', request: { ...req('GET', FORCE), privateNetwork: true }, status: 204, headers: [...ANY, [ACAH, 'x-force-preflight'], [ACAPN, 'true']], expect: true },
  // --- Access-Control-Max-Age ---
  { kind: 'max-age', name: 'caches a preflight for 5 s when Max-Age is absent', cite: 'Fetch §CORS-preflight fetch step 7.9', value: null, ua: 'spec', expect: 5 },
  { kind: 'max-age', name: 'caches a preflight for 5 s when Max-Age is not a number', cite: 'Fetch §CORS-preflight fetch step 7.9 (failure)', value: 'ten', ua: 'chromium', expect: 5 },
  { kind: 'max-age', name: 'caches a preflight for 5 s when Max-Age is sent twice', cite: 'Fetch §extract header list values step 2 (single-value ABNF)', value: '60, 60', ua: 'firefox', expect: 5 },
  { kind: 'max-age', name: 'does not cache a preflight when Max-Age is -1', cite: 'MDN Access-Control-Max-Age (-1 disables caching)', value: '-1', ua: 'chromium', expect: 0 },
  { kind: 'max-age', name: 'honours Max-Age 0', cite: 'Fetch §CORS-preflight fetch step 7.8 (delta-seconds may be 0)', value: '0', ua: 'webkit', expect: 0 },
  { kind: 'max-age', name: 'caps Max-Age at 2 hours in Chromium', cite: 'Chromium preflight cache limit (7200 s)', value: '86400', ua: 'chromium', expect: 7200 },
  { kind: 'max-age', name: 'caps Max-Age at 24 hours in Firefox', cite: 'Firefox preflight cache limit (86400 s)', value: '604800', ua: 'firefox', expect: 86400 },
  { kind: 'max-age', name: 'caps Max-Age at 10 minutes in WebKit', cite: 'WebKit preflight cache limit (600 s)', value: '3600', ua: 'webkit', expect: 600 },
  { kind: 'max-age', name: 'does not cap Max-Age per the spec', cite: 'Fetch §CORS-preflight fetch step 7.10 (imposed limit is UA-defined)', value: '604800', ua: 'spec', expect: 604800 },
  { kind: 'max-age', name: 'keeps a Max-Age below the cap', cite: 'Fetch §CORS-preflight fetch step 7.10', value: ' 600 ', ua: 'chromium', expect: 600 },
];
