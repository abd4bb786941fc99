import { netErrorCause, netErrorCode, parseChromeCors, parseChromeOther } from './console-chrome.js';
import { parseFirefox } from './console-firefox.js';
import { parseSafari } from './console-safari.js';
import type { ConsoleParse } from './console-types.js';
import { normalizeMessage } from './text-scan.js';

// Generic lines that name no reason: the browser printed the reason on another line.
const GENERIC: ReadonlyArray<readonly [string, string]> = [
  [
    'net::ERR_FAILED',
    'Chrome prints net::ERR_FAILED for every blocked request; paste the "Access to … has been blocked by CORS policy" line above it',
  ],
  [
    'Failed to fetch',
    'this is what JavaScript sees for any blocked or failed request; paste the console line that gives the reason',
  ],
  [
    'NetworkError when attempting to fetch resource',
    'this is what JavaScript sees in Firefox; paste the "Cross-Origin Request Blocked" line',
  ],
  ['Load failed', 'this is what JavaScript sees in Safari; paste the console line that gives the reason'],
];

/**
 * Parses a console message pasted from Chrome/Edge, Firefox or Safari into a `cause` and the URL, origin,
 * method and header it names: every CORS wording of the three browsers (Chrome's preflight variants,
 * Firefox's `Reason:` codes), mixed content, Local/Private Network Access and WebSocket handshake
 * failures. Curly quotes and line breaks of a wrapped paste are accepted. Linear in the input (no
 * backtracking regular expression), so hostile input cannot stall it. Never throws: a message it does not
 * know comes back `{ recognised: false, why }`.
 *
 * @example
 * ```ts
 * parseConsoleMessage("Access to fetch at 'https://api.example/v1' from origin 'https://app.example' has been blocked by CORS policy: Method PUT is not allowed by Access-Control-Allow-Methods in preflight response.");
 * // { recognised: true, browser: 'chrome', cause: 'preflight-method', stage: 'preflight',
 * //   url: 'https://api.example/v1', origin: 'https://app.example', method: 'PUT' }
 * ```
 */
export function parseConsoleMessage(text: string): ConsoleParse {
  const message = normalizeMessage(text);
  if (message === '') return { recognised: false, why: 'the message is empty' };
  const parsed =
    parseChromeCors(message) ?? parseFirefox(message) ?? parseChromeOther(message) ?? parseSafari(message);
  if (parsed !== undefined) return parsed;
  // DevTools shows a failed load as "GET URL net::ERR_…"; the console API (and so Playwright's console
  // event) gives "Failed to load resource: net::ERR_…" with the URL only in the message's location.
  const code = netErrorCode(message);
  if (code !== undefined && code !== 'net::ERR_FAILED') {
    const url = message.split(' ').find((word) => word.startsWith('http://') || word.startsWith('https://'));
    return {
      recognised: true,
      browser: 'chrome',
      cause: netErrorCause(code),
      stage: null,
      value: code,
      ...(url === undefined ? {} : { url }),
    };
  }
  for (const [needle, why] of GENERIC) if (message.includes(needle)) return { recognised: false, why };
  return {
    recognised: false,
    why: 'no CORS, mixed content, local network or WebSocket wording of Chrome, Firefox or Safari found',
  };
}
