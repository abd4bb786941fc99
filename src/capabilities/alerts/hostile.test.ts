import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AlertSink,
  createSink,
  deliver,
  emailMessage,
  slackMessage,
  teamsMessage,
  webhookBody,
  webhookPayload,
} from './index.js';
import { slackErrors, teamsErrors } from './test-support/chat-schemas.js';
import { HOSTILE, WITH_SECRETS } from './test-support/fixtures.js';
import { type Receiver, startReceiver } from './test-support/receiver.js';
import { parseMail, type SmtpSink, startSmtp } from './test-support/smtp.js';

const SECRET = 'whsec-do-not-leak-0123456789';
const SLACK_PATH = '/services/T0SECRET/B0SECRET/slack-url-secret-token';
const SMTP_PASS = 'smtp-do-not-leak-pw';
// biome-ignore lint/suspicious/noControlCharactersInRegex: looking for control characters is the point
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;

/** Every string value inside a JSON value. */
const strings = (v: unknown): string[] =>
  typeof v === 'string'
    ? [v]
    : Array.isArray(v)
      ? v.flatMap(strings)
      : v && typeof v === 'object'
        ? Object.values(v).flatMap(strings)
        : [];

describe('hostile values from scanned servers are inert in every sink', () => {
  let rx: Receiver;
  let smtp: SmtpSink;
  const sinks: AlertSink[] = [];
  beforeAll(async () => {
    rx = await startReceiver();
    smtp = await startSmtp({ users: { alerts: SMTP_PASS } });
    sinks.push(
      createSink({ type: 'webhook', url: `${rx.url}/hook`, secret: SECRET, name: 'hook' }),
      createSink({ type: 'slack', url: `${rx.url}${SLACK_PATH}`, name: 'slack' }),
      createSink({ type: 'teams', url: `${rx.url}/webhookb2/teams-url-secret`, name: 'teams' }),
      createSink(
        {
          type: 'email',
          host: '127.0.0.1',
          port: smtp.port,
          tls: { rejectUnauthorized: false },
          auth: { user: 'alerts', passEnv: 'P' },
          from: 'cors@example.test',
          to: 'sec@example.test',
          name: 'mail',
        },
        { env: { P: SMTP_PASS } },
      ),
    );
  });
  afterAll(async () => {
    await Promise.all(sinks.map((s) => s.close()));
    await rx.close();
    await smtp.close();
  });

  const sent = async (change: typeof HOSTILE) => {
    rx.requests.length = 0;
    smtp.mails.length = 0;
    const results = await deliver(sinks, change);
    const byPath = (p: string) => rx.requests.find((r) => r.url.startsWith(p))?.body ?? '';
    return {
      results,
      webhook: byPath('/hook'),
      slack: byPath('/services'),
      teams: byPath('/webhookb2'),
      mail: smtp.mails[0]?.raw ?? '',
    };
  };

  it('<script>, CRLF and control characters in a finding title: every sink delivers, none carries them live', async () => {
    const out = await sent(HOSTILE);
    expect(out.results.map((r) => [r.sink, r.ok])).toEqual([
      ['hook', true],
      ['slack', true],
      ['teams', true],
      ['mail', true],
    ]);

    // Webhook: no raw < > & in the bytes; parsed values on one line without controls.
    expect(out.webhook).not.toMatch(/[<>&]/);
    for (const s of strings(JSON.parse(out.webhook))) expect(s).not.toMatch(/[\r\n]|\p{Cc}/u);
    expect(JSON.parse(out.webhook).added[0].title).toContain(
      '<script>alert(1)</script> Bcc: victim@example.com',
    );

    // Slack: the documented shape; no raw < or >, so no <!channel> or <url|label> link; no CR, no injected line.
    const slack = JSON.parse(out.slack);
    expect(slackErrors(slack)).toEqual([]);
    for (const s of strings(slack)) {
      expect(s).not.toMatch(/[<>\r]/);
      expect(s).not.toMatch(CONTROL);
      expect(s).not.toMatch(/(^|\n)Bcc:/);
    }
    expect(JSON.stringify(slack)).toContain('&lt;!channel&gt;');

    // Teams: Markdown metacharacters escaped, so no link, emphasis or HTML.
    const teams = JSON.parse(out.teams);
    expect(teamsErrors(teams)).toEqual([]);
    for (const s of strings(teams)) {
      expect(s).not.toMatch(/(?<!\\)[[\]<>*]/);
      expect(s).not.toMatch(/[\r\n]/);
      expect(s).not.toMatch(CONTROL);
    }

    // E-mail: no injected header, HTML escaped, text one line per value.
    const headers = out.mail.slice(0, out.mail.indexOf('\r\n\r\n'));
    expect(headers).not.toMatch(/^(Bcc|X-Injected):/im);
    const mail = parseMail(out.mail);
    expect(mail.subject).not.toMatch(/[\r\n]/);
    expect(mail.html).not.toMatch(/<(script|svg|img|b)\b/i);
    expect(mail.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(mail.html).toContain('&quot;&gt;&lt;svg onload=alert(2)&gt;');
    expect(mail.text).not.toMatch(/^Bcc:|^X-Injected:/m);
    expect(mail.text).not.toMatch(CONTROL);
  });

  it('the payload builders flatten hostile values the same way without a network', () => {
    const body = webhookBody(webhookPayload(HOSTILE));
    expect(body).not.toMatch(/[<>&]/);
    expect(JSON.stringify(slackMessage(HOSTILE))).not.toMatch(/\\r|\\u0000|\\u001b/);
    expect(JSON.stringify(teamsMessage(HOSTILE))).not.toMatch(/\\r|\\n|\\u0000|\\u001b/);
    const m = emailMessage(HOSTILE);
    expect(m.text).not.toMatch(CONTROL);
    expect(m.html).not.toMatch(/<script/i);
  });

  it('no secret reaches a payload: target userinfo and query values, error message URLs', async () => {
    const out = await sent(WITH_SECRETS);
    for (const [name, text] of Object.entries({
      webhook: out.webhook,
      slack: out.slack,
      teams: out.teams,
      mail: out.mail,
    })) {
      for (const secret of [
        'hunter2-pass',
        'alice',
        'tok-SECRET-123',
        SECRET,
        SMTP_PASS,
        'slack-url-secret-token',
        'teams-url-secret',
      ]) {
        expect(text, `${name} carries ${secret}`).not.toContain(secret);
      }
    }
    expect(JSON.parse(out.webhook).target).toBe('https://api.example.com/me?token=[redacted]&x=[redacted]');
    expect(JSON.parse(out.webhook).error.message).toBe(
      'connect to https://api.example.com/me?token=[redacted] refused',
    );
    for (const r of out.results)
      expect(r.target).toBe('https://api.example.com/me?token=[redacted]&x=[redacted]');
  });

  it('no secret reaches a delivery record, even when the receiver echoes the URL and headers back', async () => {
    rx.answer((_, req) => ({ status: 500, body: `bad ${req.url} ${JSON.stringify(req.headers)}` }));
    const quick = [
      createSink({
        type: 'webhook',
        url: `${rx.url}/hook?key=query-secret-1`,
        secret: SECRET,
        retry: { attempts: 1 },
        headers: { authorization: 'Bearer header-secret-1' },
      }),
      createSink({ type: 'slack', url: `${rx.url}${SLACK_PATH}`, retry: { attempts: 1 } }),
    ];
    const results = await deliver(quick, WITH_SECRETS);
    await Promise.all(quick.map((s) => s.close()));
    rx.answer(() => ({ status: 200 }));
    expect(results.every((r) => !r.ok && r.status === 500)).toBe(true);
    const text = JSON.stringify(results);
    for (const secret of [
      'query-secret-1',
      'header-secret-1',
      SECRET,
      'slack-url-secret-token',
      'hunter2-pass',
      'tok-SECRET-123',
    ]) {
      expect(text).not.toContain(secret);
    }
    expect(results.map((r) => r.sink)).toEqual(['webhook:127.0.0.1', 'slack:127.0.0.1']);
  });
});
