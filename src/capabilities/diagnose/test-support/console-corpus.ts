// Console messages as browsers print them. Wordings from Chromium cors_error_string.cc and
// mixed_content_checker.cc, Firefox dom/locales/en-US/chrome/security/security.properties (and MDN's
// CORS error pages), WebKit CrossOriginAccessControl.cpp, and messages quoted in public bug reports.
import type { Cause } from '../causes.js';

export interface CorpusCase {
  readonly text: string;
  readonly browser: 'chrome' | 'firefox' | 'safari';
  readonly cause: Cause;
  readonly url?: string;
  readonly origin?: string;
  readonly method?: string;
  readonly header?: string;
  readonly status?: number;
  readonly stage?: 'preflight' | 'response' | null;
}

const API = 'https://api.example.com/v1/items';
const APP = 'https://app.example.com';
const chrome = (reason: string, kind = 'fetch') =>
  `Access to ${kind} at '${API}' from origin '${APP}' has been blocked by CORS policy: ${reason}`;
const pre = "Response to preflight request doesn't pass access control check: ";
const firefox = (reason: string, status?: number) =>
  `Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at ${API}. (Reason: ${reason}).${status === undefined ? '' : ` Status code: ${status}.`}`;
const on = { url: API, origin: APP };

export const CORPUS: readonly CorpusCase[] = [
  // Chrome / Edge
  {
    text: chrome(
      "No 'Access-Control-Allow-Origin' header is present on the requested resource. If an opaque response serves your needs, set the request's mode to 'no-cors' to fetch the resource with CORS disabled.",
    ),
    browser: 'chrome',
    cause: 'acao-missing',
    stage: 'response',
    ...on,
  },
  {
    text: chrome(
      "No 'Access-Control-Allow-Origin' header is present on the requested resource.",
      'XMLHttpRequest',
    ),
    browser: 'chrome',
    cause: 'acao-missing',
    ...on,
  },
  {
    text: chrome(`${pre}No 'Access-Control-Allow-Origin' header is present on the requested resource.`),
    browser: 'chrome',
    cause: 'acao-missing',
    stage: 'preflight',
    ...on,
  },
  {
    text: chrome(
      "The 'Access-Control-Allow-Origin' header has a value 'https://www.example.com' that is not equal to the supplied origin. Have the server send the header with a valid value.",
    ),
    browser: 'chrome',
    cause: 'acao-mismatch',
    ...on,
  },
  {
    text: chrome(
      "The 'Access-Control-Allow-Origin' header contains multiple values 'https://app.example.com, *', but only one is allowed.",
      'XMLHttpRequest',
    ),
    browser: 'chrome',
    cause: 'acao-multiple',
    ...on,
  },
  {
    text: chrome(
      `${pre}The 'Access-Control-Allow-Origin' header contains multiple values 'http://localhost:3000, http://localhost:3000', but only one is allowed.`,
    ),
    browser: 'chrome',
    cause: 'acao-multiple',
    stage: 'preflight',
    ...on,
  },
  {
    text: chrome(
      "The 'Access-Control-Allow-Origin' header contains the invalid value 'app.example.com'. Have the server send the header with a valid value.",
    ),
    browser: 'chrome',
    cause: 'acao-invalid',
    ...on,
  },
  {
    text: chrome(
      "The value of the 'Access-Control-Allow-Origin' header in the response must not be the wildcard '*' when the request's credentials mode is 'include'. The credentials mode of requests initiated by the XMLHttpRequest is controlled by the withCredentials attribute.",
      'XMLHttpRequest',
    ),
    browser: 'chrome',
    cause: 'acao-wildcard-with-credentials',
    ...on,
  },
  {
    text: chrome(
      `${pre}The value of the 'Access-Control-Allow-Origin' header in the response must not be the wildcard '*' when the request's credentials mode is 'include'.`,
    ),
    browser: 'chrome',
    cause: 'acao-wildcard-with-credentials',
    stage: 'preflight',
    ...on,
  },
  {
    text: chrome(
      "The value of the 'Access-Control-Allow-Credentials' header in the response is '' which must be 'true' when the request's credentials mode is 'include'.",
    ),
    browser: 'chrome',
    cause: 'acac-missing',
    ...on,
  },
  {
    text: chrome(
      `${pre}The value of the 'Access-Control-Allow-Credentials' header in the response is 'TRUE' which must be 'true' when the request's credentials mode is 'include'.`,
    ),
    browser: 'chrome',
    cause: 'acac-not-true',
    stage: 'preflight',
    ...on,
  },
  {
    text: chrome(`${pre}It does not have HTTP ok status.`),
    browser: 'chrome',
    cause: 'preflight-status',
    stage: 'preflight',
    ...on,
  },
  {
    text: chrome(`${pre}Redirect is not allowed for a preflight request.`),
    browser: 'chrome',
    cause: 'preflight-redirect',
    stage: 'preflight',
    ...on,
  },
  {
    text: chrome('Method PUT is not allowed by Access-Control-Allow-Methods in preflight response.'),
    browser: 'chrome',
    cause: 'preflight-method',
    method: 'PUT',
    stage: 'preflight',
    ...on,
  },
  {
    text: chrome('Cannot parse Access-Control-Allow-Methods response header field in preflight response.'),
    browser: 'chrome',
    cause: 'preflight-method',
    ...on,
  },
  {
    text: chrome(
      'Request header field x-request-id is not allowed by Access-Control-Allow-Headers in preflight response.',
    ),
    browser: 'chrome',
    cause: 'preflight-header',
    header: 'x-request-id',
    ...on,
  },
  {
    text: chrome(
      'Request header field authorization is not allowed by Access-Control-Allow-Headers in preflight response.',
      'XMLHttpRequest',
    ),
    browser: 'chrome',
    cause: 'preflight-header',
    header: 'authorization',
    ...on,
  },
  {
    text: chrome('Permission was denied for this request to access the `unknown` address space.'),
    browser: 'chrome',
    cause: 'local-network',
    ...on,
  },
  {
    text: chrome(
      'The request client is not a secure context and the resource is in more-private address space `local`.',
    ),
    browser: 'chrome',
    cause: 'local-network',
    ...on,
  },
  {
    text: chrome(
      `${pre}No 'Access-Control-Allow-Private-Network' header was present in the preflight response for this private network request targeting the \`local\` address space.`,
    ),
    browser: 'chrome',
    cause: 'local-network',
    ...on,
  },
  {
    text: `Access to fetch at 'https://api.example.com/v2/items' (redirected from '${API}') from origin '${APP}' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.`,
    browser: 'chrome',
    cause: 'acao-missing',
    url: 'https://api.example.com/v2/items',
    origin: APP,
  },
  {
    text: "Access to fetch at 'https://api.example.com/v1/items'\nfrom origin 'http://localhost:3000' has been blocked by CORS policy: Response to preflight\nrequest doesn't pass access control check: It does not have HTTP ok status.",
    browser: 'chrome',
    cause: 'preflight-status',
    url: API,
    origin: 'http://localhost:3000',
  },
  {
    text: "Mixed Content: The page at 'https://app.example.com/dashboard' was loaded over HTTPS, but requested an insecure resource 'http://api.example.com/v1/items'. This request has been blocked; the content must be served over HTTPS.",
    browser: 'chrome',
    cause: 'mixed-content',
    url: 'http://api.example.com/v1/items',
    origin: APP,
  },
  {
    text: "Mixed Content: The page at 'https://app.example.com/' was loaded over HTTPS, but requested an insecure XMLHttpRequest endpoint 'http://api.example.com/v1/items'. This request has been blocked; the content must be served over HTTPS.",
    browser: 'chrome',
    cause: 'mixed-content',
    url: 'http://api.example.com/v1/items',
    origin: APP,
  },
  {
    text: "WebSocket connection to 'wss://api.example.com/socket' failed: Error during WebSocket handshake: Unexpected response code: 403",
    browser: 'chrome',
    cause: 'websocket-rejected',
    url: 'wss://api.example.com/socket',
    status: 403,
  },
  {
    text: "WebSocket connection to 'wss://localhost/app/app-key' failed: Error in connection establishment: net::ERR_CONNECTION_CLOSED",
    browser: 'chrome',
    cause: 'network-error',
    url: 'wss://localhost/app/app-key',
  },
  {
    text: 'GET https://api.example.com/v1/items net::ERR_NAME_NOT_RESOLVED',
    browser: 'chrome',
    cause: 'network-error',
    url: API,
  },
  // Printed by Chromium 156 (Debian, headless) in chromium-console.test.ts, hosts renamed: the console API's
  // wording of a failed load (DevTools shows the same entry as "GET URL net::ERR_…"), the WebSocket
  // variant of Mixed Content, and Local Network Access refusing a WebSocket.
  {
    text: 'Failed to load resource: net::ERR_CONNECTION_REFUSED',
    browser: 'chrome',
    cause: 'network-error',
    stage: null,
  },
  {
    text: "Mixed Content: The page at 'https://app.example.com/' was loaded over HTTPS, but attempted to connect to the insecure WebSocket endpoint 'ws://api.example.com/socket'. This request has been blocked; this endpoint must be available over WSS.",
    browser: 'chrome',
    cause: 'mixed-content',
    url: 'ws://api.example.com/socket',
    origin: APP,
  },
  {
    text: "WebSocket connection to 'ws://127.0.0.1:8080/socket' failed: Error in connection establishment: net::ERR_BLOCKED_BY_LOCAL_NETWORK_ACCESS_CHECKS",
    browser: 'chrome',
    cause: 'local-network',
    url: 'ws://127.0.0.1:8080/socket',
  },
  {
    text: "Access to fetch at 'http://127.0.0.1:8080/v1' from origin 'https://app.example.com' has been blocked by CORS policy: Permission was denied for this request to access the `loopback` address space.",
    browser: 'chrome',
    cause: 'local-network',
    url: 'http://127.0.0.1:8080/v1',
    origin: APP,
  },
  // Firefox (console shows ‘ ’ around names)
  {
    text: firefox('CORS header ‘Access-Control-Allow-Origin’ missing', 200),
    browser: 'firefox',
    cause: 'acao-missing',
    url: API,
    status: 200,
  },
  {
    text: firefox("CORS header 'Access-Control-Allow-Origin' missing"),
    browser: 'firefox',
    cause: 'acao-missing',
    url: API,
  },
  {
    text: firefox('CORS header ‘Access-Control-Allow-Origin’ does not match ‘https://www.example.com’'),
    browser: 'firefox',
    cause: 'acao-mismatch',
    url: API,
  },
  {
    text: firefox(
      'CORS header ‘Access-Control-Allow-Origin’ does not match ‘https://app.example.com, https://app.example.com’',
    ),
    browser: 'firefox',
    cause: 'acao-multiple',
    url: API,
  },
  {
    text: firefox('Multiple CORS header ‘Access-Control-Allow-Origin’ not allowed'),
    browser: 'firefox',
    cause: 'acao-multiple',
    url: API,
  },
  {
    text: `Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at ‘${API}’. (Reason: Credential is not supported if the CORS header ‘Access-Control-Allow-Origin’ is ‘*’).`,
    browser: 'firefox',
    cause: 'acao-wildcard-with-credentials',
    url: API,
  },
  {
    text: firefox('expected ‘true’ in CORS header ‘Access-Control-Allow-Credentials’'),
    browser: 'firefox',
    cause: 'acac-missing',
    url: API,
  },
  {
    text: firefox('CORS preflight response did not succeed', 405),
    browser: 'firefox',
    cause: 'preflight-status',
    url: API,
    status: 405,
    stage: 'preflight',
  },
  {
    text: firefox('CORS preflight channel did not succeed'),
    browser: 'firefox',
    cause: 'preflight-status',
    url: API,
  },
  {
    text: firefox('CORS request external redirect not allowed'),
    browser: 'firefox',
    cause: 'preflight-redirect',
    url: API,
  },
  {
    text: firefox('Did not find method in CORS header ‘Access-Control-Allow-Methods’'),
    browser: 'firefox',
    cause: 'preflight-method',
    url: API,
  },
  {
    text: firefox('invalid token ‘PUT DELETE’ in CORS header ‘Access-Control-Allow-Methods’'),
    browser: 'firefox',
    cause: 'preflight-method',
    url: API,
  },
  {
    text: firefox('invalid token ‘x id’ in CORS header ‘Access-Control-Allow-Headers’'),
    browser: 'firefox',
    cause: 'preflight-header',
    url: API,
  },
  {
    text: firefox(
      'header ‘x-request-id’ is not allowed according to header ‘Access-Control-Allow-Headers’ from CORS preflight response',
    ),
    browser: 'firefox',
    cause: 'preflight-header',
    header: 'x-request-id',
    url: API,
  },
  {
    text: firefox(
      'missing token ‘X-Custom-Header’ in CORS header ‘Access-Control-Allow-Headers’ from CORS preflight channel',
    ),
    browser: 'firefox',
    cause: 'preflight-header',
    header: 'x-custom-header',
    url: API,
  },
  {
    text: `Cross-Origin Request Warning: The Same Origin Policy will disallow reading the remote resource at ${API} soon. (Reason: When the \`Access-Control-Allow-Headers\` is \`*\`, the \`Authorization\` header is not covered. To include the \`Authorization\` header, it must be explicitly listed in CORS header \`Access-Control-Allow-Headers\`).`,
    browser: 'firefox',
    cause: 'preflight-header',
    header: 'authorization',
    url: API,
  },
  {
    text: firefox('CORS request did not succeed', undefined).replace(').', '). Status code: (null).'),
    browser: 'firefox',
    cause: 'network-error',
    url: API,
    stage: null,
  },
  {
    text: 'Blocked loading mixed active content “http://api.example.com/v1/items”',
    browser: 'firefox',
    cause: 'mixed-content',
    url: 'http://api.example.com/v1/items',
  },
  {
    text: 'Firefox can’t establish a connection to the server at wss://api.example.com/socket.',
    browser: 'firefox',
    cause: 'websocket-rejected',
    url: 'wss://api.example.com/socket',
  },
  // Safari
  {
    text: `[Error] Origin ${APP} is not allowed by Access-Control-Allow-Origin. Status code: 200`,
    browser: 'safari',
    cause: 'acao-mismatch',
    origin: APP,
    status: 200,
  },
  {
    text: `Failed to load resource: Origin http://localhost:3000 is not allowed by Access-Control-Allow-Origin. Status code: 403`,
    browser: 'safari',
    cause: 'acao-mismatch',
    origin: 'http://localhost:3000',
    status: 403,
  },
  {
    text: `XMLHttpRequest cannot load ${API}. Origin ${APP} is not allowed by Access-Control-Allow-Origin.`,
    browser: 'safari',
    cause: 'acao-mismatch',
    origin: APP,
    url: API,
  },
  {
    text: 'Preflight response is not successful. Status code: 403',
    browser: 'safari',
    cause: 'preflight-status',
    status: 403,
    stage: 'preflight',
  },
  {
    text: 'Method PATCH is not allowed by Access-Control-Allow-Methods.',
    browser: 'safari',
    cause: 'preflight-method',
    method: 'PATCH',
  },
  {
    text: 'Request header field X-Request-Id is not allowed by Access-Control-Allow-Headers.',
    browser: 'safari',
    cause: 'preflight-header',
    header: 'x-request-id',
  },
  {
    text: 'Credentials flag is true, but Access-Control-Allow-Credentials is not "true".',
    browser: 'safari',
    cause: 'acac-missing',
  },
  {
    text: 'Cannot use wildcard in Access-Control-Allow-Origin when credentials flag is true.',
    browser: 'safari',
    cause: 'acao-wildcard-with-credentials',
  },
  {
    text: 'Access-Control-Allow-Origin cannot contain more than one origin.',
    browser: 'safari',
    cause: 'acao-multiple',
  },
  {
    text: '[blocked] The page at https://app.example.com/ requested insecure content from http://api.example.com/v1/items. This content was blocked and must be served over HTTPS.',
    browser: 'safari',
    cause: 'mixed-content',
    origin: APP,
  },
];
