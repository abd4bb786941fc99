import { describe, expect, it } from 'vitest';
import { CorsguardError } from '../../core/errors/index.js';
import { checkSinkConfig, createSink } from './index.js';

const env = { HOOK_SECRET: 'env-secret-0123456789', SLACK_URL: 'https://hooks.slack.com/services/T/B/x' };
const problems = (v: unknown) => checkSinkConfig(v, env).problems.map((p) => [p.path.join('.'), p.message]);

/** The error createSink throws for a config, or undefined. */
function thrown(v: unknown): CorsguardError | undefined {
  try {
    createSink(v, { env });
  } catch (e) {
    if (e instanceof CorsguardError) return e;
    throw e;
  }
  return undefined;
}

describe('sink config is validated when a sink is built', () => {
  it('a bad config throws one CorsguardError with code ALERT_CONFIG_INVALID naming the sink and key', () => {
    const e = thrown({ type: 'webhook', url: 'ftp://hooks.example/x', secret: 'x'.repeat(16) });
    expect(e?.code).toBe('ALERT_CONFIG_INVALID');
    expect(e?.message).toBe('webhook alert sink (url): url must be https: or http:, not ftp:');
    expect(thrown({ type: 'pager' })?.message).toBe(
      'alert sink (type): type must be webhook, slack, teams or email',
    );
    expect(thrown(null)?.code).toBe('ALERT_CONFIG_INVALID');
  });

  it('checkSinkConfig lists every problem with its key path', () => {
    expect(
      problems({
        type: 'webhook',
        url: 'https://u:p@h.example/x',
        secret: 'short',
        retry: { attempts: 0, jitter: 1 },
        colour: 'red',
      }),
    ).toEqual([
      [
        'colour',
        'colour is not a setting of a webhook sink (type, name, events, retry, url, urlEnv, secret, secretEnv, headers)',
      ],
      ['retry.attempts', 'retry.attempts must be an integer from 1 to 10'],
      [
        'retry.jitter',
        'retry.jitter is not a retry setting (attempts, baseDelayMs, maxDelayMs, totalTimeoutMs, attemptTimeoutMs)',
      ],
      ['url', "url must not carry user:password@ (use headers for the receiver's credentials)"],
      ['secret', 'the signing secret must be at least 16 characters'],
    ]);
  });

  it('a webhook needs a URL and a secret, given directly or by environment variable, not both', () => {
    expect(problems({ type: 'webhook' }).map(([p]) => p)).toEqual(['url', 'secret']);
    expect(problems({ type: 'webhook', url: 'https://h.example/', secretEnv: 'HOOK_SECRET' })).toEqual([]);
    expect(problems({ type: 'webhook', url: 'https://h.example/', secretEnv: 'NOT_SET_ANYWHERE' })).toEqual([
      [
        'secretEnv',
        'secretEnv: the environment variable NOT_SET_ANYWHERE (the HMAC signing secret) is not set',
      ],
    ]);
    expect(
      problems({
        type: 'webhook',
        url: 'https://h.example/',
        secret: 'x'.repeat(16),
        secretEnv: 'HOOK_SECRET',
      }),
    ).toEqual([['secret', 'give secret or secretEnv, not both']]);
    expect(checkSinkConfig({ type: 'slack', urlEnv: 'SLACK_URL' }, env).config).toMatchObject({
      type: 'slack',
    });
  });

  it('a URL read from the environment is checked too, and its value is never quoted', () => {
    const p = problems({ type: 'slack', urlEnv: 'HOOK_SECRET' });
    expect(p).toEqual([['urlEnv', 'urlEnv is not a URL (write it like https://hooks.example.com/path)']]);
    expect(JSON.stringify(p)).not.toContain(env.HOOK_SECRET);
  });

  it('webhook headers cannot override what corsguard sets, nor carry CR/LF', () => {
    expect(
      problems({
        type: 'webhook',
        url: 'https://h.example/',
        secret: 'x'.repeat(16),
        headers: {
          'X-Corsguard-Signature': 'forged',
          'Content-Type': 'text/plain',
          'X-Ok': 'a\r\nb: c',
          'bad name': 'v',
        },
      }).map(([p]) => p),
    ).toEqual(['headers.X-Corsguard-Signature', 'headers.Content-Type', 'headers.X-Ok', 'headers.bad name']);
  });

  it('e-mail needs host, from and to; addresses, ports, TLS and auth keys are checked', () => {
    expect(problems({ type: 'email' }).map(([p]) => p)).toEqual(['host', 'from', 'to']);
    expect(
      problems({
        type: 'email',
        host: 'smtp.example.com',
        port: 70000,
        requireTLS: true,
        ignoreTLS: true,
        tls: { minVersion: 'TLSv1', cert: 'x' },
        auth: { user: 'u' },
        from: 'a@b\r\nBcc: c@d',
        to: ['ok@example.com', 'not an address'],
      }).map(([p]) => p),
    ).toEqual(['port', 'ignoreTLS', 'tls.minVersion', 'tls.cert', 'auth.pass', 'from', 'to.1']);
    expect(
      problems({
        type: 'email',
        host: 'smtp.example.com',
        from: 'corsguard <cors@example.com>',
        to: 'sec@example.com',
        secure: true,
      }),
    ).toEqual([]);
  });

  it('events must be change kinds', () => {
    expect(problems({ type: 'slack', urlEnv: 'SLACK_URL', events: ['new-findings', 'deploy'] })).toEqual([
      [
        'events.1',
        'events[1] is "deploy", not one of new-findings, fixed, changed, grade-changed, policy-drift, unreachable, recovered',
      ],
    ]);
  });
});
