/**
 * The stable `cause` codes of a blocked cross-origin request: the step of the Fetch standard's CORS
 * check or CORS-preflight fetch that failed, plus the non-CORS blocks a developer mistakes for CORS.
 * The order is the published order (JSON contract). Defined here, in the browser model, so the policy
 * (`core/policy`: what the middleware reports when it refuses) and `corsguard explain` (what the browser
 * reports for an answer) speak the same codes; their descriptions and browser wordings are the diagnose
 * capability's `CAUSE_TABLE`.
 *
 * @example
 * ```ts
 * CAUSES.includes('acao-missing'); // true
 * ```
 */
export const CAUSES = [
  'acao-missing',
  'acao-mismatch',
  'acao-multiple',
  'acao-invalid',
  'acao-wildcard-with-credentials',
  'acac-missing',
  'acac-not-true',
  'preflight-status',
  'preflight-redirect',
  'preflight-method',
  'preflight-header',
  'mixed-content',
  'local-network',
  'websocket-rejected',
  'network-error',
  'no-error',
] as const;

/**
 * One of {@link CAUSES}.
 *
 * @example
 * ```ts
 * const cause: Cause = 'preflight-method';
 * ```
 */
export type Cause = (typeof CAUSES)[number];

/**
 * Which exchange failed: the `OPTIONS` preflight, or the actual request's response.
 * `null` when no HTTP answer decided it (a network error) or nothing failed.
 *
 * @example
 * ```ts
 * const stage: Stage = 'preflight';
 * ```
 */
export type Stage = 'preflight' | 'response' | null;

/**
 * The cause a browser reports for a preflight answered with `status`, judged on the status alone, or
 * null when it is an ok status (200-299) and the CORS check decides. Fetch §4.7 CORS-preflight fetch
 * steps 7-8: a status that is not ok fails the preflight; the model (`preflightCheck`) checks it before
 * the CORS check. A 3xx is a redirect, which a preflight never follows (HTTP-network-or-cache fetch).
 *
 * @example
 * ```ts
 * preflightStatusCause(403); // 'preflight-status'
 * preflightStatusCause(302); // 'preflight-redirect'
 * preflightStatusCause(204); // null
 * ```
 */
export function preflightStatusCause(status: number): 'preflight-status' | 'preflight-redirect' | null {
  if (status >= 200 && status <= 299) return null;
  return status >= 300 && status <= 399 ? 'preflight-redirect' : 'preflight-status';
}
