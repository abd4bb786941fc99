import { CorsguardError } from '../../core/errors/index.js';

/** A PostgreSQL URL with its user info (a password) replaced by `…`, for messages. */
export const redactUrl = (url: string): string => url.replace(/\/\/[^@/]*@/, '//…@');

/**
 * Checks that `url` is a PostgreSQL URL (`postgres://` or `postgresql://` with a host) and returns it;
 * otherwise a USAGE error naming the option and showing the expected form (the password never shown).
 *
 * @example
 * ```ts
 * queueUrl('postgres://corsguard@db:5432/corsguard', '--queue'); // the URL
 * queueUrl('redis://localhost', '--queue'); // throws USAGE: --queue "redis://localhost" is not a PostgreSQL URL…
 * ```
 */
export function queueUrl(url: string, option: string): string {
  let host = '';
  try {
    host = new URL(url).hostname;
  } catch {}
  if (!/^postgres(ql)?:\/\//i.test(url) || host === '') {
    throw new CorsguardError(
      'USAGE',
      `${option} ${JSON.stringify(redactUrl(url))} is not a PostgreSQL URL; give postgres://user@host:5432/db`,
    );
  }
  return url;
}

const REASONS: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'unknown host',
  EAI_AGAIN: 'host name lookup failed',
  ETIMEDOUT: 'timed out',
  ECONNRESET: 'connection reset',
  '28P01': 'password authentication failed',
  '28000': 'authentication refused',
  '3D000': 'no such database',
};

/**
 * Turns a failure to reach the queue's database into a QUEUE_UNAVAILABLE error that says what failed
 * and what to check, without the password or a stack trace.
 *
 * @example
 * ```ts
 * await pool.query('SELECT 1').catch((e) => { throw unavailable(e, url, '--database'); });
 * ```
 */
export function unavailable(err: unknown, url: string, option: string): CorsguardError {
  const e = err as { code?: string; message?: string };
  const known = e.code === undefined ? undefined : REASONS[e.code];
  const reason = known ?? ([e.code, e.message].filter(Boolean).join(': ') || String(err));
  return new CorsguardError(
    'QUEUE_UNAVAILABLE',
    `${option} ${redactUrl(url)}: cannot use the PostgreSQL server (${reason}); check that it runs, that the URL is right, and that this user may connect`,
    { cause: err },
  );
}
