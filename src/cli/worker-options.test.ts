import { describe, expect, it } from 'vitest';
import { run } from './run.js';
import { fakeIo } from './test-support/fake-io.js';

// What a user sees when the queue is misconfigured: one line that says what to fix, never a stack trace.
const STACK_FRAME = /\n\s+at /;
/** A port nothing listens on (binding port 1 needs root), so connecting is refused at once. */
const REFUSED = 'postgres://corsguard:s3cret@127.0.0.1:1/corsguard';

async function cli(args: readonly string[]) {
  const t = fakeIo();
  const code = await run(args, t.io);
  return { code, stderr: t.stderr.text, stdout: t.stdout.text };
}

describe('corsguard scan --queue and corsguard worker: errors', () => {
  it('a --queue URL that is not PostgreSQL is a usage error (exit 2) showing the expected form', async () => {
    const r = await cli(['scan', 'https://api.example.com/', '--queue', 'redis://localhost:6379']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /--queue "redis:\/\/localhost:6379" is not a PostgreSQL URL; give postgres:\/\//,
    );
    expect(r.stderr).not.toMatch(STACK_FRAME);
  });

  it('an unreachable queue database is QUEUE_UNAVAILABLE (exit 3), without the password', async () => {
    const r = await cli(['scan', 'https://api.example.com/', '--queue', REFUSED]);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(
      /--queue postgres:\/\/…@127\.0\.0\.1:1\/corsguard: cannot use the PostgreSQL server \(connection refused\)/,
    );
    expect(r.stderr).not.toMatch(/s3cret/);
    expect(r.stderr).not.toMatch(STACK_FRAME);
  });

  it('a worker whose database is unreachable says so and exits 3', async () => {
    const r = await cli(['worker', '--database', REFUSED]);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(
      /--database postgres:\/\/…@127\.0\.0\.1:1\/corsguard: cannot use the PostgreSQL server/,
    );
    expect(r.stderr).not.toMatch(STACK_FRAME);
  });

  it('a worker without --database is a usage error', async () => {
    const r = await cli(['worker']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/corsguard worker needs --database postgres:\/\//);
  });

  it('refuses to send cookies or headers through the queue (they would be stored in PostgreSQL)', async () => {
    const r = await cli([
      'scan',
      'https://api.example.com/',
      '--queue',
      'postgres://db/corsguard',
      '--cookie',
      'session=1',
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--cookie and -H are not sent through --queue/);
  });

  it('rejects a --job-timeout that is not a whole number of seconds', async () => {
    const r = await cli([
      'scan',
      'https://api.example.com/',
      '--queue',
      'postgres://db/x',
      '--job-timeout',
      '0',
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--job-timeout must be a whole number of seconds from 1 to 86400/);
  });
});
