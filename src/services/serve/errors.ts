/** Stable codes of the server's refusals: the `error.code` of every 4xx/5xx JSON answer. */
export const SERVE_ERROR_STATUS = {
  /** Not a scannable URL (syntax, scheme, credentials in it). */
  INVALID_URL: 400,
  /** The request body or query is malformed (names the field). */
  INVALID_REQUEST: 400,
  /** The target is off limits: internal address, a name resolving to one, a port not allowed. */
  TARGET_FORBIDDEN: 403,
  NOT_FOUND: 404,
  /** Too many scans from this client, or of this target host; `Retry-After` says when to retry. */
  RATE_LIMITED: 429,
  /** Every scan slot is busy and the queue is full; `Retry-After` says when to retry. */
  QUEUE_FULL: 503,
  /** `verify` asked for, but this server has no headless Chromium. */
  VERIFY_UNAVAILABLE: 503,
  INTERNAL: 500,
} as const;

/** One of {@link SERVE_ERROR_STATUS}'s codes. */
export type ServeErrorCode = keyof typeof SERVE_ERROR_STATUS;

/**
 * A refusal of the server: stable `code`, its HTTP status, a message saying what was wrong and how to fix
 * it, and for limits the seconds to wait. Answered as `{"error": {"code", "message"}}` by the API and as
 * an error page by the HTML routes.
 *
 * @example
 * ```ts
 * throw new ServeError('RATE_LIMITED', 'too many scans from this address; retry in 42 s', 42);
 * ```
 */
export class ServeError extends Error {
  readonly code: ServeErrorCode;
  readonly statusCode: number;
  readonly retryAfter: number | undefined;
  constructor(code: ServeErrorCode, message: string, retryAfter?: number) {
    super(message);
    this.name = 'ServeError';
    this.code = code;
    this.statusCode = SERVE_ERROR_STATUS[code];
    this.retryAfter = retryAfter;
  }

  /** The JSON body of the answer. */
  toJSON(): { error: { code: ServeErrorCode; message: string } } {
    return { error: { code: this.code, message: this.message } };
  }
}
