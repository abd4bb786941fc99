import { randomUUID } from 'node:crypto';
import nodemailer from 'nodemailer';
import { CorsguardError } from '../../core/errors/index.js';
import { checkSinkConfig, type Env, type ResolvedSinkConfig } from './config.js';
import { emailMessage, smtpOutcome } from './email.js';
import { createHttpPoster, type JsonPost } from './http-post.js';
import {
  type AttemptOutcome,
  type RetryHooks,
  type RetryOutcome,
  resolveRetry,
  withRetries,
} from './retry.js';
import { safeJson, safeUrl } from './sanitize.js';
import { slackMessage } from './slack.js';
import { teamsMessage } from './teams.js';
import type { AlertSink, AlertSinkType, DeliveryResult, MonitorChange, MonitorChangeKind } from './types.js';
import {
  DELIVERY_HEADER,
  EVENT_HEADER,
  SIGNATURE_HEADER,
  signWebhook,
  TIMESTAMP_HEADER,
  webhookBody,
  webhookPayload,
} from './webhook.js';

const SINK_TYPES: readonly string[] = ['webhook', 'slack', 'teams', 'email'];

/**
 * Options of {@link createSink}.
 *
 * @example
 * ```ts
 * createSink({ type: 'webhook', url, secretEnv: 'HOOK_SECRET' }, { env: { HOOK_SECRET: 'a-secret-of-16-chars' } });
 * ```
 */
export interface CreateSinkOptions {
  /** Where `secretEnv`, `urlEnv` and `passEnv` are read; default `process.env`. */
  readonly env?: Env;
  /** Test hooks of the retry loop (sleep, randomness, clock). */
  readonly retryHooks?: RetryHooks;
  /** The clock of `at` in delivery records and of signatures (tests). */
  readonly now?: () => Date;
}

/**
 * A sink that also knows which change kinds it takes.
 *
 * @example
 * ```ts
 * const sink: ConfiguredSink = createSink({ type: 'slack', urlEnv: 'SLACK_URL', events: ['unreachable'] });
 * sink.accepts('fixed'); // false
 * ```
 */
export interface ConfiguredSink extends AlertSink {
  /** Whether this sink takes changes of this kind (`events` in its config). */
  accepts(kind: MonitorChangeKind): boolean;
}

function record(
  sink: { name: string; type: AlertSinkType },
  change: MonitorChange,
  outcome: RetryOutcome,
  at: Date,
): DeliveryResult {
  return {
    sink: sink.name,
    type: sink.type,
    kind: change.kind,
    target: safeUrl(change.target),
    runId: change.runId,
    ok: outcome.ok,
    attempts: outcome.attempts,
    ...(outcome.status === undefined ? {} : { status: outcome.status }),
    ...(outcome.ok ? {} : { error: { code: outcome.code, message: outcome.message } }),
    at: at.toISOString(),
  };
}

/** Turns anything a sink threw (a bug) into a failed attempt, so `send` never throws. */
const internal = (e: unknown): AttemptOutcome => ({
  ok: false,
  retryable: false,
  code: 'ALERT_INTERNAL',
  message: `the ${e instanceof Error ? e.name : 'sink'} failed before sending: ${e instanceof Error ? e.message.slice(0, 200) : 'unknown error'}`,
});

function httpSink(
  config: Extract<ResolvedSinkConfig, { url: URL }>,
  options: CreateSinkOptions,
): ConfiguredSink {
  const name = config.name ?? `${config.type}:${config.url.hostname}`;
  const policy = resolveRetry(config.retry);
  const now = options.now ?? (() => new Date());
  const poster = createHttpPoster();
  const secrets = [
    `${config.url.pathname}${config.url.search}`,
    config.url.pathname,
    config.url.search,
    ...(config.type === 'webhook' ? [config.secret, ...Object.values(config.headers ?? {})] : []),
  ].filter((s) => s.length >= 4);
  const url = config.url.href;
  const events = config.events;
  return {
    name,
    type: config.type,
    accepts: (kind) => events === undefined || events.includes(kind),
    async send(change) {
      let outcome: RetryOutcome;
      try {
        let body: string;
        let headers: Record<string, string> = {};
        let sign: ((h: Record<string, string>) => Record<string, string>) | undefined;
        if (config.type === 'webhook') {
          const deliveryId = randomUUID();
          body = webhookBody(webhookPayload(change, deliveryId));
          headers = { ...(config.headers ?? {}), [DELIVERY_HEADER]: deliveryId, [EVENT_HEADER]: change.kind };
          const secret = config.secret;
          sign = (h) => {
            const timestamp = Math.floor(now().getTime() / 1000);
            return {
              ...h,
              [TIMESTAMP_HEADER]: String(timestamp),
              [SIGNATURE_HEADER]: signWebhook(secret, timestamp, body),
            };
          };
        } else {
          body = safeJson(config.type === 'slack' ? slackMessage(change) : teamsMessage(change));
        }
        outcome = await withRetries(
          policy,
          (timeoutMs) => {
            const post: JsonPost = { url, body, headers: sign ? sign(headers) : headers, secrets };
            return poster.post(post, timeoutMs);
          },
          options.retryHooks,
        );
      } catch (e) {
        outcome = { ...internal(e), attempts: 0 };
      }
      return record({ name, type: config.type }, change, outcome, now());
    },
    close: () => poster.close(),
  };
}

function emailSink(
  config: Extract<ResolvedSinkConfig, { type: 'email' }>,
  options: CreateSinkOptions,
): ConfiguredSink {
  const name = config.name ?? `email:${config.host}`;
  const policy = resolveRetry(config.retry);
  const now = options.now ?? (() => new Date());
  const secrets = config.auth?.pass === undefined ? [] : [config.auth.pass];
  const transport = nodemailer.createTransport({
    host: config.host,
    port: config.port ?? (config.secure ? 465 : 587),
    secure: config.secure ?? false,
    ...(config.requireTLS === undefined ? {} : { requireTLS: config.requireTLS }),
    ...(config.ignoreTLS === undefined ? {} : { ignoreTLS: config.ignoreTLS }),
    ...(config.tls === undefined ? {} : { tls: { ...config.tls } }),
    ...(config.auth === undefined ? {} : { auth: { ...config.auth } }),
    ...(config.clientName === undefined ? {} : { name: config.clientName }),
    connectionTimeout: policy.attemptTimeoutMs,
    greetingTimeout: policy.attemptTimeoutMs,
    socketTimeout: policy.attemptTimeoutMs,
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  const events = config.events;
  const to = typeof config.to === 'string' ? [config.to] : [...config.to];
  return {
    name,
    type: 'email',
    accepts: (kind) => events === undefined || events.includes(kind),
    async send(change) {
      let outcome: RetryOutcome;
      try {
        const message = emailMessage(change, config.subjectPrefix);
        outcome = await withRetries(
          policy,
          async () => {
            try {
              const info = await transport.sendMail({
                from: config.from,
                to,
                subject: message.subject,
                text: message.text,
                html: message.html,
                headers: { 'Auto-Submitted': 'auto-generated', 'X-Corsguard-Event': change.kind },
              });
              const status = Number(/^\d{3}/.exec(String(info.response ?? ''))?.[0] ?? 250);
              if (info.rejected.length > 0) {
                return {
                  ok: false,
                  retryable: false,
                  code: 'ALERT_SMTP_REJECTED',
                  status,
                  message: `the SMTP server refused ${info.rejected.length} of ${to.length} recipients`,
                } as const;
              }
              return { ok: true, status } as const;
            } catch (e) {
              return smtpOutcome(e, secrets);
            }
          },
          options.retryHooks,
        );
      } catch (e) {
        outcome = { ...internal(e), attempts: 0 };
      }
      return record({ name, type: 'email' }, change, outcome, now());
    },
    close: async () => transport.close(),
  };
}

/**
 * Builds an alert sink from its config (`unknown`: parsed YAML or JSON), checking it first: the first
 * problem throws a `CorsguardError` with code `ALERT_CONFIG_INVALID` whose message names the sink and
 * the key (use {@link checkSinkConfig} to get every problem with its key path). Secrets named by
 * `secretEnv`, `urlEnv` and `auth.passEnv` are read now.
 *
 * @example
 * ```ts
 * const sink = createSink({ type: 'webhook', url: 'https://hooks.internal/cors', secretEnv: 'CORSGUARD_WEBHOOK_SECRET' });
 * const result = await sink.send(change); // never throws
 * await sink.close();
 * ```
 */
export function createSink(config: unknown, options: CreateSinkOptions = {}): ConfiguredSink {
  const checked = checkSinkConfig(config, options.env ?? process.env);
  const problem = checked.problems[0];
  if (problem !== undefined || checked.config === undefined) {
    const type = (config as { type?: unknown } | null)?.type;
    const where = typeof type === 'string' && SINK_TYPES.includes(type) ? `${type} alert sink` : 'alert sink';
    const key = problem && problem.path.length > 0 ? ` (${problem.path.join('.')})` : '';
    throw new CorsguardError('ALERT_CONFIG_INVALID', `${where}${key}: ${problem?.message ?? 'invalid'}`);
  }
  const resolved = checked.config;
  return resolved.type === 'email' ? emailSink(resolved, options) : httpSink(resolved, options);
}

/**
 * Sends one change to every sink that takes its kind, all at once, and returns one record per sink
 * that took it. Never throws and never drops: a sink that fails (or throws, a bug) gives a failed
 * record with its attempts and error.
 *
 * @example
 * ```ts
 * const results = await deliver(sinks, change);
 * for (const r of results) store.appendAlertLog(r); // ok or not, every delivery is recorded
 * ```
 */
export async function deliver(
  sinks: ReadonlyArray<AlertSink & Partial<Pick<ConfiguredSink, 'accepts'>>>,
  change: MonitorChange,
): Promise<DeliveryResult[]> {
  const taking = sinks.filter((s) => s.accepts?.(change.kind) ?? true);
  return Promise.all(
    taking.map(async (sink) => {
      try {
        return await sink.send(change);
      } catch (e) {
        return record(sink, change, { ...internal(e), attempts: 0 }, new Date());
      }
    }),
  );
}
