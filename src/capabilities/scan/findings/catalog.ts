import type { FindingId, Severity } from '../types.js';

/** What an explanation or remediation is written about. */
export interface FindingContext {
  /** The probe origin that demonstrates it. */
  readonly origin: string;
  /** The scanned URL. */
  readonly url: string;
  /** The browser model says a page at `origin` reads responses with the victim's cookies. */
  readonly credentialed: boolean;
}

/** One row of the finding catalog. */
export interface FindingRule {
  readonly title: string;
  /**
   * Severity when a page at the origin can read with cookies / only without cookies / not at all (the
   * server's intent is visible but browsers block the read). Rules that are not about reads use one value.
   */
  readonly severity: {
    readonly credentialed: Severity;
    readonly anonymous: Severity;
    readonly unreadable: Severity;
  };
  readonly explain: (c: FindingContext) => string;
  readonly remediation: string;
}

const ALLOWLIST_FIX =
  'Compare the Origin header with an explicit allowlist of full origins (scheme, host and port) by exact string equality, e.g. new Set(["https://app.example.com"]).has(origin). If you must match patterns, anchor and escape them (^https://([a-z0-9-]+\\.)?example\\.com$) and never use startsWith, endsWith, includes or indexOf on the Origin.';

const read = (c: FindingContext) =>
  c.credentialed
    ? `a page there can send requests to ${c.url} with the victim's cookies and read the responses: whatever a logged-in user sees (profile, tokens, private data)`
    : `a page there can read the responses of ${c.url}, but without the victim's cookies (the server does not send Access-Control-Allow-Credentials: true), so only data that needs no login, or that is protected by network location alone, is exposed`;

const attackerRead = { credentialed: 'critical', anonymous: 'low', unreadable: 'info' } as const;

/**
 * The finding catalog: title, severity rule, explanation and fix for every finding id.
 * A test checks that every id has exactly one row.
 */
export const FINDING_CATALOG: Readonly<Record<FindingId, FindingRule>> = {
  'origin-reflected': {
    title: 'Any origin is allowed: the server reflects the Origin header',
    severity: attackerRead,
    explain: (c) =>
      `The server copies whatever Origin it receives into Access-Control-Allow-Origin, so it trusted ${c.origin}, a made-up site. Any website the victim visits can do the same: ${read(c)}.`,
    remediation: ALLOWLIST_FIX,
  },
  'null-origin-allowed': {
    title: 'The null origin is allowed',
    severity: attackerRead,
    explain: (c) =>
      `The server allows Origin: null. Any website can send requests from the null origin by running its script in a sandboxed iframe (<iframe sandbox="allow-scripts">) or from a data: URL, so ${read(c)}.`,
    remediation:
      'Remove "null" from the allowlist and never answer Access-Control-Allow-Origin: null. Local files and sandboxed frames should not be trusted; serve trusted pages from a real https origin instead.',
  },
  'wildcard-with-credentials': {
    title: 'Access-Control-Allow-Origin: * is sent together with Access-Control-Allow-Credentials: true',
    severity: { credentialed: 'low', anonymous: 'low', unreadable: 'low' },
    explain: (c) =>
      `The server answers Access-Control-Allow-Origin: * with Access-Control-Allow-Credentials: true. Browsers refuse this combination for requests with cookies, so ${c.origin} cannot read logged-in responses today, but any site reads the responses without cookies, and the configuration shows credentialed cross-origin access was intended: a change to "reflect the origin" would make it critical.`,
    remediation:
      'Decide which one you need. For a public API: keep * and drop Access-Control-Allow-Credentials. For a logged-in API: replace * with an explicit allowlist of origins, echo only an allowed origin, and add Vary: Origin.',
  },
  'wildcard-origin': {
    title: 'Access-Control-Allow-Origin: * (public resource)',
    severity: { credentialed: 'info', anonymous: 'info', unreadable: 'info' },
    explain: (c) =>
      `Every website can read the responses of ${c.url} without the user's cookies. That is correct for public data; it is a leak if the response depends on something other than cookies, such as the network the user is on (intranet, VPN) or IP-based access rules.`,
    remediation:
      'Keep * only for data that is public anyway. For anything private, use an explicit allowlist of origins and Vary: Origin.',
  },
  'prefix-match-bypass': {
    title: 'Origin check only looks at the beginning of the Origin (prefix match)',
    severity: attackerRead,
    explain: (c) =>
      `The server accepted ${c.origin}: it checks that the Origin starts with a trusted origin, so an attacker registers a domain such as trusted-host.attacker.example. Through such a domain ${read(c)}.`,
    remediation: ALLOWLIST_FIX,
  },
  'suffix-match-bypass': {
    title: 'Origin check only looks at the end of the Origin (suffix match)',
    severity: attackerRead,
    explain: (c) =>
      `The server accepted ${c.origin}: it checks that the host ends with the trusted domain name without requiring a dot before it, so an attacker registers a domain like attackervictim.com. Through such a domain ${read(c)}.`,
    remediation: ALLOWLIST_FIX,
  },
  'substring-match-bypass': {
    title: 'Origin check only looks for the trusted host anywhere in the Origin (substring match)',
    severity: attackerRead,
    explain: (c) =>
      `The server accepted ${c.origin}: it only checks that the trusted host name appears somewhere in the Origin (includes/indexOf or an unanchored regex). An attacker puts that name inside a domain they own, and ${read(c)}.`,
    remediation: ALLOWLIST_FIX,
  },
  'unescaped-dot-bypass': {
    title: 'Origin regex has an unescaped dot',
    severity: attackerRead,
    explain: (c) =>
      `The server accepted ${c.origin}: its origin regular expression contains a "." that is not escaped, and "." matches any character, so an attacker registers the look-alike domain and ${read(c)}.`,
    remediation: `Escape every dot in origin patterns (\\.), anchor them with ^ and $, or better, drop the regex for an exact allowlist. ${ALLOWLIST_FIX}`,
  },
  'special-char-bypass': {
    title: 'Origin check is fooled by special characters in the host',
    severity: attackerRead,
    explain: (c) =>
      `The server accepted ${c.origin}: it stops reading the host name at a character such as _ or \` that browsers allow in host names, so it sees a trusted host where the browser sees the attacker's domain. Through such a domain ${read(c)}.`,
    remediation: `Do not parse the Origin by hand. ${ALLOWLIST_FIX}`,
  },
  'subdomain-trusted': {
    title: 'Every subdomain of the site is trusted',
    severity: { credentialed: 'medium', anonymous: 'low', unreadable: 'info' },
    explain: (c) =>
      `The server accepted ${c.origin}, a subdomain that does not exist. Anyone who finds cross-site scripting on any subdomain, or takes over a forgotten one (a dangling DNS record to a cloud service), can use it and ${read(c)}.`,
    remediation:
      'List the exact subdomains that need access instead of a wildcard, and keep that list short; audit subdomains for takeover and XSS if a wildcard is unavoidable.',
  },
  'insecure-scheme-trusted': {
    title: 'An https endpoint trusts an http:// origin',
    severity: { credentialed: 'medium', anonymous: 'low', unreadable: 'info' },
    explain: (c) =>
      `The server accepted ${c.origin}, a plain-http origin. Anyone on the victim's network path (public Wi-Fi, a hostile router) can inject script into any http page of that origin, and ${read(c)}, defeating HTTPS.`,
    remediation:
      'Allow only https:// origins on an https endpoint. Serve the front-end over https (with HSTS) and remove http:// entries and http? patterns from the allowlist.',
  },
  'port-ignored': {
    title: 'Origin check ignores the port',
    severity: { credentialed: 'low', anonymous: 'info', unreadable: 'info' },
    explain: (c) =>
      `The server accepted ${c.origin}: it compares host names but not ports, so any service on another port of a trusted host (a debug server, an admin tool, a user-controlled app) can read responses of ${c.url}${c.credentialed ? " with the victim's cookies" : ''}.`,
    remediation:
      'Compare the full serialized origin (scheme, host and port), not just the host name: new Set(["https://app.example.com"]).has(origin).',
  },
  'localhost-trusted': {
    title: 'A public endpoint trusts localhost or private-network origins',
    severity: { credentialed: 'medium', anonymous: 'low', unreadable: 'info' },
    explain: (c) =>
      `The server accepted ${c.origin}, a development or private-network origin, on a public endpoint. Any program that serves a page on that port on the victim's machine or network (another dev server, a malicious npm package, a router page with XSS) can use it, and ${read(c)}.`,
    remediation:
      'Keep development origins (http://localhost:*, 127.0.0.1, private addresses) in the development configuration only; use a per-environment allowlist so production never ships them.',
  },
  'third-party-origin-trusted': {
    title: 'Origins on shared hosting (github.io, vercel.app, …) are trusted',
    severity: { credentialed: 'high', anonymous: 'low', unreadable: 'info' },
    explain: (c) =>
      `The server accepted ${c.origin}, a site on a shared hosting platform where anyone can create a subdomain for free. An attacker publishes a page there and ${read(c)}.`,
    remediation:
      'Trust only the exact hosting subdomain you own (https://myapp.vercel.app), never a wildcard over the platform, and prefer a custom domain you control.',
  },
  'vary-origin-missing': {
    title: 'The CORS response depends on Origin but lacks Vary: Origin',
    severity: { credentialed: 'low', anonymous: 'low', unreadable: 'low' },
    explain: (c) =>
      `The server answers different Access-Control-Allow-Origin values for different origins (here ${c.origin}) without Vary: Origin. A browser or shared cache can store one origin's answer and serve it to another: legitimate origins break at random, and a cache can be poisoned into serving a response that grants the wrong origin.`,
    remediation:
      'Send Vary: Origin on every response whose CORS headers depend on the Origin header, including refusals.',
  },
  'preflight-permissive': {
    title: 'Preflight allows whatever methods or headers are asked',
    severity: { credentialed: 'medium', anonymous: 'info', unreadable: 'info' },
    explain: (c) =>
      `The preflight answer echoes the requested method or headers (or sends *), so for ${c.origin} the server approves any method and any header, including Authorization and custom headers. The preflight no longer limits what a cross-origin page can send${c.credentialed ? ": with the victim's cookies, that includes state-changing requests (PUT, DELETE, JSON POST)" : ''}.`,
    remediation:
      'List the methods and request headers the API really accepts (Access-Control-Allow-Methods: GET, POST; Access-Control-Allow-Headers: Content-Type) instead of echoing Access-Control-Request-Method/-Headers or answering *.',
  },
  'max-age-excessive': {
    title: 'Preflight cache time (Access-Control-Max-Age) beyond what any browser honours',
    severity: { credentialed: 'info', anonymous: 'info', unreadable: 'info' },
    explain: () =>
      'Access-Control-Max-Age is above 86400 seconds. Browsers cap it (Chromium 7200 s, Firefox 86400 s, WebKit 600 s), so the value has no effect beyond the cap, but it shows the intent to cache a preflight answer for a long time: a permissive answer, once cached, outlives a fix on the server.',
    remediation: 'Use a Max-Age of 600 to 7200 seconds.',
  },
  'expose-headers-sensitive': {
    title: 'Sensitive response headers are exposed to cross-origin scripts',
    severity: { credentialed: 'low', anonymous: 'low', unreadable: 'info' },
    explain: (c) =>
      `Access-Control-Expose-Headers lists headers such as Authorization, API keys or session tokens, so script on ${c.origin} can read them from responses. If any allowed origin is compromised, those secrets go with it.`,
    remediation:
      'Expose only the headers the front-end needs (pagination, rate limit, ETag). Never expose Authorization, Set-Cookie or token headers; return tokens in the body to trusted callers only.',
  },
  'private-network-allowed': {
    title: 'Private Network Access is granted to untrusted origins',
    severity: { credentialed: 'high', anonymous: 'high', unreadable: 'low' },
    explain: (c) =>
      `The preflight answers Access-Control-Allow-Private-Network: true to ${c.origin}. Private Network Access exists so public websites cannot reach devices and services on the user's private network; granting it to untrusted origins lets any website drive this service from the victim's browser.`,
    remediation:
      'Send Access-Control-Allow-Private-Network: true only to the explicit origins that must reach this private service, and only together with a passing CORS check.',
  },
  'websocket-origin-unchecked': {
    title: 'WebSocket handshake accepts a foreign Origin (cross-site WebSocket hijacking)',
    severity: { credentialed: 'high', anonymous: 'high', unreadable: 'high' },
    explain: (c) =>
      `The WebSocket endpoint ${c.url} completed the handshake for Origin ${c.origin}. WebSockets are not covered by CORS: browsers send the victim's cookies with the handshake, so any website can open the socket as the logged-in user and read and send its messages.`,
    remediation:
      'Check the Origin header of every WebSocket handshake against an explicit allowlist of full origins and refuse the upgrade (403) otherwise; also authenticate the socket with a token rather than cookies alone.',
  },
  'invalid-cors-headers': {
    title: 'Malformed CORS headers',
    severity: { credentialed: 'low', anonymous: 'low', unreadable: 'low' },
    explain: (c) =>
      `The CORS headers sent to ${c.origin} are not valid by the Fetch standard (several Access-Control-Allow-Origin values, an origin with a path or trailing slash, or Access-Control-Allow-Credentials other than the exact lower-case "true"). Browsers refuse such responses, so legitimate front-ends break, and the usual "fix" of loosening the check is how reflection bugs are born.`,
    remediation:
      'Send exactly one Access-Control-Allow-Origin with one serialized origin (https://app.example.com, no path, no trailing slash) or *, and Access-Control-Allow-Credentials: true exactly (or omit it). Make sure only one layer (app, proxy, CDN) adds CORS headers.',
  },
  'samesite-none-cookie': {
    title: 'Session cookie with SameSite=None on a CORS-enabled endpoint',
    severity: { credentialed: 'low', anonymous: 'low', unreadable: 'low' },
    explain: (c) =>
      `The endpoint sets a session cookie with SameSite=None, so browsers attach it to requests from every other site. Together with any CORS weakness (or CSRF), cross-site requests to ${c.url} run as the logged-in user.`,
    remediation:
      'Use SameSite=Lax (or Strict) for session cookies; front-ends on subdomains of the same site still receive them. Use SameSite=None only for cookies that truly must cross sites, and never rely on it for authentication alone.',
  },
};
