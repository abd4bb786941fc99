/** The API host the lab pretends to be. */
export const LAB_HOST = 'api.victim.test';

/**
 * The legitimate front-ends of `api.victim.test`: the only origins a correct policy trusts.
 *
 * @example
 * ```ts
 * ALLOWED_ORIGINS.includes('https://app.victim.test'); // true
 * ```
 */
export const ALLOWED_ORIGINS: readonly string[] = ['https://app.victim.test', 'https://www.victim.test'];

/**
 * The host names of {@link ALLOWED_ORIGINS}.
 *
 * @example
 * ```ts
 * ALLOWED_HOSTS; // ['app.victim.test', 'www.victim.test']
 * ```
 */
export const ALLOWED_HOSTS: readonly string[] = ['app.victim.test', 'www.victim.test'];

/**
 * The correct check: exact, case-sensitive membership in {@link ALLOWED_ORIGINS}.
 *
 * @example
 * ```ts
 * isAllowlisted('https://app.victim.test');                   // true
 * isAllowlisted('https://app.victim.test.evil.example');      // false
 * ```
 */
export function isAllowlisted(origin: string): boolean {
  return ALLOWED_ORIGINS.includes(origin);
}

/** Methods every endpoint advertises on accepted preflights (unless the class is about them). */
export const ALLOW_METHODS = 'GET, POST, PUT, DELETE';
/** Request headers every endpoint advertises on accepted preflights (unless the class is about them). */
export const ALLOW_HEADERS = 'Content-Type, Authorization, X-Requested-With';
/** Preflight cache lifetime in seconds (unless the class is about it). */
export const MAX_AGE = 600;

/**
 * The body of every successful actual request: something worth stealing.
 *
 * @example
 * ```ts
 * JSON.parse(SECRET_BODY).user; // 'alice'
 * ```
 */
export const SECRET_BODY = JSON.stringify({ user: 'alice', secret: 'lab-api-token-7f3c9a1e' });

/**
 * The body of a successful actual request: {@link SECRET_BODY}, plus `"cookie":"received"` when the request
 * carried a Cookie header, so a proof of concept can show that the victim's cookies were sent.
 *
 * @example
 * ```ts
 * secretBody(true); // '{"user":"alice","secret":"lab-api-token-7f3c9a1e","cookie":"received"}'
 * ```
 */
export function secretBody(cookieReceived: boolean): string {
  return cookieReceived ? SECRET_BODY.replace(/}$/, ',"cookie":"received"}') : SECRET_BODY;
}
