import type { CredentialsMode } from '../../core/browser/index.js';
import {
  classifyOrigin,
  isLoopback,
  OPAQUE_ORIGIN,
  type Origin,
  originOfUrl,
  tryParseOrigin,
} from '../../core/origin/index.js';

/**
 * Why an origin must never be granted, whatever the developer wants:
 * - `opaque`: `null` (sandboxed iframes, `file:` pages, `data:` URLs, cross-origin redirects); any site
 *   can make a request whose Origin is `null`;
 * - `insecure-scheme`: an `http:` page reading a credentialed `https:` API (anyone on the page's network
 *   path can inject script into it and read with the user's cookies); `localhost` included;
 * - `shared-hosting`: a host under a shared-hosting suffix (`github.io`, `herokuapp.com`… in the Public
 *   Suffix List's private section), whose names other tenants register or take over once released;
 * - `any-origin-with-credentials`: the developer asks for every origin with cookies (`--origin '*'`),
 *   which only reflecting every Origin gives: every site could read every signed-in user's data.
 *
 * @example
 * ```ts
 * const kind: UntrustedKind = 'opaque';
 * ```
 */
export type UntrustedKind = 'opaque' | 'insecure-scheme' | 'shared-hosting' | 'any-origin-with-credentials';

/**
 * An origin the answer must not loosen the server for: why, and what to do instead.
 *
 * @example
 * ```ts
 * const u: UntrustedOrigin = { kind: 'opaque', why: 'any site can send Origin: null…', instead: ['Serve the page from a real origin…'] };
 * ```
 */
export interface UntrustedOrigin {
  readonly kind: UntrustedKind;
  /** Why granting it would be a vulnerability. */
  readonly why: string;
  /** The safe ways to get what the developer needs. */
  readonly instead: readonly string[];
}

/** The request's origin that stands for "any origin" on the command line. */
export const ANY_ORIGIN = '*';

/** The Origin sent for {@link ANY_ORIGIN} when a request is replayed or modelled: a site of nobody's. */
export const ANY_ORIGIN_SAMPLE = 'https://any-origin.example';

const DEV_PROXY =
  'Use a dev-server proxy so the browser makes a same-origin request and CORS never applies: Vite `server.proxy`, webpack `devServer.proxy`, or Next.js `rewrites()` forwarding `/api` to the API.';
const PER_ENVIRONMENT =
  'Allow `http://localhost:*` only in the development environment of the policy file (`corsguard init` writes one), never in production.';

/**
 * Whether `origin` must never be trusted by the API at `url` for a request with `credentials`, and
 * what to do instead. Null for an origin a fix may grant (an `https:` origin of a site of its own, a
 * `localhost` page on a local API, an `http:` page reading anonymously).
 *
 * @example
 * ```ts
 * untrustedOrigin('null', 'https://api.example.com/me', 'include')?.kind;                 // 'opaque'
 * untrustedOrigin('http://localhost:5173', 'https://api.example.com/me', 'include')?.kind; // 'insecure-scheme'
 * untrustedOrigin('https://app.example.com', 'https://api.example.com/me', 'include');    // null
 * ```
 */
export function untrustedOrigin(
  origin: string,
  url: string,
  credentials: CredentialsMode,
): UntrustedOrigin | null {
  const withCookies = credentials === 'include';
  if (origin === ANY_ORIGIN) {
    if (!withCookies) return null;
    return {
      kind: 'any-origin-with-credentials',
      why: "Browsers refuse `Access-Control-Allow-Origin: *` on a request with cookies, and the only configuration that gives every origin access with cookies is reflecting the Origin header, which lets any website read every signed-in user's responses.",
      instead: [
        'If the data is public, read it without credentials (`credentials: "omit"`): then `Access-Control-Allow-Origin: *` is safe.',
        "If each caller has its own key, send it in an `Authorization` header instead of a cookie: a page can then only use the token it holds, not the visitor's session.",
        'If the API serves your own front ends, list them exactly; if it must serve many sites, put a backend-for-frontend on each site, or host the API on the same site as the front end.',
      ],
    };
  }
  // A file: page's requests carry `Origin: null` (HTML: file: URLs have an opaque origin).
  const parsed = origin.startsWith('file:') ? OPAQUE_ORIGIN : tryParseOrigin(origin);
  if (parsed === undefined) return null;
  if (parsed.kind === 'opaque') {
    return {
      kind: 'opaque',
      why: 'The page has an opaque origin, sent as `Origin: null`: a file opened from disk, a sandboxed iframe, a `data:` URL or a request redirected across origins. Any website can produce `Origin: null` (a sandboxed iframe is one line), so a server that trusts `null` lets every site read the response.',
      instead: [
        'Serve the page from a real origin: a dev server (`npx vite`, `python3 -m http.server`) instead of opening the file.',
        'For a sandboxed iframe whose content is yours, talk to it with `postMessage` through the parent page, which has a real origin.',
        DEV_PROXY,
      ],
    };
  }
  const target = targetOrigin(url);
  if (target === null) return null;
  const c = classifyOrigin(parsed, target);
  if (c.insecureScheme && withCookies) {
    const local = parsed.kind === 'tuple' && isLoopback(parsed.host);
    return {
      kind: 'insecure-scheme',
      why: local
        ? 'The page is served over plain http from localhost and sends cookies to an https API. An http origin on the allowlist of a production API is a standing hole: any http page that can claim that origin (a local process, a dev tool, a malicious extension page) reads with the user’s cookies.'
        : 'The page is served over plain http and sends cookies to an https API. Anyone on the network path of an http page (public Wi-Fi, a proxy) can change its script and then read the API with the user’s cookies, so an http origin must not get credentialed access.',
      instead: local
        ? [DEV_PROXY, PER_ENVIRONMENT]
        : [
            'Serve the front end over https and allow its https origin.',
            'Redirect http to https on the front end, and send Strict-Transport-Security so it stays https.',
          ],
    };
  }
  if (c.relation === 'shared-hosting') {
    return {
      kind: 'shared-hosting',
      why: `The page is on ${c.registrableDomain ?? 'a'} shared hosting (a suffix in the Public Suffix List's private section). Names there belong to whoever registers them: another tenant, or an attacker who takes over the name once you release it, would inherit the trust.`,
      instead: [
        'Put the front end on a domain you own (the host’s custom-domain setting) and allow that origin.',
        'Allow the hosted origin only in a preview or staging environment of the policy file, with credentials off.',
      ],
    };
  }
  return null;
}

function targetOrigin(url: string): Origin | null {
  try {
    return originOfUrl(url);
  } catch {
    return null;
  }
}
