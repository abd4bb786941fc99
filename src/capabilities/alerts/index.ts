// Alerts of `corsguard monitor`: one change of one target, delivered to webhooks (generic signed JSON,
// Slack, Microsoft Teams) and e-mail, with retries, as records that are never dropped. See docs/alerts.md.
export {
  type AlertSinkConfig,
  type CommonSinkConfig,
  checkSinkConfig,
  type EmailSinkConfig,
  type Env,
  type ResolvedSinkConfig,
  type SinkConfigProblem,
  type SlackSinkConfig,
  type SmtpTlsConfig,
  type TeamsSinkConfig,
  type UrlConfig,
  type WebhookSinkConfig,
} from './config.js';
export {
  type AlertContent,
  type AlertSection,
  alertContent,
  alertFacts,
  alertSections,
  MAX_LISTED,
} from './content.js';
export { EMAIL_LISTED, type EmailMessage, emailMessage } from './email.js';
export { MAX_RESPONSE_BYTES } from './http-post.js';
export {
  type AttemptOutcome,
  backoffDelay,
  DEFAULT_RETRY,
  parseRetryAfter,
  type ResolvedRetryPolicy,
  type RetryHooks,
  type RetryOutcome,
  type RetryPolicy,
  resolveRetry,
  withRetries,
} from './retry.js';
export { escapeHtml, escapeMarkdown, escapeSlack, oneLine, safeJson, safeUrl, scrub } from './sanitize.js';
export { type ConfiguredSink, type CreateSinkOptions, createSink, deliver } from './sinks.js';
export { CHAT_LISTED, type SlackBlock, type SlackMessage, type SlackText, slackMessage } from './slack.js';
export { type AdaptiveCard, type AdaptiveElement, type TeamsMessage, teamsMessage } from './teams.js';
export type {
  AlertFinding,
  AlertSink,
  AlertSinkType,
  DeliveryErrorCode,
  DeliveryResult,
  MonitorChange,
  MonitorChangeKind,
} from './types.js';
export {
  DELIVERY_HEADER,
  EVENT_HEADER,
  SIGNATURE_HEADER,
  signWebhook,
  TIMESTAMP_HEADER,
  verifyWebhook,
  WEBHOOK_SCHEMA_VERSION,
  type WebhookPayload,
  type WebhookToVerify,
  webhookBody,
  webhookPayload,
} from './webhook.js';
