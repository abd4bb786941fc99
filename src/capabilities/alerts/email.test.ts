import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSink, emailMessage } from './index.js';
import { NEW_FINDING } from './test-support/fixtures.js';
import { parseMail, type SmtpSink, startSmtp } from './test-support/smtp.js';

describe('e-mail over SMTP (nodemailer)', () => {
  let smtp: SmtpSink;
  beforeAll(async () => {
    smtp = await startSmtp({ users: { alerts: 'smtp-Pa55word!' }, rejectRcpt: /^nobody@/ });
  });
  afterAll(() => smtp.close());

  const config = {
    type: 'email',
    host: '127.0.0.1',
    requireTLS: true,
    tls: { rejectUnauthorized: false },
    auth: { user: 'alerts', passEnv: 'TEST_SMTP_PASS' },
    from: 'corsguard <cors@example.test>',
    to: ['security@example.test', 'oncall@example.test'],
  };
  const env = { TEST_SMTP_PASS: 'smtp-Pa55word!' };

  it('a loopback SMTP server receives the message with the right subject, text and HTML bodies, over STARTTLS', async () => {
    const sink = createSink({ ...config, port: smtp.port }, { env });
    const result = await sink.send(NEW_FINDING);
    await sink.close();
    expect(result).toMatchObject({
      ok: true,
      attempts: 1,
      status: 250,
      type: 'email',
      sink: 'email:127.0.0.1',
    });
    const mail = smtp.mails.at(-1);
    expect(mail?.secure).toBe(true);
    expect(mail?.user).toBe('alerts');
    expect(mail?.from).toBe('cors@example.test');
    expect(mail?.to).toEqual(['security@example.test', 'oncall@example.test']);
    const parsed = parseMail(mail?.raw ?? '');
    expect(parsed.subject).toBe('[corsguard] 1 new CORS finding on https://api.example.com/me (prod)');
    expect(parsed.headers).toMatch(/^Auto-Submitted: auto-generated$/m);
    expect(parsed.text).toContain('Target: https://api.example.com/me');
    expect(parsed.text).toContain('Grade: A → D');
    expect(parsed.text).toContain('  - [high] Any origin is reflected with credentials (reflected-origin)');
    expect(parsed.html).toContain(
      '<li>[high] Any origin is reflected with credentials (reflected-origin)</li>',
    );
    expect(parsed.html).not.toMatch(/src=|https?:\/\/(?!api\.example\.com)/);
    expect(mail?.raw).not.toContain('smtp-Pa55word!');
  });

  it('a wrong password is not retried and the record does not show it', async () => {
    const sink = createSink(
      { ...config, port: smtp.port, retry: { baseDelayMs: 1 } },
      { env: { TEST_SMTP_PASS: 'wrong-password-1' } },
    );
    const result = await sink.send(NEW_FINDING);
    await sink.close();
    expect(result).toMatchObject({ ok: false, attempts: 1, error: { code: 'ALERT_SMTP_REJECTED' } });
    expect(JSON.stringify(result)).not.toContain('wrong-password-1');
  });

  it('a refused recipient is a failed record (5xx: not retried)', async () => {
    const sink = createSink({ ...config, port: smtp.port, to: 'nobody@example.test' }, { env });
    const result = await sink.send(NEW_FINDING);
    await sink.close();
    expect(result).toMatchObject({ ok: false, attempts: 1, error: { code: 'ALERT_SMTP_REJECTED' } });
  });

  it('no SMTP server listening: retried, then recorded as NETWORK_ERROR', async () => {
    const sink = createSink({ ...config, port: 1, retry: { baseDelayMs: 1, attempts: 2 } }, { env });
    const result = await sink.send(NEW_FINDING);
    await sink.close();
    expect(result).toMatchObject({ ok: false, attempts: 2, error: { code: 'NETWORK_ERROR' } });
  });

  it('the subject is one line and the prefix is configurable', () => {
    const m = emailMessage({ ...NEW_FINDING, group: 'a\r\nBcc: x@evil.example' }, '[cors]');
    expect(m.subject).toBe('[cors] 1 new CORS finding on https://api.example.com/me (a Bcc: x@evil.example)');
  });
});
