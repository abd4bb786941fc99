/**
 * Stable error codes. Every error corsguard throws or reports carries one of
 * these, so callers can branch on `code` rather than on message text.
 *
 * @example
 * ```ts
 * try { parseOrigin('https://a.example/path'); }
 * catch (e) { if (e instanceof CorsguardError && e.code === 'ORIGIN_HAS_PATH') { ... } }
 * ```
 */
export type ErrorCode =
  | 'ORIGIN_EMPTY'
  | 'ORIGIN_SYNTAX'
  | 'ORIGIN_HAS_PATH'
  | 'ORIGIN_HAS_CREDENTIALS'
  | 'ORIGIN_UNSUPPORTED_SCHEME'
  | 'ORIGIN_INVALID_HOST'
  /** `null` (the opaque origin) where a scheme/host/port origin is required. */
  | 'ORIGIN_OPAQUE'
  | 'INVALID_URL'
  | 'UNSUPPORTED_SCHEME'
  | 'DNS_FAILURE'
  | 'CONNECTION_REFUSED'
  | 'CONNECTION_RESET'
  | 'TLS_ERROR'
  | 'TIMEOUT'
  | 'MALFORMED_RESPONSE'
  | 'HEADERS_TOO_LARGE'
  | 'PROXY_ERROR'
  | 'NETWORK_ERROR'
  | 'POLICY_INVALID'
  /** A `corsguard.monitor.yaml` with problems (each listed with FILE:LINE:COL). */
  | 'MONITOR_CONFIG_INVALID'
  /** A HAR file that is not JSON, not a HAR 1.1/1.2 log, or over corsguard's size limit. */
  | 'HAR_INVALID'
  | 'GENERATE_UNSUPPORTED'
  /** A regex the prover cannot turn into an exact automaton (lookaround, unresolvable backreference, syntax error). */
  | 'REGEX_UNSUPPORTED'
  /** A regex (or its intersection with the attacker origins) over the prover's size/state limits: refused, never hung on. */
  | 'REGEX_TOO_COMPLEX'
  /** An alert sink's configuration (URL, secret, SMTP settings, retry bounds) that cannot be used; the message names the sink and the key. */
  | 'ALERT_CONFIG_INVALID'
  /** The job queue's PostgreSQL cannot be reached, or refused the connection (`corsguard worker`, `scan --queue`). */
  | 'QUEUE_UNAVAILABLE'
  /** `scan --verify` without a usable headless Chromium (missing, or it did not start). */
  | 'VERIFY_UNAVAILABLE'
  /** A URL the SSRF gate of `serve` refuses (an internal address, a name resolving to one, a port not allowed). */
  | 'TARGET_FORBIDDEN'
  | 'USAGE';

/**
 * The one error class corsguard throws. `message` says what was wrong, where,
 * and how to fix it; `code` is stable.
 *
 * @example
 * ```ts
 * throw new CorsguardError('ORIGIN_SYNTAX', 'Origin "foo" is not scheme://host[:port]; write it like https://app.example.com');
 * ```
 */
export class CorsguardError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CorsguardError';
    this.code = code;
  }
}
