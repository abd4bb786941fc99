/**
 * Raw response or request headers in wire order: duplicates kept, names in any case.
 * Values are treated as isomorphic-decoded byte sequences (one code unit per byte), which is
 * how Node's HTTP stack and undici hand them over.
 *
 * @example
 * ```ts
 * const headers: HeaderList = [['Access-Control-Allow-Origin', 'https://app.example'], ['Vary', 'Origin']];
 * ```
 */
export type HeaderList = ReadonlyArray<readonly [name: string, value: string]>;

/**
 * Fetch §request credentials mode. Only `include` changes the CORS protocol's rules.
 *
 * @example
 * ```ts
 * const mode: CredentialsMode = 'include'; // fetch(url, { credentials: 'include' })
 * ```
 */
export type CredentialsMode = 'omit' | 'same-origin' | 'include';

/**
 * Why a browser would refuse to expose a response (or refuse a preflight).
 *
 * @example
 * ```ts
 * const failure: CorsFailure = 'wildcard-with-credentials';
 * ```
 */
export type CorsFailure =
  | 'no-allow-origin'
  | 'multiple-allow-origin'
  | 'wildcard-with-credentials'
  | 'origin-mismatch'
  | 'credentials-not-true'
  | 'preflight-status'
  | 'method-not-allowed'
  | 'header-not-allowed'
  | 'invalid-allow-methods'
  | 'invalid-allow-headers'
  | 'private-network-denied';

/**
 * Outcome of a CORS check: success, or the first failure found with a human-readable detail.
 *
 * @example
 * ```ts
 * const r: CheckResult = { ok: false, failure: 'no-allow-origin', detail: 'no Access-Control-Allow-Origin header' };
 * if (!r.ok) console.log(r.failure);
 * ```
 */
export type CheckResult =
  | { readonly ok: true }
  | { readonly ok: false; readonly failure: CorsFailure; readonly detail: string };

/**
 * Whose rules to apply where browsers differ from the spec (today: the preflight cache max-age cap).
 *
 * @example
 * ```ts
 * const ua: UserAgent = 'chromium';
 * ```
 */
export type UserAgent = 'spec' | 'chromium' | 'firefox' | 'webkit';
