import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { type AlertContent, alertContent } from './content.js';
import { safeJson } from './sanitize.js';
import type { AlertFinding, MonitorChange, MonitorChangeKind } from './types.js';

/**
 * Version of the generic webhook body (`schema/alert-webhook.schema.json`).
 *
 * @example
 * ```ts
 * webhookPayload(change).schemaVersion === WEBHOOK_SCHEMA_VERSION; // true
 * ```
 */
export const WEBHOOK_SCHEMA_VERSION = 1;

/**
 * Header carrying `sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">`.
 *
 * @example
 * ```ts
 * req.headers[SIGNATURE_HEADER]; // 'sha256=…'
 * ```
 */
export const SIGNATURE_HEADER = 'x-corsguard-signature';
/**
 * Header carrying the signing time, Unix seconds.
 *
 * @example
 * ```ts
 * req.headers[TIMESTAMP_HEADER]; // '1767225600'
 * ```
 */
export const TIMESTAMP_HEADER = 'x-corsguard-timestamp';
/**
 * Header carrying the delivery id (the same on every retry of one alert: receivers deduplicate on it).
 *
 * @example
 * ```ts
 * if (seen.has(req.headers[DELIVERY_HEADER])) return res.end(); // a retry already processed
 * ```
 */
export const DELIVERY_HEADER = 'x-corsguard-delivery';
/**
 * Header carrying the change kind.
 *
 * @example
 * ```ts
 * req.headers[EVENT_HEADER]; // 'new-findings'
 * ```
 */
export const EVENT_HEADER = 'x-corsguard-event';

/**
 * The body of a generic webhook alert, as `schema/alert-webhook.schema.json` documents it.
 *
 * @example
 * ```ts
 * const body: WebhookPayload = webhookPayload(change, 'c0ffee00-…');
 * body.event; // 'new-findings'
 * ```
 */
export interface WebhookPayload {
  readonly schemaVersion: typeof WEBHOOK_SCHEMA_VERSION;
  readonly source: 'corsguard';
  readonly deliveryId: string;
  readonly event: MonitorChangeKind;
  readonly summary: string;
  readonly target: string;
  readonly group: string;
  readonly runId: string;
  readonly at: string;
  readonly grade?: { readonly before?: string; readonly after?: string };
  readonly added: readonly AlertFinding[];
  readonly removed: readonly AlertFinding[];
  readonly counts: { readonly added: number; readonly removed: number };
  readonly error?: { readonly code: string; readonly message: string };
  readonly drift?: readonly string[];
  readonly link?: string;
}

/**
 * Builds the webhook body of a change (sanitized: see {@link alertContent}); `counts` are the true
 * numbers even when the lists were cut at 200.
 *
 * @example
 * ```ts
 * webhookPayload(change, randomUUID()).target; // userinfo stripped, query values redacted
 * ```
 */
export function webhookPayload(change: MonitorChange, deliveryId: string = randomUUID()): WebhookPayload {
  const c: AlertContent = alertContent(change);
  return {
    schemaVersion: WEBHOOK_SCHEMA_VERSION,
    source: 'corsguard',
    deliveryId,
    event: c.kind,
    summary: c.headline,
    target: c.target,
    group: c.group,
    runId: c.runId,
    at: c.at,
    ...(c.grade === undefined ? {} : { grade: c.grade }),
    added: c.added,
    removed: c.removed,
    counts: { added: change.added.length, removed: change.removed.length },
    ...(c.error === undefined ? {} : { error: c.error }),
    ...(c.drift === undefined ? {} : { drift: c.drift }),
    ...(c.link === undefined ? {} : { link: c.link }),
  };
}

/**
 * Serializes a webhook body exactly as it is sent and signed (JSON with `<`, `>`, `&` as `\u` escapes).
 *
 * @example
 * ```ts
 * const body = webhookBody(webhookPayload(change));
 * ```
 */
export const webhookBody = (payload: WebhookPayload): string => safeJson(payload);

/**
 * The signature header value of a body: `sha256=` and the hex HMAC-SHA256, keyed with the secret, of
 * `<timestamp>.<body>` (timestamp in Unix seconds, body the exact bytes sent).
 *
 * @example
 * ```ts
 * signWebhook('s3cret-s3cret-s3cret', 1767225600, '{"a":1}'); // 'sha256=…64 hex digits'
 * ```
 */
export function signWebhook(secret: string, timestamp: number, body: string | Buffer): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex')}`;
}

/**
 * What a receiver has from a request, to verify it.
 *
 * @example
 * ```ts
 * const input: WebhookToVerify = { secret, body: rawBody, timestamp: req.headers['x-corsguard-timestamp'],
 *   signature: req.headers['x-corsguard-signature'], toleranceSeconds: 120 };
 * ```
 */
export interface WebhookToVerify {
  readonly secret: string;
  /** The raw body, exactly as received (before any JSON parsing). */
  readonly body: string | Buffer;
  /** The `X-Corsguard-Timestamp` header. */
  readonly timestamp: string | undefined;
  /** The `X-Corsguard-Signature` header. */
  readonly signature: string | undefined;
  /** Oldest (and most future) timestamp accepted, in seconds from now. Default 300. */
  readonly toleranceSeconds?: number;
  /** Now, Unix seconds (tests). */
  readonly now?: number;
}

/**
 * Verifies a received webhook: the timestamp is within the tolerance (stops replays) and the signature
 * matches `<timestamp>.<body>` (compared in constant time). What a receiver written in Node runs; see
 * docs/alerts.md for other languages.
 *
 * @example
 * ```ts
 * const ok = verifyWebhook({ secret, body: rawBody, timestamp: req.headers['x-corsguard-timestamp'],
 *   signature: req.headers['x-corsguard-signature'] });
 * if (!ok) { res.statusCode = 401; return res.end(); }
 * ```
 */
export function verifyWebhook(input: WebhookToVerify): boolean {
  const { timestamp, signature } = input;
  if (timestamp === undefined || signature === undefined || !/^\d{1,12}$/.test(timestamp)) return false;
  const now = input.now ?? Math.floor(Date.now() / 1000);
  if (Math.abs(now - Number(timestamp)) > (input.toleranceSeconds ?? 300)) return false;
  const expected = Buffer.from(signWebhook(input.secret, Number(timestamp), input.body));
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
