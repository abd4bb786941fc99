import type { FindingDefinition } from './definition.js';
import { flat } from './severity.js';

/**
 * Findings beyond the origin check of a response: WebSocket handshakes, malformed CORS headers and
 * cross-site cookies. (`invalid-cors-headers` sits here, between the two others, because the registry's
 * order is the published order of the ids: the JSON schema enum, SARIF rules and JUnit test cases.)
 */
export const WEBSOCKET_COOKIE_FINDINGS = {
  'websocket-origin-unchecked': {
    title: 'WebSocket handshake accepts a foreign Origin (cross-site WebSocket hijacking)',
    source: { analyzer: 'scanWebSocket' },
    severity: flat('high'),
    score: {
      modifier: 40,
      recommendation:
        'Check the Origin of every WebSocket handshake against an allowlist; refuse the upgrade otherwise.',
    },
    wording: {
      serverDoes: 'accepts WebSocket connections from any Origin (WebSockets are not protected by CORS)',
      who: 'any website, e.g. {origin}: the browser sends the victim’s cookies with the handshake',
    },
    docs: { does: 'the WebSocket handshake accepts a foreign Origin' },
    explain: (c) =>
      `The WebSocket endpoint ${c.url} completed the handshake for Origin ${c.origin}. WebSockets are not covered by CORS: browsers send the victim's cookies with the handshake, so any website can open the socket as the logged-in user and read and send its messages.`,
    remediation:
      'Check the Origin header of every WebSocket handshake against an explicit allowlist of full origins and refuse the upgrade (403) otherwise; also authenticate the socket with a token rather than cookies alone.',
    demonstrates: 'websocket',
    lab: '/ws',
  },
  'invalid-cors-headers': {
    title: 'Malformed CORS headers',
    source: { analyzer: 'analyzeInvalidHeaders' },
    severity: flat('low'),
    score: {
      modifier: 8,
      recommendation:
        'Send exactly one valid Access-Control-Allow-Origin and ACAC: true (from one layer only).',
    },
    wording: {
      serverDoes: 'sends CORS headers that break the Fetch standard, so browsers reject them',
      who: 'nobody today (browsers refuse these responses), but the usual quick fix opens real holes',
    },
    docs: {
      does: 'several ACAO values, ACAO with a path or trailing slash, ACAC other than `true`',
      severity: 'low (info for `ACAC: false`)',
    },
    explain: (c) =>
      `The CORS headers sent to ${c.origin} are not valid by the Fetch standard (several Access-Control-Allow-Origin values, an origin with a path or trailing slash, or Access-Control-Allow-Credentials other than the exact lower-case "true"). Browsers refuse such responses, so legitimate front-ends break, and the usual "fix" of loosening the check is how reflection bugs are born.`,
    remediation:
      'Send exactly one Access-Control-Allow-Origin with one serialized origin (https://app.example.com, no path, no trailing slash) or *, and Access-Control-Allow-Credentials: true exactly (or omit it). Make sure only one layer (app, proxy, CDN) adds CORS headers.',
    demonstrates: 'none',
    lab: '/invalid-headers',
  },
  'samesite-none-cookie': {
    title: 'Session cookie with SameSite=None on a CORS-enabled endpoint',
    source: { analyzer: 'analyzeSameSite' },
    severity: flat('low'),
    score: {
      modifier: 5,
      recommendation: 'Set session cookies with SameSite=Lax instead of SameSite=None.',
    },
    wording: {
      serverDoes:
        'sets a session cookie with SameSite=None, so browsers attach it to requests from every site',
      who: 'any website, combined with any CORS weakness or a CSRF',
    },
    docs: { does: 'sets a session cookie with `SameSite=None` on a credentialed CORS endpoint' },
    explain: (c) =>
      `The endpoint sets a session cookie with SameSite=None, so browsers attach it to requests from every other site. Together with any CORS weakness (or CSRF), cross-site requests to ${c.url} run as the logged-in user.`,
    remediation:
      'Use SameSite=Lax (or Strict) for session cookies; front-ends on subdomains of the same site still receive them. Use SameSite=None only for cookies that truly must cross sites, and never rely on it for authentication alone.',
    demonstrates: 'none',
    lab: '/samesite-none',
  },
} as const satisfies Record<string, FindingDefinition>;
