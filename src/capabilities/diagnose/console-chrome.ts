import type { Cause } from './causes.js';
import type { ConsoleParse, Found } from './console-types.js';
import { allowOriginCause } from './failure-cause.js';
import { between, numberAfter, originOf, wordAfter } from './text-scan.js';

const BLOCKED = ' has been blocked by CORS policy: ';
const PREFLIGHT = "Response to preflight request doesn't pass access control check: ";

// The reason after "has been blocked by CORS policy: " (Chromium cors_error_string.cc), in switch order.
function chromeReason(reason: string): Found | string {
  const value = between(reason, "'", "'");
  if (reason.startsWith("No 'Access-Control-Allow-Origin' header is present"))
    return { cause: 'acao-missing' };
  if (reason.startsWith("The 'Access-Control-Allow-Origin' header contains multiple values"))
    return {
      cause: 'acao-multiple',
      ...(value === undefined ? {} : { value: between(reason, "values '", "'") ?? value }),
    };
  if (reason.startsWith("The 'Access-Control-Allow-Origin' header contains the invalid value")) {
    const v = between(reason, "invalid value '", "'");
    return { cause: 'acao-invalid', ...(v === undefined ? {} : { value: v }) };
  }
  if (reason.startsWith("The 'Access-Control-Allow-Origin' header has a value")) {
    const v = between(reason, "has a value '", "'");
    return {
      cause: v === undefined ? 'acao-mismatch' : allowOriginCause(v),
      ...(v === undefined ? {} : { value: v }),
    };
  }
  if (
    reason.startsWith(
      "The value of the 'Access-Control-Allow-Origin' header in the response must not be the wildcard",
    )
  )
    return { cause: 'acao-wildcard-with-credentials', value: '*' };
  if (reason.startsWith("The value of the 'Access-Control-Allow-Credentials' header")) {
    const v = between(reason, "response is '", "'") ?? '';
    return { cause: v === '' ? 'acac-missing' : 'acac-not-true', value: v };
  }
  if (reason.startsWith('It does not have HTTP ok status'))
    return { cause: 'preflight-status', stage: 'preflight' };
  if (reason.startsWith('Redirect is not allowed for a preflight request'))
    return { cause: 'preflight-redirect', stage: 'preflight' };
  if (reason.startsWith('Method ') && reason.includes('Access-Control-Allow-Methods')) {
    const method = wordAfter(reason, 'Method ');
    return { cause: 'preflight-method', stage: 'preflight', ...(method === undefined ? {} : { method }) };
  }
  if (reason.startsWith('Cannot parse Access-Control-Allow-Methods'))
    return { cause: 'preflight-method', stage: 'preflight' };
  if (reason.startsWith('Request header field ')) {
    const header = wordAfter(reason, 'Request header field ')?.toLowerCase();
    return { cause: 'preflight-header', stage: 'preflight', ...(header === undefined ? {} : { header }) };
  }
  if (reason.startsWith('Cannot parse Access-Control-Allow-Headers'))
    return { cause: 'preflight-header', stage: 'preflight' };
  if (
    reason.includes('address space') ||
    reason.includes('Private-Network') ||
    reason.includes('private network')
  )
    return { cause: 'local-network', stage: 'preflight' };
  if (reason.startsWith('The response is invalid')) return { cause: 'network-error', stage: null };
  if (reason.startsWith('Cross origin requests are only supported for protocol schemes'))
    return 'the page or the URL is not http(s) (a file: page?): serve it over http://localhost instead; no server header changes this';
  if (reason.startsWith('Cross origin requests are not allowed by request mode'))
    return "the request's mode is same-origin; this is the page's code, not the server";
  if (reason.startsWith('Redirect location'))
    return 'the redirect Location carries a user name and password, which browsers refuse';
  return `Chrome's CORS reason is not one corsguard knows: ${reason.slice(0, 120)}`;
}

/**
 * Chrome/Edge: "Access to fetch at 'URL' [(redirected from 'URL')] from origin 'ORIGIN' has been blocked by
 * CORS policy: REASON" (fetch, XMLHttpRequest, script, font… all share it). Undefined when not Chrome's wording.
 *
 * @example
 * ```ts
 * parseChromeCors("Access to fetch at 'https://api.example/' from origin 'https://app.example' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.")?.recognised; // true
 * ```
 */
export function parseChromeCors(text: string): ConsoleParse | undefined {
  const blocked = text.indexOf(BLOCKED);
  if (blocked < 0) return undefined;
  const head = text.slice(0, blocked);
  const access = head.lastIndexOf('Access to ');
  const url = access < 0 ? undefined : between(head, " at '", "'", access);
  const redirectedFrom = access < 0 ? undefined : between(head, "(redirected from '", "'", access);
  const origin = between(head, "from origin '", "'", Math.max(access, 0));
  let reason = text.slice(blocked + BLOCKED.length);
  const preflight = reason.startsWith(PREFLIGHT);
  if (preflight) reason = reason.slice(PREFLIGHT.length);
  const found = chromeReason(reason);
  const parts = {
    ...(url === undefined ? {} : { url }),
    ...(redirectedFrom === undefined ? {} : { redirectedFrom }),
    ...(origin === undefined ? {} : { origin }),
  };
  if (typeof found === 'string')
    return { recognised: false, browser: 'chrome', why: found, ...(url === undefined ? {} : { url }) };
  const stage = found.stage !== undefined ? found.stage : preflight ? 'preflight' : 'response';
  return { recognised: true, browser: 'chrome', ...found, ...parts, stage };
}

/**
 * Chrome's other wordings: Mixed Content, and WebSocket handshake failures. Undefined when neither.
 *
 * @example
 * ```ts
 * parseChromeOther("WebSocket connection to 'wss://api.example/ws' failed: Error during WebSocket handshake: Unexpected response code: 403");
 * // { recognised: true, browser: 'chrome', cause: 'websocket-rejected', stage: 'response', url: 'wss://api.example/ws', status: 403 }
 * ```
 */
export function parseChromeOther(text: string): ConsoleParse | undefined {
  if (text.includes('Mixed Content: The page at ')) {
    const page = between(text, "The page at '", "'");
    // fetch/XHR: "requested an insecure resource 'URL'."; WebSocket: "attempted to connect to the insecure
    // WebSocket endpoint 'URL'." (Chromium mixed_content_checker.cc; both seen in Chromium 156).
    const url = between(text, ' insecure ', "'.") ?? '';
    const target = url.includes("'") ? url.slice(url.indexOf("'") + 1) : '';
    const origin = page === undefined ? undefined : originOf(page);
    return {
      recognised: true,
      browser: 'chrome',
      cause: 'mixed-content',
      stage: 'response',
      ...(target === '' ? {} : { url: target }),
      ...(origin === undefined ? {} : { origin }),
    };
  }
  const ws = text.indexOf('WebSocket connection to ');
  if (ws >= 0 && text.includes(' failed', ws)) {
    const url = between(text, "connection to '", "'", ws);
    const status = numberAfter(text, 'Unexpected response code: ');
    const common = {
      recognised: true,
      browser: 'chrome',
      stage: 'response',
      ...(url === undefined ? {} : { url }),
    } as const;
    if (status !== undefined) return { ...common, cause: 'websocket-rejected', status };
    const code = netErrorCode(text);
    if (code !== undefined) return { ...common, cause: netErrorCause(code), stage: null, value: code };
    const alsoPossible: Cause[] = ['network-error'];
    return { ...common, cause: 'websocket-rejected', alsoPossible };
  }
  return undefined;
}

/**
 * The first `net::ERR_…` code in a Chrome message (`Failed to load resource: net::ERR_CONNECTION_REFUSED`,
 * `… Error in connection establishment: net::ERR_CONNECTION_REFUSED`), or undefined.
 *
 * @example
 * ```ts
 * netErrorCode('Failed to load resource: net::ERR_CONNECTION_REFUSED'); // 'net::ERR_CONNECTION_REFUSED'
 * ```
 */
export function netErrorCode(text: string): string | undefined {
  const at = text.indexOf('net::ERR_');
  if (at < 0) return undefined;
  let end = at + 'net::ERR_'.length;
  while (end < text.length && end - at < 80) {
    const c = text.charCodeAt(end);
    // A-Z, 0-9 and _ (Chromium net_error_list.h names).
    if (!((c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95)) break;
    end++;
  }
  return text.slice(at, end);
}

// Local Network Access (Chromium >= 142; Private Network Access before it) refuses a request without
// sending it and reports these net errors where no CORS line is printed (WebSocket connections): seen in
// Chromium 156 for `new WebSocket('ws://127.0.0.1:…')` from a page in the public address space.
const LOCAL_NETWORK_CODES: ReadonlySet<string> = new Set([
  'net::ERR_BLOCKED_BY_LOCAL_NETWORK_ACCESS_CHECKS',
  'net::ERR_BLOCKED_BY_PRIVATE_NETWORK_ACCESS_CHECKS',
]);

/**
 * The cause a Chrome `net::ERR_…` code stands for: `local-network` for the Local/Private Network Access
 * refusals (Chromium `net/base/net_error_list.h`), `network-error` for every other code.
 *
 * @example
 * ```ts
 * netErrorCause('net::ERR_BLOCKED_BY_LOCAL_NETWORK_ACCESS_CHECKS'); // 'local-network'
 * netErrorCause('net::ERR_CONNECTION_REFUSED');                     // 'network-error'
 * ```
 */
export function netErrorCause(code: string): 'local-network' | 'network-error' {
  return LOCAL_NETWORK_CODES.has(code) ? 'local-network' : 'network-error';
}
