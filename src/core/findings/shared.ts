import type { FindingContext } from './definition.js';
import type { SeverityRule } from './severity.js';

/** The fix of every broken origin comparison. */
export const ALLOWLIST_FIX =
  'Compare the Origin header with an explicit allowlist of full origins (scheme, host and port) by exact string equality, e.g. new Set(["https://app.example.com"]).has(origin). If you must match patterns, anchor and escape them (^https://([a-z0-9-]+\\.)?example\\.com$) and never use startsWith, endsWith, includes or indexOf on the Origin.';

/** The second sentence of the score recommendation of a broken origin comparison. */
export const ALLOWLIST = 'Replace the origin check with an exact allowlist of full origins.';

/** What a page at an accepted origin reads, with or without the victim's cookies. */
export const read = (c: FindingContext): string =>
  c.credentialed
    ? `a page there can send requests to ${c.url} with the victim's cookies and read the responses: whatever a logged-in user sees (profile, tokens, private data)`
    : `a page there can read the responses of ${c.url}, but without the victim's cookies (the server does not send Access-Control-Allow-Credentials: true), so only data that needs no login, or that is protected by network location alone, is exposed`;

/** Severity of an origin any attacker can host: critical when readable with cookies. */
export const ATTACKER_READ: SeverityRule = { credentialed: 'critical', anonymous: 'low', unreadable: 'info' };

/** Severity of an origin only some attackers can host (a subdomain, the network path, the local machine). */
export const NARROW_READ: SeverityRule = { credentialed: 'medium', anonymous: 'low', unreadable: 'info' };
