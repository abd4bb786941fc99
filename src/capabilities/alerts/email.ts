import { alertContent, alertFacts, alertSections } from './content.js';
import type { AttemptOutcome } from './retry.js';
import { escapeHtml, oneLine, scrub } from './sanitize.js';
import type { MonitorChange } from './types.js';

/**
 * Findings or drift lines an e-mail lists before "…and N more".
 *
 * @example
 * ```ts
 * alertSections(alertContent(change), EMAIL_LISTED);
 * ```
 */
export const EMAIL_LISTED = 200;

/**
 * The parts of an alert e-mail.
 *
 * @example
 * ```ts
 * const { subject, text, html }: EmailMessage = emailMessage(change);
 * ```
 */
export interface EmailMessage {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

/**
 * Builds the e-mail of a change: a one-line subject (no CR/LF can reach the header), a plain-text body
 * and an HTML body in which every value is HTML-escaped (no external asset, no script, no link but the
 * optional corsguard link).
 *
 * @example
 * ```ts
 * emailMessage(change).subject; // '[corsguard] 1 new CORS finding on https://api.example.com/me (prod)'
 * ```
 */
export function emailMessage(change: MonitorChange, subjectPrefix = '[corsguard]'): EmailMessage {
  const c = alertContent(change);
  const facts = alertFacts(c);
  const sections = alertSections(c, EMAIL_LISTED, change);
  const subject = oneLine(`${oneLine(subjectPrefix, 40)} ${c.headline} (${c.group})`, 250);

  const text = [
    c.headline,
    '',
    ...facts.map(([k, v]) => `${k}: ${v}`),
    ...sections.flatMap((s) => [
      '',
      `${s.title}:`,
      ...s.lines.map((l) => `  - ${l}`),
      ...(s.more > 0 ? [`  …and ${s.more} more`] : []),
    ]),
    ...(c.link === undefined ? [] : ['', `Open in corsguard: ${c.link}`]),
    '',
    '-- ',
    `corsguard monitor · ${c.kind} · run ${c.runId}`,
    '',
  ].join('\n');

  const h = escapeHtml;
  const html = [
    '<!doctype html>',
    '<html><head><meta charset="utf-8"><title>',
    h(subject),
    '</title></head><body style="font-family:sans-serif">',
    `<h1 style="font-size:1.2em">${h(c.headline)}</h1>`,
    '<table>',
    ...facts.map(([k, v]) => `<tr><th style="text-align:left">${h(k)}</th><td>${h(v)}</td></tr>`),
    '</table>',
    ...sections.flatMap((s) => [
      `<h2 style="font-size:1em">${h(s.title)}</h2>`,
      '<ul>',
      ...s.lines.map((l) => `<li>${h(l)}</li>`),
      ...(s.more > 0 ? [`<li>…and ${s.more} more</li>`] : []),
      '</ul>',
    ]),
    ...(c.link !== undefined && /^https?:\/\//.test(c.link)
      ? [`<p><a href="${h(c.link)}">Open in corsguard</a></p>`]
      : []),
    `<p style="color:#666">corsguard monitor · ${h(c.kind)} · run ${h(c.runId)}</p>`,
    '</body></html>',
    '',
  ].join('\n');
  return { subject, text, html };
}

const RETRYABLE_SMTP_ERRORS = new Set([
  'ECONNECTION',
  'ETIMEDOUT',
  'ESOCKET',
  'EDNS',
  'ECONNREFUSED',
  'ECONNRESET',
]);

/**
 * Classifies a nodemailer failure: 4xx SMTP replies and connection problems are retried, 5xx replies,
 * authentication and TLS failures are not.
 *
 * @example
 * ```ts
 * smtpOutcome(Object.assign(new Error('Mailbox busy'), { responseCode: 450 }), []).retryable; // true
 * ```
 */
export function smtpOutcome(e: unknown, secrets: readonly string[]): AttemptOutcome & { ok: false } {
  const err = (e ?? {}) as { code?: unknown; responseCode?: unknown; message?: unknown };
  const code = typeof err.code === 'string' ? err.code : 'UNKNOWN';
  const status = typeof err.responseCode === 'number' ? err.responseCode : undefined;
  const message = scrub(`${code}: ${typeof err.message === 'string' ? err.message : String(e)}`, secrets);
  if (status !== undefined) {
    return {
      ok: false,
      retryable: status >= 400 && status < 500,
      code: 'ALERT_SMTP_REJECTED',
      status,
      message,
    };
  }
  if (code === 'ETIMEDOUT') return { ok: false, retryable: true, code: 'TIMEOUT', message };
  if (RETRYABLE_SMTP_ERRORS.has(code)) return { ok: false, retryable: true, code: 'NETWORK_ERROR', message };
  return { ok: false, retryable: false, code: 'ALERT_SMTP_REJECTED', message };
}
