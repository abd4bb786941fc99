/**
 * An allowed-origin entry, one of:
 * - an exact origin: `https://app.example.com`, `http://localhost:3000`;
 * - a subdomain pattern: `https://*.example.com` (one or more labels under example.com, never example.com
 *   itself; refused on public suffixes such as `*.com` or `*.github.io`), optionally with a port;
 * - a loopback development pattern: `http://localhost:*` (any port on localhost, 127.0.0.1 or [::1]).
 */
export type OriginPattern = string;

/**
 * The escape hatch for dynamic allowlists (say, a tenant table reloaded every minute). Given the request's
 * `Origin`, return that same string to allow it, or `null` to refuse. The answer is still checked: anything
 * other than the request's own Origin, or an Origin that breaks the policy's safety rules (`null`,
 * non-canonical, `http:` with credentials), is refused.
 */
export type UnsafeDynamicOrigin = (requestOrigin: string) => string | null | undefined;

interface PolicyInputBase {
  /** Methods a preflight may ask for, besides the CORS-safelisted GET, HEAD and POST. Default: none. */
  readonly methods?: readonly string[] | undefined;
  /** Request headers a preflight may ask for (case-insensitive). `['*']` allows any, without credentials only. */
  readonly requestHeaders?: readonly string[] | undefined;
  /** Response headers script may read beyond the safelisted ones. `['*']` exposes all, without credentials only. */
  readonly exposeHeaders?: readonly string[] | undefined;
  /** Seconds a browser may cache a successful preflight (0 … 86400). Default: not sent (browsers use 5 s). */
  readonly maxAge?: number | undefined;
  /** Grant Private Network Access preflights (`Access-Control-Allow-Private-Network`) to explicit origins. */
  readonly privateNetwork?: boolean | undefined;
}

/** A policy that sends cookies and HTTP auth cross-origin: it needs an explicit allowlist. */
export interface CredentialedPolicyInput extends PolicyInputBase {
  readonly origins: readonly OriginPattern[];
  readonly credentials: true;
  /** See {@link UnsafeDynamicOrigin}. */
  readonly unsafeDynamicOrigin?: UnsafeDynamicOrigin | undefined;
}

/** A policy for anonymous (cookie-less) reads: an allowlist or `'*'` for any origin. */
export interface AnonymousPolicyInput extends PolicyInputBase {
  readonly origins: readonly OriginPattern[] | '*';
  readonly credentials?: false | undefined;
  /** See {@link UnsafeDynamicOrigin}. */
  readonly unsafeDynamicOrigin?: UnsafeDynamicOrigin | undefined;
}

/**
 * What a CORS policy says, as written by a user (middleware options, or one environment of a policy file).
 * `credentials: true` together with `origins: '*'` does not type-check.
 *
 * @example
 * ```ts
 * const input: PolicyInput = {
 *   origins: ['https://app.example.com', 'https://*.example.com'],
 *   credentials: true,
 *   methods: ['PUT', 'DELETE'],
 *   requestHeaders: ['Authorization', 'Content-Type'],
 *   maxAge: 600,
 * };
 * ```
 */
export type PolicyInput = CredentialedPolicyInput | AnonymousPolicyInput;

/** One parsed allowlist entry; generators for nginx, Apache, Django… render these. */
export type OriginRule =
  | { readonly kind: 'exact'; readonly origin: string }
  | {
      readonly kind: 'subdomains';
      readonly scheme: 'http' | 'https';
      /** The parent domain, without the leading dot: `example.com`. */
      readonly domain: string;
      readonly port: number | null;
    }
  | { readonly kind: 'loopback-any-port'; readonly scheme: 'http' | 'https' };

/** How an Origin came to be allowed (only explicit origins may get Private Network Access). */
export type OriginMatch = 'any' | 'exact' | 'pattern' | 'dynamic';

/**
 * A validated, normalised policy: built once by {@link createPolicy}, then used per request by
 * `decideCors`, by `check` to predict the answer a server must give, and by the generators.
 */
export interface Policy {
  /** `origins: '*'`: any origin may read, anonymously. */
  readonly anyOrigin: boolean;
  readonly credentials: boolean;
  /** The allowlist in the order written, deduplicated (empty when `anyOrigin`). */
  readonly rules: readonly OriginRule[];
  /** Extra preflight methods, normalised (`put` → `PUT`); empty when `anyMethod`. */
  readonly methods: readonly string[];
  readonly anyMethod: boolean;
  /** Allowed request headers, lower-case; empty when `anyRequestHeader`. */
  readonly requestHeaders: readonly string[];
  readonly anyRequestHeader: boolean;
  /** Exposed response headers as written (or `['*']`). */
  readonly exposeHeaders: readonly string[];
  readonly maxAge: number | null;
  readonly privateNetwork: boolean;
  readonly unsafeDynamicOrigin: UnsafeDynamicOrigin | null;
  /** How `origin` (a request's raw `Origin` value) is allowed, or null when it is not. */
  matchOrigin(origin: string): OriginMatch | null;
}

/**
 * One problem in a policy, as data (valibot/zod style): what is wrong, where, and the fix.
 * `path` locates it in the input (`['origins', 2]`), so a policy file can map it to a line and column.
 */
export interface PolicyIssue {
  readonly code: PolicyIssueCode;
  readonly path: readonly (string | number)[];
  readonly message: string;
  readonly fix: string;
}

/** Stable codes of {@link PolicyIssue}s. */
export type PolicyIssueCode =
  | 'type'
  | 'unknown-option'
  | 'origin-null'
  | 'origin-invalid'
  | 'origin-not-canonical'
  | 'origin-wildcard-in-list'
  | 'origin-wildcard-credentials'
  | 'origin-insecure-credentials'
  | 'origin-pattern-invalid'
  | 'origin-pattern-public-suffix'
  | 'method-invalid'
  | 'method-forbidden'
  | 'method-wildcard-credentials'
  | 'request-header-invalid'
  | 'request-header-forbidden'
  | 'request-header-wildcard-credentials'
  | 'expose-header-invalid'
  | 'expose-header-forbidden'
  | 'expose-header-wildcard-credentials'
  | 'max-age-range'
  | 'private-network-any-origin'
  /** Middleware options: `preflightFailureStatus` outside 200…599. */
  | 'preflight-failure-status-range';
