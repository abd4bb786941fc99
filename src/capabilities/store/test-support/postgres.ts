import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'vitest';

/** A throwaway PostgreSQL cluster on loopback, for the store tests. */
export interface Postgres {
  readonly url: string;
  stop(): Promise<void>;
}

/** Debian's PostgreSQL binaries (initdb, postgres), or null when the package is not installed. */
export function postgresBin(): string | null {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const version = readdirSync(root).sort().at(-1);
  const bin = version ? join(root, version, 'bin') : '';
  return existsSync(join(bin, 'initdb')) ? bin : null;
}

/**
 * {@link postgresBin} for a test file; when PostgreSQL is missing but `CORSGUARD_REQUIRE_SERVERS=1` (CI),
 * registers a failing test saying so, so that a skipped suite cannot pass CI.
 */
export function requirePostgresBin(): string | null {
  const bin = postgresBin();
  if (bin === null && process.env.CORSGUARD_REQUIRE_SERVERS === '1') {
    it('PostgreSQL is installed', () => {
      throw new Error('PostgreSQL is required by CORSGUARD_REQUIRE_SERVERS=1; run .ci/install-servers.sh');
    });
  }
  return bin;
}

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

/**
 * initdb in a temp dir and a postgres on 127.0.0.1 (trust auth, no unix socket outside the dir). As root,
 * both run as the `postgres` user (PostgreSQL refuses root). Stopped and removed by `stop()`.
 */
export async function startPostgres(bin: string): Promise<Postgres> {
  const dir = mkdtempSync(join(tmpdir(), 'corsguard-pg-'));
  const asRoot = process.getuid?.() === 0;
  const run = (cmd: string, args: string[]) =>
    (asRoot ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args]) as [string, string[]];
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    chownSync(dir, uid, gid);
  }
  const data = join(dir, 'data');
  execFileSync(...run(join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8']), {
    stdio: 'ignore',
  });
  const port = await freePort();
  const server: ChildProcess = spawn(
    ...run(join(bin, 'postgres'), [
      '-D',
      data,
      '-p',
      String(port),
      '-c',
      'listen_addresses=127.0.0.1',
      '-k',
      dir,
    ]),
    { stdio: 'ignore' },
  );
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const { default: pg } = await import('pg');
  for (let i = 0; ; i++) {
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.end();
      break;
    } catch (err) {
      await client.end().catch(() => {});
      if (i >= 100 || server.exitCode !== null) throw new Error(`postgres did not start: ${String(err)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    url,
    async stop() {
      const exited = new Promise((r) => server.once('exit', r));
      // Fast shutdown, sent to the postmaster itself: `runuser` does not pass SIGINT on, so signalling it
      // alone left the server running until the 10 s below ran out.
      let pid = 0;
      try {
        pid = Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
        if (pid > 0) process.kill(pid, 'SIGINT');
      } catch {}
      if (!(pid > 0)) server.kill('SIGINT');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
