/**
 * One finding as an alert names it: its catalog id, severity and title.
 *
 * @example
 * ```ts
 * const f: AlertFinding = { id: 'reflected-origin', severity: 'high', title: 'Any origin is reflected' };
 * ```
 */
export interface AlertFinding {
  readonly id: string;
  readonly severity: string;
  readonly title: string;
}

/**
 * What changed between two runs of one target; one alert is sent per change.
 *
 * @example
 * ```ts
 * const kind: MonitorChangeKind = 'unreachable';
 * ```
 */
export type MonitorChangeKind =
  | 'new-findings'
  | 'fixed'
  | 'changed'
  | 'grade-changed'
  | 'policy-drift'
  | 'unreachable'
  | 'recovered';

/**
 * The event `corsguard monitor` hands the alert sinks: one target's change between its previous run and
 * this one. Every string in it may come from a scanned server (titles, error messages) and is treated as
 * hostile by every sink.
 *
 * @example
 * ```ts
 * const change: MonitorChange = {
 *   kind: 'new-findings', target: 'https://api.example.com/me', group: 'prod', runId: 'r-42',
 *   at: '2026-05-01T10:00:00.000Z', grade: { before: 'A', after: 'D' },
 *   added: [{ id: 'reflected-origin', severity: 'high', title: 'Any origin is reflected' }], removed: [],
 * };
 * ```
 */
export interface MonitorChange {
  readonly kind: MonitorChangeKind;
  /** The URL watched. */
  readonly target: string;
  /** The config group it belongs to. */
  readonly group: string;
  readonly runId: string;
  /** ISO time of the run. */
  readonly at: string;
  readonly grade?: { readonly before?: string; readonly after?: string };
  /** Findings new in this run. */
  readonly added: readonly AlertFinding[];
  /** Findings fixed in this run. */
  readonly removed: readonly AlertFinding[];
  /** For `unreachable`: why the target did not answer. */
  readonly error?: { readonly code: string; readonly message: string };
  /** Policy-drift violations in words. */
  readonly drift?: readonly string[];
  /** A link to the change in `corsguard serve` (the monitoring view), shown by sinks that can link. */
  readonly link?: string;
}

/**
 * The sink types corsguard can deliver to.
 *
 * @example
 * ```ts
 * const type: AlertSinkType = 'teams';
 * ```
 */
export type AlertSinkType = 'webhook' | 'slack' | 'teams' | 'email';

/**
 * Stable codes of a failed delivery: `ALERT_HTTP_STATUS` (the receiver answered non-2xx),
 * `ALERT_REDIRECT_REFUSED` (a 3xx: redirects are never followed), `ALERT_RETRY_AFTER_TOO_LONG` (a 429/503
 * asked for a wait over the retry bounds), `TIMEOUT`, `NETWORK_ERROR` (connection refused, reset, DNS),
 * `ALERT_SMTP_REJECTED` (the SMTP server refused the message, login or recipients), `ALERT_INTERNAL` (a
 * bug: the sink threw).
 *
 * @example
 * ```ts
 * if (result.error?.code === 'ALERT_REDIRECT_REFUSED') console.error('configure the final URL of', result.sink);
 * ```
 */
export type DeliveryErrorCode =
  | 'ALERT_HTTP_STATUS'
  | 'ALERT_REDIRECT_REFUSED'
  | 'ALERT_RETRY_AFTER_TOO_LONG'
  | 'TIMEOUT'
  | 'NETWORK_ERROR'
  | 'ALERT_SMTP_REJECTED'
  | 'ALERT_INTERNAL';

/**
 * The record of one alert delivered (or not) to one sink: what the monitor stores in its alert log.
 * Messages carry no secret (no webhook URL path, no signing secret, no SMTP password).
 *
 * @example
 * ```ts
 * const r: DeliveryResult = {
 *   sink: 'slack:hooks.slack.com', type: 'slack', kind: 'fixed', target: 'https://api.example.com/me',
 *   runId: 'r-43', ok: false, attempts: 3, status: 503,
 *   error: { code: 'ALERT_HTTP_STATUS', message: 'the receiver answered 503' }, at: '2026-05-01T10:00:02.000Z',
 * };
 * ```
 */
export interface DeliveryResult {
  /** The sink's name (`name` in its config, else `type:host`). */
  readonly sink: string;
  readonly type: AlertSinkType;
  readonly kind: MonitorChangeKind;
  /** The change's target, userinfo removed and query values redacted. */
  readonly target: string;
  readonly runId: string;
  readonly ok: boolean;
  /** Attempts made (1 when the first succeeded). */
  readonly attempts: number;
  /** The last HTTP status, or the SMTP reply code of the last attempt. */
  readonly status?: number;
  readonly error?: { readonly code: DeliveryErrorCode; readonly message: string };
  /** ISO time the last attempt ended. */
  readonly at: string;
}

/**
 * A built, validated alert sink. `send` never throws: every outcome is a {@link DeliveryResult}.
 *
 * @example
 * ```ts
 * const sink = createSink({ type: 'slack', url: process.env.SLACK_URL });
 * const result = await sink.send(change);
 * await sink.close();
 * ```
 */
export interface AlertSink {
  readonly name: string;
  readonly type: AlertSinkType;
  send(change: MonitorChange): Promise<DeliveryResult>;
  /** Releases connections (HTTP agent, SMTP pool). */
  close(): Promise<void>;
}
