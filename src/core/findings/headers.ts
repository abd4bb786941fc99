import type { FindingDefinition } from './definition.js';
import { flat } from './severity.js';

/** Findings about the other CORS headers: Vary, the preflight answer, Max-Age, exposed headers, PNA. */
export const HEADER_FINDINGS = {
  'vary-origin-missing': {
    title: 'The CORS response depends on Origin but lacks Vary: Origin',
    source: { analyzer: 'analyzeVary' },
    severity: flat('low'),
    score: {
      modifier: 8,
      recommendation: 'Add Vary: Origin to every response whose CORS headers depend on the Origin.',
    },
    wording: {
      serverDoes:
        'changes Access-Control-Allow-Origin depending on the Origin but does not send Vary: Origin',
      who: 'a cache between the victim and the server, which may serve one origin’s answer to another',
    },
    docs: { does: 'the ACAO depends on Origin but `Vary: Origin` is missing' },
    explain: (c) =>
      `The server answers different Access-Control-Allow-Origin values for different origins (here ${c.origin}) without Vary: Origin. A browser or shared cache can store one origin's answer and serve it to another: legitimate origins break at random, and a cache can be poisoned into serving a response that grants the wrong origin.`,
    remediation:
      'Send Vary: Origin on every response whose CORS headers depend on the Origin header, including refusals.',
    demonstrates: 'none',
    lab: '/vary-missing',
  },
  'preflight-permissive': {
    title: 'Preflight allows whatever methods or headers are asked',
    source: { analyzer: 'analyzePreflightPermissive' },
    severity: { credentialed: 'medium', anonymous: 'info', unreadable: 'info' },
    score: {
      modifier: 15,
      recommendation:
        'Answer preflights with a fixed list of methods and headers instead of echoing the request.',
    },
    wording: {
      serverDoes: 'approves whatever methods and headers a preflight asks for',
      who: 'the allowed origin {origin}',
    },
    docs: {
      does: 'the preflight echoes requested headers or answers `*`',
      severity: 'medium when granted to an untrusted origin with credentials, else info',
    },
    explain: (c) =>
      `The preflight answer echoes the requested method or headers (or sends *), so for ${c.origin} the server approves any method and any header, including Authorization and custom headers. The preflight no longer limits what a cross-origin page can send${c.credentialed ? ": with the victim's cookies, that includes state-changing requests (PUT, DELETE, JSON POST)" : ''}.`,
    remediation:
      'List the methods and request headers the API really accepts (Access-Control-Allow-Methods: GET, POST; Access-Control-Allow-Headers: Content-Type) instead of echoing Access-Control-Request-Method/-Headers or answering *.',
    demonstrates: 'none',
    lab: '/preflight-permissive',
  },
  'max-age-excessive': {
    title: 'Preflight cache time (Access-Control-Max-Age) beyond what any browser honours',
    source: { analyzer: 'analyzeMaxAge' },
    severity: flat('info'),
    score: { modifier: 2, recommendation: 'Lower Access-Control-Max-Age to 600–7200 seconds.' },
    wording: {
      serverDoes: 'asks browsers to cache preflight answers for longer than any browser allows',
      who: 'nobody directly: a permissive answer, once cached, outlives a fix',
    },
    docs: { does: '`Access-Control-Max-Age` > 86400' },
    explain: () =>
      'Access-Control-Max-Age is above 86400 seconds. Browsers cap it (Chromium 7200 s, Firefox 86400 s, WebKit 600 s), so the value has no effect beyond the cap, but it shows the intent to cache a preflight answer for a long time: a permissive answer, once cached, outlives a fix on the server.',
    remediation: 'Use a Max-Age of 600 to 7200 seconds.',
    demonstrates: 'none',
    lab: '/max-age',
  },
  'expose-headers-sensitive': {
    title: 'Sensitive response headers are exposed to cross-origin scripts',
    source: { analyzer: 'analyzeExposeHeaders' },
    severity: { credentialed: 'low', anonymous: 'low', unreadable: 'info' },
    score: {
      modifier: 8,
      recommendation: 'Remove Authorization, cookie and token headers from Access-Control-Expose-Headers.',
    },
    wording: {
      serverDoes: 'lets cross-origin scripts read sensitive response headers (tokens, Authorization)',
      who: 'script running at the allowed origin {origin}',
    },
    docs: { does: 'exposes Authorization, Set-Cookie, token or internal headers' },
    explain: (c) =>
      `Access-Control-Expose-Headers lists headers such as Authorization, API keys or session tokens, so script on ${c.origin} can read them from responses. If any allowed origin is compromised, those secrets go with it.`,
    remediation:
      'Expose only the headers the front-end needs (pagination, rate limit, ETag). Never expose Authorization, Set-Cookie or token headers; return tokens in the body to trusted callers only.',
    demonstrates: 'none',
    lab: '/expose-sensitive',
  },
  'private-network-allowed': {
    title: 'Private Network Access is granted to untrusted origins',
    source: { analyzer: 'analyzePrivateNetwork' },
    severity: { credentialed: 'high', anonymous: 'high', unreadable: 'low' },
    score: {
      modifier: 35,
      recommendation: 'Grant Access-Control-Allow-Private-Network only to allowlisted origins.',
    },
    wording: {
      serverDoes:
        'grants Private Network Access (Access-Control-Allow-Private-Network) to origins it does not trust: honoured by Chromium before 142; newer Chromium asks the user instead and then relies on CORS alone',
      who: 'any public website {origin} the victim visits, reaching into the victim’s private network',
    },
    docs: {
      does: 'grants `Access-Control-Allow-Private-Network` to untrusted origins',
      severity: 'high if the preflight passes, else low',
    },
    explain: (c) =>
      `The preflight answers Access-Control-Allow-Private-Network: true to ${c.origin}: the service says any public website may reach it inside the victim's network. That header belongs to Private Network Access, the preflight-based protection Chromium shipped and then put on hold; since Chrome 142 Chromium gates local-network requests with the Local Network Access permission prompt instead and no longer consults the header, and Firefox and Safari never used it. What still matters today: in Chromium before 142 (and embedders still on Private Network Access) this answer lets any website through; everywhere else, once a user allows a site onto the local network (or in a browser without that protection), the service's own CORS answer is the only barrier, and it grants ${c.origin}.`,
    remediation:
      "Send Access-Control-Allow-Private-Network: true only to the explicit origins that must reach this private service, and only together with a passing CORS check; more important now, make the service's CORS allowlist exact, since browsers with the Local Network Access prompt rely on it alone once a user grants a site access.",
    demonstrates: 'none',
    lab: '/private-network',
  },
} as const satisfies Record<string, FindingDefinition>;
