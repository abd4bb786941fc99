import type { FindingId } from '../scan/index.js';

/** Per finding id: what the server does, in one plain sentence, and who controls an origin it accepts. */
export interface Wording {
  readonly serverDoes: string;
  /** Who can host a page at an accepted origin (`{origin}` is replaced by the finding's origin). */
  readonly who: string;
}

/**
 * Plain-language wording for every finding id, for a web developer who is not a CORS specialist.
 *
 * @example
 * ```ts
 * WORDING['null-origin-allowed'].who; // 'any website: a sandboxed iframe sends Origin: null'
 * ```
 */
export const WORDING: Readonly<Record<FindingId, Wording>> = {
  'origin-reflected': {
    serverDoes:
      'copies whatever Origin header it receives into Access-Control-Allow-Origin, so it trusts every website',
    who: 'any website at all (we used the made-up {origin})',
  },
  'null-origin-allowed': {
    serverDoes: 'trusts the special origin "null"',
    who: 'any website: a page can put its script in a sandboxed iframe, whose requests carry Origin: null',
  },
  'prefix-match-bypass': {
    serverDoes: 'only checks that the Origin starts with a trusted origin',
    who: 'anyone who registers a domain that starts with your host name, like {origin}',
  },
  'suffix-match-bypass': {
    serverDoes: 'only checks that the Origin ends with your domain name, without requiring a dot in front',
    who: 'anyone who registers a domain that ends with your name, like {origin}',
  },
  'substring-match-bypass': {
    serverDoes: 'only checks that your host name appears somewhere in the Origin',
    who: 'anyone who registers a domain containing your host name, like {origin}',
  },
  'unescaped-dot-bypass': {
    serverDoes:
      'matches the Origin with a regular expression whose dots are not escaped (a dot matches any character)',
    who: 'anyone who registers the look-alike domain {origin}',
  },
  'special-char-bypass': {
    serverDoes: 'stops reading the Origin host at a character like _ or ` that browsers allow in host names',
    who: 'anyone who registers a domain such as {origin}',
  },
  'subdomain-trusted': {
    serverDoes: 'trusts every subdomain of the site, including ones that do not exist',
    who: 'whoever controls any subdomain, e.g. {origin}: through an XSS on any subdomain or a forgotten DNS record taken over',
  },
  'insecure-scheme-trusted': {
    serverDoes: 'trusts plain-http origins on an https endpoint',
    who: 'anyone on the victim’s network path (public Wi-Fi, a hostile router), who can inject script into {origin}',
  },
  'port-ignored': {
    serverDoes: 'compares host names but ignores the port',
    who: 'whatever runs on another port of a trusted host, e.g. {origin}',
  },
  'localhost-trusted': {
    serverDoes: 'trusts localhost or private-network origins on a public endpoint',
    who: 'any program serving a page at {origin} on the victim’s machine or network (a dev server, a malicious package)',
  },
  'third-party-origin-trusted': {
    serverDoes: 'trusts origins on a shared hosting platform where anyone can get a subdomain for free',
    who: 'anyone with a free account on that platform, e.g. {origin}',
  },
  'wildcard-origin': {
    serverDoes: 'answers Access-Control-Allow-Origin: * (every website may read, without cookies)',
    who: 'any website at all',
  },
  'wildcard-with-credentials': {
    serverDoes: 'answers Access-Control-Allow-Origin: * together with Access-Control-Allow-Credentials: true',
    who: 'any website at all',
  },
  'vary-origin-missing': {
    serverDoes: 'changes Access-Control-Allow-Origin depending on the Origin but does not send Vary: Origin',
    who: 'a cache between the victim and the server, which may serve one origin’s answer to another',
  },
  'preflight-permissive': {
    serverDoes: 'approves whatever methods and headers a preflight asks for',
    who: 'the allowed origin {origin}',
  },
  'max-age-excessive': {
    serverDoes: 'asks browsers to cache preflight answers for longer than any browser allows',
    who: 'nobody directly: a permissive answer, once cached, outlives a fix',
  },
  'expose-headers-sensitive': {
    serverDoes: 'lets cross-origin scripts read sensitive response headers (tokens, Authorization)',
    who: 'script running at the allowed origin {origin}',
  },
  'private-network-allowed': {
    serverDoes: 'grants Private Network Access to origins it does not trust',
    who: 'any public website {origin} the victim visits, reaching into the victim’s private network',
  },
  'websocket-origin-unchecked': {
    serverDoes: 'accepts WebSocket connections from any Origin (WebSockets are not protected by CORS)',
    who: 'any website, e.g. {origin}: the browser sends the victim’s cookies with the handshake',
  },
  'invalid-cors-headers': {
    serverDoes: 'sends CORS headers that break the Fetch standard, so browsers reject them',
    who: 'nobody today (browsers refuse these responses), but the usual quick fix opens real holes',
  },
  'samesite-none-cookie': {
    serverDoes: 'sets a session cookie with SameSite=None, so browsers attach it to requests from every site',
    who: 'any website, combined with any CORS weakness or a CSRF',
  },
};
