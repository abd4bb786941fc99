import type { FindingDefinition } from './definition.js';
import { flat } from './severity.js';
import { ALLOWLIST, ALLOWLIST_FIX, ATTACKER_READ, read } from './shared.js';

/** Findings where every website is granted: a reflected or null origin, or the `*` wildcard. */
export const ANY_ORIGIN_FINDINGS = {
  'origin-reflected': {
    title: 'Any origin is allowed: the server reflects the Origin header',
    source: { family: 'arbitrary', stage: 1 },
    severity: ATTACKER_READ,
    score: { modifier: 60, recommendation: `Stop reflecting the Origin header. ${ALLOWLIST}` },
    wording: {
      serverDoes:
        'copies whatever Origin header it receives into Access-Control-Allow-Origin, so it trusts every website',
      who: 'any website at all (we used the made-up {origin})',
    },
    docs: { does: 'allows any origin (reflects it)', severity: 'critical with credentials, low without' },
    explain: (c) =>
      `The server copies whatever Origin it receives into Access-Control-Allow-Origin, so it trusted ${c.origin}, a made-up site. Any website the victim visits can do the same: ${read(c)}.`,
    remediation: ALLOWLIST_FIX,
    demonstrates: 'read',
    lab: '/reflect',
  },
  'null-origin-allowed': {
    title: 'The null origin is allowed',
    source: { family: 'null', stage: 2 },
    severity: ATTACKER_READ,
    score: { modifier: 55, recommendation: 'Remove "null" from the trusted origins.' },
    wording: {
      serverDoes: 'trusts the special origin "null"',
      who: 'any website: a page can put its script in a sandboxed iframe, whose requests carry Origin: null',
    },
    docs: { does: 'allows `Origin: null`' },
    explain: (c) =>
      `The server allows Origin: null. Any website can send requests from the null origin by running its script in a sandboxed iframe (<iframe sandbox="allow-scripts">) or from a data: URL, so ${read(c)}.`,
    remediation:
      'Remove "null" from the allowlist and never answer Access-Control-Allow-Origin: null. Local files and sandboxed frames should not be trusted; serve trusted pages from a real https origin instead.',
    demonstrates: 'read',
    lab: '/null',
  },
  'wildcard-with-credentials': {
    title: 'Access-Control-Allow-Origin: * is sent together with Access-Control-Allow-Credentials: true',
    source: { analyzer: 'analyzeWildcard' },
    severity: flat('low'),
    score: {
      modifier: 10,
      recommendation:
        'Drop Access-Control-Allow-Credentials for a public API, or replace * with an allowlist.',
    },
    wording: {
      serverDoes:
        'answers Access-Control-Allow-Origin: * together with Access-Control-Allow-Credentials: true',
      who: 'any website at all',
    },
    docs: { does: '`ACAO: *` with `ACAC: true` (browsers block the credentialed read)' },
    explain: (c) =>
      `The server answers Access-Control-Allow-Origin: * with Access-Control-Allow-Credentials: true. Browsers refuse this combination for requests with cookies, so ${c.origin} cannot read logged-in responses today, but any site reads the responses without cookies, and the configuration shows credentialed cross-origin access was intended: a change to "reflect the origin" would make it critical.`,
    remediation:
      'Decide which one you need. For a public API: keep * and drop Access-Control-Allow-Credentials. For a logged-in API: replace * with an explicit allowlist of origins, echo only an allowed origin, and add Vary: Origin.',
    demonstrates: 'read',
    lab: '/wildcard-credentials',
  },
  'wildcard-origin': {
    title: 'Access-Control-Allow-Origin: * (public resource)',
    source: { analyzer: 'analyzeWildcard' },
    severity: flat('info'),
    score: {
      modifier: 2,
      recommendation: 'Keep Access-Control-Allow-Origin: * only on data that is public anyway.',
    },
    wording: {
      serverDoes: 'answers Access-Control-Allow-Origin: * (every website may read, without cookies)',
      who: 'any website at all',
    },
    docs: { does: '`ACAO: *`', severity: 'info (medium if the response looks private)' },
    explain: (c) =>
      `Every website can read the responses of ${c.url} without the user's cookies. That is correct for public data; it is a leak if the response depends on something other than cookies, such as the network the user is on (intranet, VPN) or IP-based access rules.`,
    remediation:
      'Keep * only for data that is public anyway. For anything private, use an explicit allowlist of origins and Vary: Origin.',
    demonstrates: 'read',
    lab: '/wildcard',
  },
} as const satisfies Record<string, FindingDefinition>;
