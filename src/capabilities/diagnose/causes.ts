import type { Cause, Stage } from '../../core/browser/index.js';

// The codes themselves live in the browser model (core/browser/causes.ts), so the policy's refusals
// (core/policy) can carry them; re-exported here, where their table is.
export { CAUSES, type Cause, type Stage } from '../../core/browser/index.js';

/**
 * Everything corsguard knows about a cause, declared once in {@link CAUSE_TABLE}.
 *
 * @example
 * ```ts
 * const row: CauseInfo = CAUSE_TABLE['acac-missing'];
 * row.firefox?.code; // 'CORSMissingAllowCredentials'
 * ```
 */
export interface CauseInfo {
  /** The stage this cause is usually met at (the `acao-*` / `acac-*` checks also run on a preflight). */
  readonly stage: Stage;
  /** One plain-language line. */
  readonly description: string;
  /** The step of the Fetch standard (or the spec Fetch hands over to) that fails. */
  readonly fetch: string;
  /** Chrome/Edge console wording (Chromium `cors_error_string.cc`, `mixed_content_checker.cc`); null when silent. */
  readonly chrome: string | null;
  /**
   * Firefox's `Reason:` code (the MDN page name; null for messages without one) and sentence
   * (`dom/locales/en-US/chrome/security/security.properties`, quoted like MDN with ' where the console shows ‘ ’).
   */
  readonly firefox: { readonly code: string | null; readonly sentence: string } | null;
  /** Safari console wording (WebKit `CrossOriginAccessControl.cpp`); null when silent. */
  readonly safari: string | null;
}

const CHECK = 'Fetch §4.9 CORS check';
const PREFLIGHT = 'Fetch §4.7 CORS-preflight fetch';

/**
 * The one table of causes: stage, description, Fetch step and the browsers' own wordings.
 * `{url}`, `{origin}`, `{value}`, `{method}`, `{header}`, `{status}` and `{space}` stand for the parts
 * a browser fills in.
 *
 * @example
 * ```ts
 * CAUSE_TABLE['preflight-method'].chrome;
 * // "Method {method} is not allowed by Access-Control-Allow-Methods in preflight response."
 * ```
 */
export const CAUSE_TABLE: { readonly [C in Cause]: CauseInfo } = {
  'acao-missing': {
    stage: 'response',
    description: 'The response has no Access-Control-Allow-Origin header, so the page may not read it.',
    fetch: `${CHECK} step 2 (the header is null → failure)`,
    chrome: "No 'Access-Control-Allow-Origin' header is present on the requested resource.",
    firefox: {
      code: 'CORSMissingAllowOrigin',
      sentence: "Reason: CORS header 'Access-Control-Allow-Origin' missing",
    },
    safari: 'Origin {origin} is not allowed by Access-Control-Allow-Origin. Status code: {status}',
  },
  'acao-mismatch': {
    stage: 'response',
    description: "Access-Control-Allow-Origin names another origin than the page's, byte for byte.",
    fetch: `${CHECK} step 4 (the value is not the byte-serialized request origin)`,
    chrome:
      "The 'Access-Control-Allow-Origin' header has a value '{value}' that is not equal to the supplied origin.",
    firefox: {
      code: 'CORSAllowOriginNotMatchingOrigin',
      sentence: "Reason: CORS header 'Access-Control-Allow-Origin' does not match '{value}'",
    },
    safari: 'Origin {origin} is not allowed by Access-Control-Allow-Origin. Status code: {status}',
  },
  'acao-multiple': {
    stage: 'response',
    description:
      'Access-Control-Allow-Origin carries several origins (or is sent twice); exactly one is allowed.',
    fetch: `${CHECK} step 4 (several values combine to "a, b", which never equals an origin)`,
    chrome:
      "The 'Access-Control-Allow-Origin' header contains multiple values '{value}', but only one is allowed.",
    firefox: {
      code: 'CORSMultipleAllowOriginNotAllowed',
      sentence: "Reason: Multiple CORS header 'Access-Control-Allow-Origin' not allowed",
    },
    safari: 'Access-Control-Allow-Origin cannot contain more than one origin.',
  },
  'acao-invalid': {
    stage: 'response',
    description: 'Access-Control-Allow-Origin is not an origin at all (no scheme, a bare host name, junk).',
    fetch: `${CHECK} step 4 (the value is not a serialized origin, so it cannot match)`,
    chrome: "The 'Access-Control-Allow-Origin' header contains the invalid value '{value}'.",
    firefox: {
      code: 'CORSAllowOriginNotMatchingOrigin',
      sentence: "Reason: CORS header 'Access-Control-Allow-Origin' does not match '{value}'",
    },
    safari: 'Origin {origin} is not allowed by Access-Control-Allow-Origin. Status code: {status}',
  },
  'acao-wildcard-with-credentials': {
    stage: 'response',
    description:
      'Access-Control-Allow-Origin is * but the request carries cookies; * never covers credentials.',
    fetch: `${CHECK} steps 3-4 (* is accepted only when the credentials mode is not "include")`,
    chrome:
      "The value of the 'Access-Control-Allow-Origin' header in the response must not be the wildcard '*' when the request's credentials mode is 'include'.",
    firefox: {
      code: 'CORSNotSupportingCredentials',
      sentence: "Reason: Credential is not supported if the CORS header 'Access-Control-Allow-Origin' is '*'",
    },
    safari: 'Cannot use wildcard in Access-Control-Allow-Origin when credentials flag is true.',
  },
  'acac-missing': {
    stage: 'response',
    description:
      'The request carries cookies but the response has no Access-Control-Allow-Credentials: true.',
    fetch: `${CHECK} steps 6-8 (Access-Control-Allow-Credentials is null, not \`true\`)`,
    chrome:
      "The value of the 'Access-Control-Allow-Credentials' header in the response is '' which must be 'true' when the request's credentials mode is 'include'.",
    firefox: {
      code: 'CORSMissingAllowCredentials',
      sentence: "Reason: expected 'true' in CORS header 'Access-Control-Allow-Credentials'",
    },
    safari: 'Credentials flag is true, but Access-Control-Allow-Credentials is not "true".',
  },
  'acac-not-true': {
    stage: 'response',
    description: 'Access-Control-Allow-Credentials is present but not exactly the lower-case word true.',
    fetch: `${CHECK} steps 6-8 (the value is not byte-for-byte \`true\`)`,
    chrome:
      "The value of the 'Access-Control-Allow-Credentials' header in the response is '{value}' which must be 'true' when the request's credentials mode is 'include'.",
    firefox: {
      code: 'CORSMissingAllowCredentials',
      sentence: "Reason: expected 'true' in CORS header 'Access-Control-Allow-Credentials'",
    },
    safari: 'Credentials flag is true, but Access-Control-Allow-Credentials is not "true".',
  },
  'preflight-status': {
    stage: 'preflight',
    description: 'The OPTIONS preflight was answered with a status outside 200-299 (often 401, 404 or 405).',
    fetch: `${PREFLIGHT} steps 7-8 (the response's status is not an ok status)`,
    chrome:
      "Response to preflight request doesn't pass access control check: It does not have HTTP ok status.",
    firefox: {
      code: 'CORSPreflightDidNotSucceed',
      sentence: 'Reason: CORS preflight response did not succeed',
    },
    safari: 'Preflight response is not successful. Status code: {status}',
  },
  'preflight-redirect': {
    stage: 'preflight',
    description: 'The OPTIONS preflight was answered with a redirect; browsers never follow one.',
    fetch: `${PREFLIGHT} steps 6-8 (HTTP-network-or-cache fetch does not follow redirects; 3xx is not an ok status)`,
    chrome:
      "Response to preflight request doesn't pass access control check: Redirect is not allowed for a preflight request.",
    firefox: {
      code: 'CORSExternalRedirectNotAllowed',
      sentence: 'Reason: CORS request external redirect not allowed',
    },
    safari: 'Preflight response is not successful. Status code: {status}',
  },
  'preflight-method': {
    stage: 'preflight',
    description:
      "The preflight's Access-Control-Allow-Methods does not list the request's method (or cannot be parsed).",
    fetch: `${PREFLIGHT} steps 7.3 and 7.5 (method not in the allowed methods; * does not count with credentials)`,
    chrome: 'Method {method} is not allowed by Access-Control-Allow-Methods in preflight response.',
    firefox: {
      code: 'CORSMethodNotFound',
      sentence: "Reason: Did not find method in CORS header 'Access-Control-Allow-Methods'",
    },
    safari: 'Method {method} is not allowed by Access-Control-Allow-Methods.',
  },
  'preflight-header': {
    stage: 'preflight',
    description:
      "The preflight's Access-Control-Allow-Headers does not list a header the request sends (or cannot be parsed).",
    fetch: `${PREFLIGHT} steps 7.3, 7.6 and 7.7 (an unsafe request-header name is not allowed; * never covers Authorization)`,
    chrome:
      'Request header field {header} is not allowed by Access-Control-Allow-Headers in preflight response.',
    firefox: {
      code: 'CORSMissingAllowHeaderFromPreflight',
      sentence:
        "Reason: header '{header}' is not allowed according to header 'Access-Control-Allow-Headers' from CORS preflight response",
    },
    safari: 'Request header field {header} is not allowed by Access-Control-Allow-Headers.',
  },
  'mixed-content': {
    stage: 'response',
    description:
      'An https: page asked for an http: (or ws:) URL; the browser blocks it before any request is sent.',
    fetch:
      'Fetch §4.1 main fetch ("should fetching request be blocked as mixed content?", Mixed Content §4.4)',
    chrome:
      "Mixed Content: The page at '{origin}' was loaded over HTTPS, but requested an insecure resource '{url}'. This request has been blocked; the content must be served over HTTPS.",
    firefox: { code: 'BlockMixedActiveContent', sentence: 'Blocked loading mixed active content “{url}”' },
    safari:
      '[blocked] The page at {origin} requested insecure content from {url}. This content was blocked and must be served over HTTPS.',
  },
  'local-network': {
    stage: 'preflight',
    description:
      "A public page asked for a local-network or loopback address; Chrome wants a secure context and the user's permission (Local Network Access), which no response header grants.",
    fetch:
      'Local Network Access (WICG) on Fetch §4.1 main fetch: a secure context and the permission (it replaced the Private Network Access preflight)',
    chrome: 'Permission was denied for this request to access the `{space}` address space.',
    firefox: null,
    safari: null,
  },
  'websocket-rejected': {
    stage: 'response',
    description:
      'The WebSocket handshake was answered with a status other than 101 (the server refused the Origin, the path or the upgrade).',
    fetch:
      'WebSockets §establish a WebSocket connection on Fetch §4.1 (RFC 6455 §4.1: a status other than 101 fails the connection)',
    chrome:
      "WebSocket connection to '{url}' failed: Error during WebSocket handshake: Unexpected response code: {status}",
    firefox: {
      code: null,
      sentence: 'Firefox can’t establish a connection to the server at {url}.',
    },
    safari: null,
  },
  'network-error': {
    stage: null,
    description:
      'No HTTP answer at all: DNS, refused or reset connection, TLS, timeout, a blocker extension. Not CORS.',
    fetch: 'Fetch §4.6 HTTP-network fetch (a network error, before any CORS check runs)',
    chrome: '{method} {url} net::ERR_CONNECTION_REFUSED',
    firefox: {
      code: 'CORSDidNotSucceed',
      sentence: 'Reason: CORS request did not succeed',
    },
    safari: null,
  },
  'no-error': {
    stage: null,
    description: 'Every step passes: a browser would let the page read this response.',
    fetch: `${CHECK} returns success (and ${PREFLIGHT} succeeded when one was needed)`,
    chrome: null,
    firefox: null,
    safari: null,
  },
};
