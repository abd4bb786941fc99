import { FINDING_IDS, FINDINGS, type FindingId } from '../../core/findings/index.js';
import {
  type EndpointDef,
  type HttpEndpointDef,
  removeHeader,
  replaceHeader,
  type WebSocketEndpointDef,
} from './definition.js';
import { ALLOWED_HOSTS, ALLOWED_ORIGINS, isAllowlisted } from './policy.js';
import type { LabEndpoint } from './types.js';

// Each check below is deliberately written the way the bug shows up in real code. Do not "fix" them.

const UNESCAPED_DOT = /^https:\/\/(app|www).victim.test$/;
const ANY_SUBDOMAIN = /^https:\/\/([a-z0-9-]+\.)*victim\.test$/;
const HTTP_OR_HTTPS = /^https?:\/\/(app|www)\.victim\.test$/;
const VERCEL_PREVIEW = /^https:\/\/[a-z0-9-]+\.vercel\.app$/;

/** `/special-char`: "host" is what follows `https://` up to the first character that cannot be in a host:port. */
function naiveHostMatch(origin: string): boolean {
  if (!origin.startsWith('https://')) return false;
  const rest = origin.slice('https://'.length);
  const host = /^[a-z0-9.:-]*/.exec(rest)?.[0] ?? '';
  return ALLOWED_HOSTS.includes(host);
}

/** `/port-ignored`: a proper URL parse, but the port is never compared. */
function hostOnlyMatch(origin: string): boolean {
  try {
    const url = new URL(origin);
    return url.protocol === 'https:' && ALLOWED_HOSTS.includes(url.hostname);
  } catch {
    return false;
  }
}

/** An endpoint without its expected ids: those come from the registry. */
type EndpointSpec = Omit<HttpEndpointDef, 'expect'> | Omit<WebSocketEndpointDef, 'expect'>;

// One misconfiguration class per endpoint; the finding registry names the endpoint of each id (`lab`).
const SPECS: readonly EndpointSpec[] = [
  {
    kind: 'http',
    path: '/reflect',
    scheme: 'https',
    description:
      'Reflects any Origin header (null included) in Access-Control-Allow-Origin, with credentials.',
    allow: () => true,
  },
  {
    kind: 'http',
    path: '/null',
    scheme: 'https',
    description: 'Allows the two front-ends plus the literal origin "null", with credentials.',
    allow: (origin) => isAllowlisted(origin) || origin === 'null',
  },
  {
    kind: 'http',
    path: '/wildcard-credentials',
    scheme: 'https',
    description: 'Sends Access-Control-Allow-Origin: * together with Access-Control-Allow-Credentials: true.',
    allow: () => true,
    wildcard: true,
    vary: false,
  },
  {
    kind: 'http',
    path: '/wildcard',
    scheme: 'https',
    description:
      'Public Access-Control-Allow-Origin: * without credentials on a response that carries a secret.',
    allow: () => true,
    wildcard: true,
    credentials: false,
    vary: false,
  },
  {
    kind: 'http',
    path: '/prefix',
    scheme: 'https',
    description:
      'Allows any Origin that starts with an allowlisted origin (origin.startsWith), with credentials.',
    allow: (origin) => ALLOWED_ORIGINS.some((allowed) => origin.startsWith(allowed)),
  },
  {
    kind: 'http',
    path: '/suffix',
    scheme: 'https',
    description: "Allows any Origin that ends with 'victim.test' (origin.endsWith), with credentials.",
    allow: (origin) => origin.endsWith('victim.test'),
  },
  {
    kind: 'http',
    path: '/substring',
    scheme: 'https',
    description: "Allows any Origin that contains 'victim.test' (origin.includes), with credentials.",
    allow: (origin) => origin.includes('victim.test'),
  },
  {
    kind: 'http',
    path: '/unescaped-dot',
    scheme: 'https',
    description:
      'Allows Origins matching /^https:\\/\\/(app|www).victim.test$/ (dots unescaped), with credentials.',
    allow: (origin) => UNESCAPED_DOT.test(origin),
  },
  {
    kind: 'http',
    path: '/special-char',
    scheme: 'https',
    description:
      'Takes the Origin after https:// up to the first character outside [a-z0-9.:-] as its host and allows it when that equals an allowlisted host, with credentials.',
    allow: naiveHostMatch,
  },
  {
    kind: 'http',
    path: '/subdomain',
    scheme: 'https',
    description: 'Allows victim.test and any subdomain of it over https, with credentials.',
    allow: (origin) => ANY_SUBDOMAIN.test(origin),
  },
  {
    kind: 'http',
    path: '/insecure-scheme',
    scheme: 'https',
    description: 'Allows the two front-ends over https and over plain http, with credentials.',
    allow: (origin) => HTTP_OR_HTTPS.test(origin),
  },
  {
    kind: 'http',
    path: '/port-ignored',
    scheme: 'https',
    description:
      'Parses the Origin with new URL() and allows an https front-end host on any port, with credentials.',
    allow: hostOnlyMatch,
  },
  {
    kind: 'http',
    path: '/localhost',
    scheme: 'https',
    description:
      'Allows the two front-ends plus the developer origin http://localhost:3000, with credentials.',
    allow: (origin) => isAllowlisted(origin) || origin === 'http://localhost:3000',
  },
  {
    kind: 'http',
    path: '/third-party',
    scheme: 'https',
    description:
      'Allows the two front-ends plus any https://*.vercel.app preview deployment, with credentials.',
    allow: (origin) => isAllowlisted(origin) || VERCEL_PREVIEW.test(origin),
  },
  {
    kind: 'http',
    path: '/vary-missing',
    scheme: 'https',
    description: 'Exact allowlist with credentials, but never sends Vary: Origin.',
    allow: isAllowlisted,
    vary: false,
  },
  {
    kind: 'http',
    path: '/preflight-permissive',
    scheme: 'https',
    description:
      'Exact allowlist, but preflights echo Access-Control-Request-Method and Access-Control-Request-Headers back.',
    allow: isAllowlisted,
    patch: (headers, { req, preflight, allowed }) => {
      if (!preflight || !allowed) return;
      replaceHeader(
        headers,
        'Access-Control-Allow-Methods',
        req.headers['access-control-request-method'] ?? '',
      );
      const requested = req.headers['access-control-request-headers'];
      if (requested === undefined) removeHeader(headers, 'Access-Control-Allow-Headers');
      else replaceHeader(headers, 'Access-Control-Allow-Headers', requested);
      replaceHeader(headers, 'Vary', 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers');
    },
  },
  {
    kind: 'http',
    path: '/max-age',
    scheme: 'https',
    description: 'Exact allowlist, but preflights are cached for a year (Access-Control-Max-Age: 31536000).',
    allow: isAllowlisted,
    maxAge: 31536000,
  },
  {
    kind: 'http',
    path: '/expose-sensitive',
    scheme: 'https',
    description: 'Exact allowlist, but exposes Authorization and X-Api-Key response headers to the page.',
    allow: isAllowlisted,
    patch: (headers, { allowed }) => {
      if (allowed) headers.push(['Access-Control-Expose-Headers', 'Authorization, X-Api-Key']);
    },
  },
  {
    kind: 'http',
    path: '/private-network',
    scheme: 'https',
    description:
      'Exact allowlist for Access-Control-Allow-Origin, but answers Access-Control-Allow-Private-Network: true to any preflight that asks.',
    allow: isAllowlisted,
    patch: (headers, { req, preflight }) => {
      if (preflight && req.headers['access-control-request-private-network'] === 'true') {
        headers.push(['Access-Control-Allow-Private-Network', 'true']);
      }
    },
  },
  {
    kind: 'http',
    path: '/invalid-headers',
    scheme: 'https',
    description:
      'Exact allowlist, but sends Access-Control-Allow-Credentials: True (capitalised) and the origin in two Access-Control-Allow-Origin headers.',
    allow: isAllowlisted,
    patch: (headers, { origin, allowed }) => {
      if (!allowed || origin === undefined) return;
      replaceHeader(headers, 'Access-Control-Allow-Credentials', 'True');
      headers.push(['Access-Control-Allow-Origin', origin]);
    },
  },
  {
    kind: 'http',
    path: '/samesite-none',
    scheme: 'https',
    description: 'Exact allowlist with credentials, and sets a session cookie with SameSite=None.',
    allow: isAllowlisted,
    patch: (headers, { preflight }) => {
      if (!preflight) headers.push(['Set-Cookie', 'session=abc123; Path=/; Secure; HttpOnly; SameSite=None']);
    },
  },
  {
    kind: 'websocket',
    path: '/ws',
    scheme: 'ws',
    description: 'WebSocket that accepts the handshake from any Origin and then sends the secret.',
    allow: () => true,
  },
  {
    kind: 'http',
    path: '/safe',
    scheme: 'https',
    description:
      'Correct: exact allowlist of the two front-ends, credentials, Vary: Origin, fixed methods and headers, max-age 600.',
    allow: isAllowlisted,
  },
  {
    kind: 'http',
    path: '/safe-public-read',
    scheme: 'https',
    description: 'Correct: no CORS headers at all (same-origin only); preflights are refused with 403.',
    allow: () => false,
    vary: false,
  },
  {
    kind: 'websocket',
    path: '/ws-safe',
    scheme: 'wss',
    description:
      'Correct: WebSocket that refuses the handshake with 403 unless the Origin is an allowlisted front-end.',
    allow: (origin) => origin !== undefined && isAllowlisted(origin),
  },
];

/** The ids a correct scanner must report for `path`: the registry entries whose `lab` is `path`. */
const expectedAt = (path: string): FindingId[] => FINDING_IDS.filter((id) => FINDINGS[id].lab === path);

/**
 * The lab's endpoint table: public metadata plus the policy each one runs. One misconfiguration class per
 * endpoint: `expect` is derived from the finding registry (`lab`), so it holds at most one id.
 *
 * @example
 * ```ts
 * LAB_ENDPOINT_DEFS.find((d) => d.path === '/prefix')?.kind; // 'http'
 * ```
 */
export const LAB_ENDPOINT_DEFS: readonly EndpointDef[] = SPECS.map((spec) => ({
  ...spec,
  expect: expectedAt(spec.path),
}));

/**
 * Every lab endpoint with the finding ids a correct scanner must report for it.
 *
 * @example
 * ```ts
 * LAB_ENDPOINTS.find((e) => e.path === '/reflect')?.expect; // ['origin-reflected']
 * ```
 */
export const LAB_ENDPOINTS: readonly LabEndpoint[] = LAB_ENDPOINT_DEFS.map(
  ({ path, description, expect, scheme }): LabEndpoint => ({ path, description, expect, scheme }),
);
