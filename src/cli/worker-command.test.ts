import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ObservedLab,
  type ObservedRequest,
  startObservedLab,
} from '../capabilities/lab/test-support/observed-lab.js';
import {
  type Postgres,
  requirePostgresBin,
  startPostgres,
} from '../capabilities/store/test-support/postgres.js';

// Three real `corsguard worker` processes on a real PostgreSQL scan a 20,000-URL list of lab endpoints
// that `corsguard scan --queue` enqueued; one worker is killed with SIGKILL mid-run. Every URL must end
// with exactly one result, the findings must equal a single-process `corsguard scan` of the same list,
// and the lab must never see more than --per-host scans of one host at once.
const MAIN = join(dirname(fileURLToPath(import.meta.url)), 'main.ts');
const bin = requirePostgresBin();

const URLS = Number(process.env.CORSGUARD_WORKERS_URLS ?? 20_000);
const HOSTS = 12;
const PER_HOST = 2;
const RICH = ['/safe', '/null', '/prefix', '/subdomain', '/wildcard', '/vary-missing'];

interface Child {
  readonly child: ChildProcess;
  readonly stderr: () => string;
  readonly exited: Promise<number | null>;
}

function cli(args: readonly string[]): Child {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  child.stderr?.on('data', (d: Buffer) => {
    err += d.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, stderr: () => err, exited };
}

/** JSONL lines of a child's stdout, and a hook on each. */
function lines(child: ChildProcess, onLine?: (count: number) => void): string[] {
  const out: string[] = [];
  let rest = '';
  child.stdout?.on('data', (d: Buffer) => {
    const parts = (rest + d.toString()).split('\n');
    rest = parts.pop() ?? '';
    for (const line of parts) {
      out.push(line);
      onLine?.(out.length);
    }
  });
  return out;
}

async function ready(worker: Child): Promise<void> {
  for (let i = 0; i < 600 && !/ready/.test(worker.stderr()); i++) {
    if (worker.child.exitCode !== null) throw new Error(`worker exited: ${worker.stderr()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  if (!/ready/.test(worker.stderr())) throw new Error(`worker not ready: ${worker.stderr()}`);
}

/** Per URL (Host and path), the stretches of requests with no pause over 400 ms: one per scan of it. */
function scansPerHost(requests: readonly ObservedRequest[]): Map<string, Array<[number, number]>> {
  const byUrl = new Map<string, ObservedRequest[]>();
  for (const r of requests) {
    const key = `${r.host} ${r.target}`;
    const list = byUrl.get(key) ?? [];
    list.push(r);
    byUrl.set(key, list);
  }
  const byHost = new Map<string, Array<[number, number]>>();
  for (const list of byUrl.values()) {
    const host = (list[0] as ObservedRequest).host;
    const spans = byHost.get(host) ?? [];
    let span: [number, number] | undefined;
    for (const r of list.sort((a, b) => a.start - b.start)) {
      if (span && r.start - span[1] <= 400) span[1] = Math.max(span[1], r.end);
      else {
        span = [r.start, r.end];
        spans.push(span);
      }
    }
    byHost.set(host, spans);
  }
  return byHost;
}

/** The most spans open at one instant. */
function peak(spans: ReadonlyArray<[number, number]>): number {
  const events = spans.flatMap(
    ([s, e]): Array<[number, number]> => [
      [s, 1],
      [e, -1],
    ],
  );
  events.sort((a, b) => a[0] - b[0] || a[1] - b[1]); // an end before a start at the same instant
  let open = 0;
  let max = 0;
  for (const [, d] of events) {
    open += d;
    max = Math.max(max, open);
  }
  return max;
}

const findingIds = (line: string): [string, string] => {
  const r = JSON.parse(line) as { url: string; findings: Array<{ id: string }>; grade?: { letter: string } };
  return [r.url, `${[...new Set(r.findings.map((f) => f.id))].sort().join(',')} ${r.grade?.letter ?? '-'}`];
};

describe.skipIf(bin === null)('corsguard worker ×3 with scan --queue on a real PostgreSQL', () => {
  let db: Postgres;
  let lab: ObservedLab;
  let dir: string;
  let list: string;
  let resolve: string[];
  const children: Child[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cg-workers-'));
    [db, lab] = await Promise.all([startPostgres(bin as string), startObservedLab()]);
    resolve = Array.from({ length: HOSTS }, (_, h) => [
      '--resolve',
      `h${h}.victim.test:${lab.port}:127.0.0.1`,
    ]).flat();
    const urls = Array.from({ length: URLS }, (_, i) => {
      const host = `h${i % HOSTS}.victim.test:${lab.port}`;
      if (i % 200 === 7) return `http://${host}${RICH[((i / 200) % RICH.length) | 0]}?i=${i}`;
      if (i % 10 === 5) return `ws://${host}/ws?i=${i}`;
      return `http://${host}/reflect?i=${i}`;
    });
    list = join(dir, 'huge.txt');
    writeFileSync(list, `${urls.join('\n')}\n`);
  }, 60_000);

  afterAll(async () => {
    for (const c of children) if (c.child.exitCode === null) c.child.kill('SIGKILL');
    await Promise.all(children.map((c) => c.exited));
    await lab?.close();
    await db?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('every URL ends with exactly one result, equal to a single-process scan, after kill -9 of a worker', async () => {
    const started = performance.now();
    const workerArgs = ['worker', '--database', db.url, '--concurrency', '8', '--per-host', String(PER_HOST)];
    const workers = [0, 1, 2].map(() => cli([...workerArgs, '--job-timeout', '4']));
    children.push(...workers);
    await Promise.all(workers.map(ready));

    let killedAt = 0;
    const scan = cli([
      'scan',
      '-i',
      list,
      '--queue',
      db.url,
      '--job-timeout',
      '4',
      '--format',
      'jsonl',
      '--fail-on',
      'none',
      '--no-progress',
      ...resolve,
    ]);
    children.push(scan);
    const victim = workers[0] as Child;
    const queued = lines(scan.child, (n) => {
      if (n === Math.floor(URLS / 4) && killedAt === 0) {
        killedAt = performance.now();
        victim.child.kill('SIGKILL');
      }
    });
    const code = await scan.exited;
    const queuedSeconds = (performance.now() - started) / 1000;
    expect(scan.stderr()).not.toMatch(/\n\s+at |Error:/);
    expect(code).toBe(0);
    expect(killedAt).toBeGreaterThan(0);
    expect(await victim.exited).toBeNull(); // killed by the signal

    // Exactly one result per URL: on stdout, and in the results table.
    expect(queued).toHaveLength(URLS);
    const byUrl = new Map(queued.map(findingIds));
    expect(byUrl.size).toBe(URLS);
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ n: string; workers: string }>(
        'SELECT count(*) AS n, count(DISTINCT worker) AS workers FROM corsguard_batch_results',
      );
      expect(Number(rows[0]?.n)).toBe(URLS);
      expect(Number(rows[0]?.workers)).toBe(3);
      // The killed worker's jobs were delivered again (at-least-once), and none is left undone.
      const jobs = await client.query<{ state: string; retried: string }>(
        `SELECT state, count(*) FILTER (WHERE retry_count > 0) AS retried FROM pgboss.job GROUP BY state`,
      );
      expect(jobs.rows.map((r) => r.state)).toEqual(['completed']);
      expect(Number(jobs.rows[0]?.retried)).toBeGreaterThan(0);
    } finally {
      await client.end();
    }

    // The survivors stop cleanly on SIGTERM.
    for (const w of workers.slice(1)) w.child.kill('SIGTERM');
    for (const w of workers.slice(1)) {
      expect(await w.exited).toBe(0);
      expect(w.stderr()).toMatch(/stopped after \d+ jobs/);
    }

    // Per-host limit across the workers, as the lab saw it.
    const spans = scansPerHost(lab.requests);
    const peaks = [...spans.values()].map(peak);
    expect(spans.size).toBe(HOSTS);
    expect(Math.max(...peaks)).toBeLessThanOrEqual(PER_HOST);
    expect(Math.max(...peaks)).toBe(PER_HOST); // the limit, not the workload, held them back

    // The same list in one process, as `corsguard scan --format jsonl`: the same findings per URL.
    const single = cli([
      'scan',
      '-i',
      list,
      '--format',
      'jsonl',
      '--fail-on',
      'none',
      '--no-progress',
      ...resolve,
    ]);
    children.push(single);
    const direct = lines(single.child);
    expect(await single.exited).toBe(0);
    const directByUrl = new Map(direct.map(findingIds));
    expect(directByUrl.size).toBe(URLS);
    const differing = [...directByUrl].filter(([url, ids]) => byUrl.get(url) !== ids);
    expect(differing).toEqual([]);
    console.log(
      `workers: ${URLS} URLs through 3 workers in ${queuedSeconds.toFixed(1)} s (worker killed at ${((killedAt - started) / 1000).toFixed(1)} s), per-host peaks ${peaks.join(',')}; whole test ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
  }, 240_000);
});
