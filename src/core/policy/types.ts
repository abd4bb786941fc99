import type { OriginPatternIssueCode, OriginRule } from '../origin/index.js';

/**
 * An allowed-origin entry (parsed into an `OriginRule` by `corsguard/origin`), one of:
 * - an exact origin: `https://app.example.com`, `http://localhost:3000`;
 * - a subdomain pattern: `https://*.example.com` (one or more labels under example.com, never example.com
 *   itself; refused on public suffixes such as `*.com` or `*.github.io`), optionally with a port
 *   (`:8443`) or any port (`:*`);
 * - a loopback development pattern: `http://localhost:*`, `http://127.0.0.1:*` or `http://[::1]:*` (that
 *   host on any port; each host is written separately).
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
  /**
   * Lets `methods: ['*']` and `requestHeaders: ['*']` be used with `credentials: true`. Browsers read `*`
   * literally on credentialed requests, so the answer echoes the method and header names each preflight
   * asks for. Dangerous: every allowed origin may then send any method and any header with the user's
   * cookies. Forbidden methods and headers stay refused, and `Authorization` must still be listed
   * explicitly (Fetch: `*` never covers it). No effect without credentials, where `*` already means any.
   */
  readonly dangerouslyAllowAnyMethodAndHeaderWithCredentials?: boolean | undefined;
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
  /**
   * Allowed request headers, lower-case. With `anyRequestHeader` it holds only `authorization` when that
   * is listed besides `*` (Fetch: `*` never covers `Authorization`).
   */
  readonly requestHeaders: readonly string[];
  readonly anyRequestHeader: boolean;
  /** Exposed response headers as written (or `['*']`). */
  readonly exposeHeaders: readonly string[];
  readonly maxAge: number | null;
  readonly privateNetwork: boolean;
  readonly unsafeDynamicOrigin: UnsafeDynamicOrigin | null;
  /** Credentials are on and `anyMethod`/`anyRequestHeader` are answered by echoing the preflight. */
  readonly dangerouslyAllowAnyMethodAndHeaderWithCredentials: boolean;
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
  /** Every origin-entry issue (`origin-null`, `origin-invalid`, `origin-pattern-invalid`, …). */
  | OriginPatternIssueCode
  /** `origins: []`: nothing could ever be allowed. */
  | 'origins-empty'
  | 'origin-wildcard-credentials'
  | 'method-invalid'
  | 'method-forbidden'
  | 'method-wildcard-credentials'
  | 'request-header-invalid'
  | 'request-header-forbidden'
  | 'request-header-wildcard-credentials'
  /** A CORS response header (`Access-Control-Allow-Origin`, …) listed among the request headers. */
  | 'request-header-response-header'
  | 'expose-header-invalid'
  | 'expose-header-forbidden'
  | 'expose-header-wildcard-credentials'
  | 'max-age-range'
  | 'private-network-any-origin'
  /** Middleware options: `preflightFailureStatus` outside 200…599. */
  | 'preflight-failure-status-range';
