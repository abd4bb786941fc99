import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { chmod, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The host every corpus server pretends to be. */
export const TARGET_HOST = 'api.victim.test';
/** The legitimate front-ends of api.victim.test. */
export const TRUSTED_ORIGINS = ['https://app.victim.test', 'https://www.victim.test'] as const;

export type Scheme = 'http' | 'https';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');
/** Self-signed certificate for victim.test and *.victim.test (100-year validity). */
export const TLS_CERT = join(FIXTURES, 'victim-test.crt');
export const TLS_KEY = join(FIXTURES, 'victim-test.key');

/** One site hosted by a server: a path prefix (`/name`) and its server-specific configuration. */
export interface Site<C> {
  readonly path: string;
  readonly config: C;
}

/** A started server (one process, or one in-process listener) hosting one or more sites. */
export interface RunningServer {
  readonly scheme: Scheme;
  /** The loopback port a site listens on (the same for every site of a shared server). */
  portOf(path: string): number;
  stop(): Promise<void>;
}

/** Starts one kind of real server. */
export interface ServerLauncher<C> {
  /** A human-readable reason when the server cannot run here (binary missing), else null. */
  missing(): string | null;
  start(sites: readonly Site<C>[], scheme: Scheme): Promise<RunningServer>;
}

/** The curl-style resolve entry that sends api.victim.test:port to loopback. */
export function resolveEntry(port: number): string {
  return `${TARGET_HOST}:${port}:127.0.0.1`;
}

export function targetUrl(scheme: Scheme, port: number, path: string): string {
  return `${scheme}://${TARGET_HOST}:${port}${path}`;
}

/** The first of `candidates` that is an executable on PATH (or an absolute path that exists), else null. */
export function findBinary(...candidates: string[]): string | null {
  for (const name of candidates) {
    const probe = spawnSync('sh', ['-c', `command -v "$0"`, name], { encoding: 'utf8' });
    const found = probe.stdout.trim();
    if (probe.status === 0 && found !== '') return found;
  }
  return null;
}

/** A free loopback TCP port (the OS picks; a short race with the server binding it is retried by {@link spawnServer}). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr !== null ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** A fresh temp directory readable by the unprivileged user servers drop to when started as root. */
export async function makeWorkDir(kind: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), `corsguard-${kind}-`));
  await chmod(dir, 0o755);
  return dir;
}

/**
 * Whether the process `pid` (or one of its descendants) holds the listening socket on 127.0.0.1:`port`,
 * read from /proc (Linux); undefined where /proc cannot tell. A port that answers is not proof enough:
 * a concurrent test's server may have bound the same free port first.
 */
function ownsPort(pid: number | undefined, port: number): boolean | undefined {
  if (pid === undefined) return undefined;
  const hex = port.toString(16).toUpperCase().padStart(4, '0');
  const inodes = new Set<string>();
  try {
    for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
      for (const line of readFileSync(table, 'utf8').split('\n').slice(1)) {
        const cols = line.trim().split(/\s+/);
        // local_address is ADDR:PORT in hex; state 0A is LISTEN; column 9 is the inode.
        if (cols[1]?.endsWith(`:${hex}`) && cols[3] === '0A' && cols[9]) inodes.add(cols[9]);
      }
    }
  } catch {
    return undefined;
  }
  if (inodes.size === 0) return false;
  // A process of the tree that exits while it is read is skipped, not taken as "cannot tell": that once
  // let a port held by a concurrent test's nginx pass as ours (CI, stop 18).
  const pending = [pid];
  const visited = new Set<number>();
  while (pending.length > 0) {
    const p = pending.pop() as number;
    if (visited.has(p)) continue;
    visited.add(p);
    for (const fd of readdirSafe(`/proc/${p}/fd`)) {
      const target = readlinkSafe(`/proc/${p}/fd/${fd}`);
      const m = /^socket:\[(\d+)\]$/.exec(target);
      if (m?.[1] && inodes.has(m[1])) return true;
    }
    for (const task of readdirSafe(`/proc/${p}/task`)) {
      const children = readFileSafe(`/proc/${p}/task/${task}/children`);
      for (const c of children.split(/\s+/)) if (c !== '') pending.push(Number(c));
    }
  }
  return false;
}

function readdirSafe(path: string): string[] {
  try {
    return readdirSync(path);
  } catch {
    return [];
  }
}

function readlinkSafe(path: string): string {
  try {
    return readlinkSync(path);
  } catch {
    return '';
  }
}

function readFileSafe(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(500, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
    socket.connect(port, '127.0.0.1');
  });
}

const live = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

/** What {@link spawnServer} runs once it has picked a port. */
export interface Launch {
  readonly command: string;
  readonly args: readonly string[];
  readonly env?: NodeJS.ProcessEnv;
  /** A log file to quote when the server fails to start. */
  readonly logFile?: string;
  /** Every port the server listens on besides the first (sites on ports of their own). */
  readonly morePorts?: readonly number[];
}

/**
 * Spawns a server child process on a free port (`prepare(port)` writes its config and says how to run it),
 * waits until the port accepts connections (bounded), and returns a handle whose `stop()` kills the child
 * and removes `dir`. Retries with another port if the child dies before answering (port race).
 */
export async function spawnServer(
  kind: string,
  dir: string,
  prepare: (port: number) => Promise<Launch>,
): Promise<{ port: number; stop: () => Promise<void> }> {
  let lastError = '';
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    const launch = await prepare(port);
    const child = spawn(launch.command, [...launch.args], {
      cwd: dir,
      env: launch.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    live.add(child);
    let output = '';
    child.stdout?.on('data', (d: Buffer) => {
      output += d.toString();
    });
    child.stderr?.on('data', (d: Buffer) => {
      output += d.toString();
    });
    let exited = false;
    child.once('exit', () => {
      exited = true;
      live.delete(child);
    });
    const deadline = Date.now() + 15_000;
    while (!exited && Date.now() < deadline) {
      // Every port must be this server's: nginx, say, keeps retrying a taken one for seconds before it
      // gives up, while the ports it did bind already answer.
      const all = [port, ...(launch.morePorts ?? [])];
      if ((await canConnect(port)) && all.every((p) => ownsPort(child.pid, p) !== false)) {
        // Another test's server may hold this port (or one of the site ports picked after it), and ours
        // then exits on "address in use" just after the connect succeeded against the other one: only a
        // server still running a moment later is ours.
        await new Promise((r) => setTimeout(r, 300));
        if (!exited && all.every((p) => ownsPort(child.pid, p) !== false)) {
          return { port, stop: () => stopChild(child, dir) };
        }
        break;
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    const log = launch.logFile ? await readFile(launch.logFile, 'utf8').catch(() => '') : '';
    lastError = `${kind} did not answer on port ${port} (${exited ? `exited ${child.exitCode}` : 'timeout'}):\n${output}\n${log}`;
    await stopChild(child, null);
  }
  await rm(dir, { recursive: true, force: true });
  throw new Error(lastError);
}

async function stopChild(child: ChildProcess, dir: string | null): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) {
    const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 3_000);
    await gone;
    clearTimeout(timer);
  }
  live.delete(child);
  if (dir !== null) await rm(dir, { recursive: true, force: true });
}

/** Combines several started servers (e.g. one Django process per settings module) into one handle. */
export function combineServers(
  scheme: Scheme,
  parts: ReadonlyArray<{ path: string; port: number; stop: () => Promise<void> }>,
): RunningServer {
  const ports = new Map(parts.map((p) => [p.path, p.port]));
  return {
    scheme,
    portOf(path) {
      const port = ports.get(path);
      if (port === undefined) throw new Error(`no site at ${path}`);
      return port;
    },
    async stop() {
      await Promise.all(parts.map((p) => p.stop()));
    },
  };
}

/** A handle for one server hosting every site on one port. */
export function sharedServer(scheme: Scheme, port: number, stop: () => Promise<void>): RunningServer {
  return { scheme, portOf: () => port, stop };
}
