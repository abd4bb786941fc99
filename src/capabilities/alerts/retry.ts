import type { DeliveryErrorCode } from './types.js';

/**
 * Retry bounds of a sink. Defaults: 3 attempts, 500 ms base delay doubling per attempt with equal
 * jitter, no single wait over 10 s, 60 s for the whole delivery, 10 s per attempt.
 *
 * @example
 * ```ts
 * createSink({ type: 'slack', urlEnv: 'SLACK_URL', retry: { attempts: 5, totalTimeoutMs: 120_000 } });
 * ```
 */
export interface RetryPolicy {
  /** Attempts in all, first included (1–10). Default 3. */
  readonly attempts?: number;
  /** Delay before the 2nd attempt; doubles for each next one. Default 500 ms. */
  readonly baseDelayMs?: number;
  /** Longest single wait, Retry-After included: a longer Retry-After ends the delivery. Default 10 000 ms. */
  readonly maxDelayMs?: number;
  /** Bound on the whole delivery, waits and attempts together. Default 60 000 ms. */
  readonly totalTimeoutMs?: number;
  /** Bound on one attempt (connect, send, answer). Default 10 000 ms. */
  readonly attemptTimeoutMs?: number;
}

/**
 * A {@link RetryPolicy} with every bound set.
 *
 * @example
 * ```ts
 * const policy: ResolvedRetryPolicy = resolveRetry({ attempts: 2 });
 * ```
 */
export type ResolvedRetryPolicy = Required<RetryPolicy>;

/**
 * The defaults of {@link RetryPolicy}.
 *
 * @example
 * ```ts
 * DEFAULT_RETRY.attempts; // 3
 * ```
 */
export const DEFAULT_RETRY: ResolvedRetryPolicy = Object.freeze({
  attempts: 3,
  baseDelayMs: 500,
  maxDelayMs: 10_000,
  totalTimeoutMs: 60_000,
  attemptTimeoutMs: 10_000,
});

/**
 * What one attempt came to. `retryAfterMs` is the receiver's Retry-After, when it sent one.
 *
 * @example
 * ```ts
 * const failed: AttemptOutcome = { ok: false, retryable: true, code: 'ALERT_HTTP_STATUS', status: 503, message: 'the receiver answered 503' };
 * ```
 */
export type AttemptOutcome =
  | { readonly ok: true; readonly status?: number }
  | {
      readonly ok: false;
      readonly retryable: boolean;
      readonly code: DeliveryErrorCode;
      readonly message: string;
      readonly status?: number;
      readonly retryAfterMs?: number;
    };

/**
 * The outcome of the last attempt and how many were made.
 *
 * @example
 * ```ts
 * const out: RetryOutcome = await withRetries(DEFAULT_RETRY, attempt);
 * out.attempts; // 1..3
 * ```
 */
export type RetryOutcome = AttemptOutcome & { readonly attempts: number };

/**
 * Hooks for tests: the clock's sleep and the jitter's randomness.
 *
 * @example
 * ```ts
 * await withRetries(DEFAULT_RETRY, attempt, { sleep: async () => {}, random: () => 0.5 });
 * ```
 */
export interface RetryHooks {
  readonly sleep?: (ms: number) => Promise<void>;
  readonly random?: () => number;
  readonly now?: () => number;
}

const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The wait before attempt `attempt + 1` (after `attempt` failed): `base · 2^(attempt-1)`, capped at
 * `maxDelayMs`, with equal jitter (half fixed, half random) so many monitors do not retry in step.
 *
 * @example
 * ```ts
 * backoffDelay(1, DEFAULT_RETRY, () => 0); // 250
 * backoffDelay(2, DEFAULT_RETRY, () => 1); // 1000
 * ```
 */
export function backoffDelay(attempt: number, policy: ResolvedRetryPolicy, random: () => number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}

/**
 * Reads a Retry-After header (delta-seconds or an HTTP date) as milliseconds from now; undefined when
 * absent or unreadable.
 *
 * @example
 * ```ts
 * parseRetryAfter('2'); // 2000
 * parseRetryAfter('Wed, 21 Oct 2015 07:28:00 GMT', Date.parse('Wed, 21 Oct 2015 07:27:00 GMT')); // 60000
 * parseRetryAfter('soon'); // undefined
 * ```
 */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (/^\d{1,9}$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * Runs `attempt` until it succeeds, fails for good (not retryable), the attempts are used up, or the
 * next wait would pass the total bound. A Retry-After within `maxDelayMs` is waited for exactly (never
 * less than the backoff); a longer one ends the delivery as `ALERT_RETRY_AFTER_TOO_LONG`. Each attempt
 * gets the time it may take (the smaller of the attempt bound and what is left of the total).
 *
 * @example
 * ```ts
 * const out = await withRetries(DEFAULT_RETRY, async (timeoutMs) => post(body, timeoutMs));
 * out.attempts; // 1..3
 * ```
 */
export async function withRetries(
  policy: ResolvedRetryPolicy,
  attempt: (timeoutMs: number, attemptNumber: number) => Promise<AttemptOutcome>,
  hooks: RetryHooks = {},
): Promise<RetryOutcome> {
  const sleep = hooks.sleep ?? defaultSleep;
  const random = hooks.random ?? Math.random;
  const now = hooks.now ?? Date.now;
  const deadline = now() + policy.totalTimeoutMs;
  for (let n = 1; ; n++) {
    const left = Math.max(1, deadline - now());
    const outcome = await attempt(Math.min(policy.attemptTimeoutMs, left), n);
    if (outcome.ok || !outcome.retryable || n >= policy.attempts) return { ...outcome, attempts: n };
    const backoff = backoffDelay(n, policy, random);
    if (outcome.retryAfterMs !== undefined && outcome.retryAfterMs > policy.maxDelayMs) {
      return {
        ...outcome,
        code: 'ALERT_RETRY_AFTER_TOO_LONG',
        message: `${outcome.message}; Retry-After asked for ${Math.ceil(outcome.retryAfterMs / 1000)} s, over the ${policy.maxDelayMs} ms bound`,
        attempts: n,
      };
    }
    const wait = Math.max(backoff, outcome.retryAfterMs ?? 0);
    if (now() + wait >= deadline) {
      return { ...outcome, message: `${outcome.message}; no time left to retry`, attempts: n };
    }
    await sleep(wait);
  }
}

/**
 * Fills a partial policy with the defaults.
 *
 * @example
 * ```ts
 * resolveRetry({ attempts: 5 }).baseDelayMs; // 500
 * ```
 */
export function resolveRetry(policy: RetryPolicy | undefined): ResolvedRetryPolicy {
  return { ...DEFAULT_RETRY, ...(policy ?? {}) };
}
