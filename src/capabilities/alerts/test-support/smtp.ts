import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** One message an {@link SmtpSink} received. */
export interface ReceivedMail {
  readonly from: string;
  readonly to: readonly string[];
  readonly raw: string;
  /** Whether the session was upgraded with STARTTLS (or was TLS from the start). */
  readonly secure: boolean;
  /** The user that logged in, if any. */
  readonly user?: string;
}

/** A loopback SMTP server (the nodemailer project's smtp-server) recording every message. */
export interface SmtpSink {
  readonly port: number;
  readonly mails: ReceivedMail[];
  close(): Promise<void>;
}

/**
 * Starts an SMTP server on 127.0.0.1 offering STARTTLS (smtp-server's built-in self-signed
 * certificate) and, when `users` is given, AUTH PLAIN/LOGIN for those users.
 *
 * @example
 * ```ts
 * const smtp = await startSmtp({ users: { alerts: 'pw' } });
 * afterAll(() => smtp.close());
 * ```
 */
export async function startSmtp(
  options: { users?: Record<string, string>; rejectRcpt?: RegExp } = {},
): Promise<SmtpSink> {
  const mails: ReceivedMail[] = [];
  const users = options.users;
  const server = new SMTPServer({
    authOptional: users === undefined,
    ...(users === undefined ? { disabledCommands: ['AUTH'] } : {}),
    logger: false,
    onAuth(auth, _session, callback) {
      if (users !== undefined && auth.username !== undefined && users[auth.username] === auth.password) {
        callback(null, { user: auth.username });
      } else callback(new Error('Invalid username or password'));
    },
    onRcptTo(address, _session, callback) {
      if (options.rejectRcpt?.test(address.address)) {
        const err = Object.assign(new Error('Mailbox unavailable'), { responseCode: 550 });
        callback(err);
      } else callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        mails.push({
          from: session.envelope.mailFrom === false ? '' : session.envelope.mailFrom.address,
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
          secure: session.secure,
          ...(typeof session.user === 'string' ? { user: session.user } : {}),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return { port, mails, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const decodeQp = (s: string): string =>
  Buffer.from(
    s
      .replace(/=\r?\n/g, '')
      .replace(/=([0-9A-F]{2})/gi, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16))),
    'latin1',
  ).toString('utf8');

const decodeWords = (s: string): string =>
  s.replace(/=\?utf-8\?([QB])\?([^?]*)\?=\s*/gi, (_, enc: string, text: string) =>
    enc.toUpperCase() === 'B'
      ? Buffer.from(text, 'base64').toString('utf8')
      : decodeQp(text.replace(/_/g, ' ')),
  );

/** A parsed message: decoded Subject, raw header block, and the decoded text/plain and text/html parts. */
export interface ParsedMail {
  readonly headers: string;
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

/**
 * Parses what nodemailer sends (multipart/alternative, quoted-printable or base64 parts) without a MIME
 * library: enough for tests.
 *
 * @example
 * ```ts
 * parseMail(smtp.mails[0].raw).subject;
 * ```
 */
export function parseMail(raw: string): ParsedMail {
  const split = raw.indexOf('\r\n\r\n');
  const headers = raw.slice(0, split);
  const unfolded = headers.replace(/\r\n[ \t]+/g, ' ');
  const subject = decodeWords(/^Subject: (.*)$/im.exec(unfolded)?.[1] ?? '');
  const boundary = /boundary="?([^";\r\n]+)"?/i.exec(unfolded)?.[1];
  const parts = boundary === undefined ? [raw] : raw.split(`--${boundary}`).slice(1, -1);
  const out = { text: '', html: '' };
  for (const part of parts) {
    const at = part.indexOf('\r\n\r\n');
    const head = part.slice(0, at).replace(/\r\n[ \t]+/g, ' ');
    const body = part.slice(at + 4).replace(/\r\n$/, '');
    const enc = /Content-Transfer-Encoding: *(\S+)/i.exec(head)?.[1]?.toLowerCase();
    const decoded =
      enc === 'base64'
        ? Buffer.from(body, 'base64').toString('utf8')
        : enc === 'quoted-printable'
          ? decodeQp(body)
          : body;
    if (/Content-Type: *text\/plain/i.test(head)) out.text = decoded.replace(/\r\n/g, '\n');
    if (/Content-Type: *text\/html/i.test(head)) out.html = decoded.replace(/\r\n/g, '\n');
  }
  return { headers, subject, ...out };
}
