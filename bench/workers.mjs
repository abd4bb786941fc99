#!/usr/bin/env node
// Workers benchmark (not a test): the same list of lab URLs scanned by `corsguard scan --queue` with 1, 2
// and 3 `corsguard worker` processes on a throwaway PostgreSQL (Debian's, initdb in a temp dir), next to
// one `corsguard scan` process; then the queue's overhead per job: a no-op pg-boss job round trip, and a
// URL whose scan sends nothing (an unsupported scheme) through the whole worker path.
// Usage: npm run bench:workers [-- --urls 6000 --hosts 12 --concurrency 8 --per-host 2 --database postgres://…]
import { execFileSync, spawn } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import PgBoss from 'pg-boss';
import { startLab } from '../dist/capabilities/lab/index.js';

const here = dirname(fileURLToPath(import.meta.url));
const MAIN = join(here, '..', 'dist', 'cli', 'main.js');
const { values } = parseArgs({
  options: {
    urls: { type: 'string', default: '6000' },
    hosts: { type: 'string', default: '12' },
    concurrency: { type: 'string', default: '8' },
    'per-host': { type: 'string', default: '2' },
    noop: { type: 'string', default: '3000' },
    database: { type: 'string' },
  },
});
const URLS = Number(values.urls);
const HOSTS = Number(values.hosts);
const NOOP = Number(values.noop);

// ---- a throwaway PostgreSQL (as src/capabilities/store/test-support/postgres.ts does) ----
async function startPostgres() {
  const root = '/usr/lib/postgresql';
  const version = existsSync(root) ? readdirSync(root).sort().at(-1) : undefined;
  const bin = version ? join(root, version, 'bin') : '';
  if (!existsSync(join(bin, 'initdb'))) {
    throw new Error('no PostgreSQL in /usr/lib/postgresql; install postgresql or pass --database');
  }
  const dir = mkdtempSync(join(tmpdir(), 'corsguard-bench-pg-'));
  const asRoot = process.getuid?.() === 0;
  const run = (cmd, args) => (asRoot ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args]);
  if (asRoot) {
    const id = (flag) => Number(execFileSync('id', [flag, 'postgres']).toString().trim());
    chownSync(dir, id('-u'), id('-g'));
  }
  const data = join(dir, 'data');
  execFileSync(...run(join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8']), {
    stdio: 'ignore',
  });
  const port = await new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const p = s.address().port;
      s.close(() => resolve(p));
    });
  });
  const server = spawn(
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
  for (let i = 0; ; i++) {
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.end();
      break;
    } catch (err) {
      await client.end().catch(() => {});
      if (i > 100) throw err;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    url,
    async stop() {
      const exited = new Promise((r) => server.once('exit', r));
      server.kill('SIGINT');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function cli(args) {
  const child = spawn(process.execPath, [MAIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  let lines = 0;
  child.stderr.on('data', (d) => {
    err += d;
  });
  child.stdout.on('data', (d) => {
    for (const c of d) if (c === 10) lines++;
  });
  const exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, exited, stderr: () => err, lines: () => lines };
}

async function until(check, what) {
  for (let i = 0; i < 600; i++) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const db = values.database ? { url: values.database, stop: async () => {} } : await startPostgres();
const lab = await startLab();
const dir = mkdtempSync(join(tmpdir(), 'corsguard-bench-workers-'));
const resolve = Array.from({ length: HOSTS }, (_, h) => [
  '--resolve',
  `h${h}.victim.test:${lab.httpPort}:127.0.0.1`,
]).flat();
const RICH = ['/safe', '/null', '/prefix', '/subdomain', '/wildcard', '/vary-missing'];
function list(tag, n = URLS) {
  const urls = Array.from({ length: n }, (_, i) => {
    const host = `h${i % HOSTS}.victim.test:${lab.httpPort}`;
    if (i % 200 === 7) return `http://${host}${RICH[((i / 200) | 0) % RICH.length]}?${tag}=${i}`;
    if (i % 10 === 5) return `ws://${host}/ws?${tag}=${i}`;
    return `http://${host}/reflect?${tag}=${i}`;
  });
  const file = join(dir, `${tag}.txt`);
  writeFileSync(file, `${urls.join('\n')}\n`);
  return file;
}

const rows = [];
try {
  // 1. One process, no queue: the reference.
  {
    const file = list('single');
    const t0 = performance.now();
    const scan = cli([
      'scan',
      '-i',
      file,
      '--format',
      'jsonl',
      '--fail-on',
      'none',
      '--no-progress',
      ...resolve,
    ]);
    if ((await scan.exited) !== 0) throw new Error(scan.stderr());
    const s = (performance.now() - t0) / 1000;
    rows.push({
      run: 'corsguard scan (1 process, no queue)',
      urls: scan.lines(),
      seconds: s,
      scanSeconds: s,
    });
  }
  // 2. 1, 2, 3 workers.
  for (const n of [1, 2, 3]) {
    const workers = Array.from({ length: n }, () =>
      cli([
        'worker',
        '--database',
        db.url,
        '--concurrency',
        values.concurrency,
        '--per-host',
        values['per-host'],
      ]),
    );
    await Promise.all(workers.map((w) => until(() => /ready/.test(w.stderr()), 'a worker')));
    const file = list(`w${n}`);
    const t0 = performance.now();
    const scan = cli([
      'scan',
      '-i',
      file,
      '--queue',
      db.url,
      '--format',
      'jsonl',
      '--fail-on',
      'none',
      ...resolve,
    ]);
    await until(() => /queued as batch/.test(scan.stderr()), 'the enqueue');
    const tQueued = performance.now();
    if ((await scan.exited) !== 0) throw new Error(scan.stderr());
    const t1 = performance.now();
    for (const w of workers) w.child.kill('SIGTERM');
    await Promise.all(workers.map((w) => w.exited));
    rows.push({
      run: `scan --queue, ${n} worker${n > 1 ? 's' : ''} × ${values.concurrency} lanes`,
      urls: scan.lines(),
      seconds: (t1 - t0) / 1000,
      scanSeconds: (t1 - tQueued) / 1000,
      enqueueSeconds: (tQueued - t0) / 1000,
    });
  }

  // 3. Queue overhead per job.
  const boss = new PgBoss({ connectionString: db.url, max: 4, supervise: false, schedule: false });
  boss.on('error', () => {});
  await boss.start();
  await boss.createQueue('corsguard-bench-noop', { name: 'corsguard-bench-noop' });
  const noop = Array.from({ length: NOOP }, (_, i) => ({ name: 'corsguard-bench-noop', data: { i } }));
  let t0 = performance.now();
  for (let i = 0; i < noop.length; i += 1000) await boss.insert(noop.slice(i, i + 1000));
  const insertUs = ((performance.now() - t0) * 1000) / NOOP;
  t0 = performance.now();
  for (;;) {
    const [job] = await boss.fetch('corsguard-bench-noop', { batchSize: 1 });
    if (!job) break;
    await boss.complete('corsguard-bench-noop', job.id);
  }
  const roundTripUs = ((performance.now() - t0) * 1000) / NOOP;
  await boss.stop({ graceful: false, close: true });

  const worker = cli(['worker', '--database', db.url, '--concurrency', values.concurrency]);
  await until(() => /ready/.test(worker.stderr()), 'the worker');
  const noopFile = join(dir, 'noop.txt');
  writeFileSync(
    noopFile,
    `${Array.from({ length: NOOP }, (_, i) => `gopher://h${i % HOSTS}.noop.test/${i}`).join('\n')}\n`,
  );
  const scan = cli(['scan', '-i', noopFile, '--queue', db.url, '--format', 'jsonl', '--fail-on', 'none']);
  await until(() => /queued as batch/.test(scan.stderr()), 'the enqueue');
  t0 = performance.now();
  await scan.exited;
  const pathUs = ((performance.now() - t0) * 1000) / NOOP;
  worker.child.kill('SIGTERM');
  await worker.exited;

  console.log(
    `corsguard workers benchmark — node ${process.version}, ${cpus().length} CPUs, load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} at the end`,
  );
  console.log(
    `${URLS} lab URLs on ${HOSTS} host names (90% /reflect, 10% ws /ws, 0.5% full-scan endpoints), --per-host ${values['per-host']}\n`,
  );
  console.log(
    `${'run'.padEnd(42)}${'results'.padStart(8)}${'total s'.padStart(9)}${'enqueue s'.padStart(11)}${'scan s'.padStart(8)}${'URLs/s'.padStart(8)}`,
  );
  for (const r of rows) {
    console.log(
      `${r.run.padEnd(42)}${String(r.urls).padStart(8)}${r.seconds.toFixed(1).padStart(9)}${(r.enqueueSeconds ?? 0).toFixed(1).padStart(11)}${r.scanSeconds.toFixed(1).padStart(8)}${(r.urls / r.scanSeconds).toFixed(0).padStart(8)}`,
    );
  }
  console.log('');
  console.log(`pg-boss insert (chunks of 1000):          ${insertUs.toFixed(0)} µs per job`);
  console.log(`pg-boss fetch + complete, one at a time:  ${roundTripUs.toFixed(0)} µs per job`);
  console.log(
    `no-op scan through corsguard worker (${values.concurrency} lanes, slots, group commit): ${pathUs.toFixed(0)} µs per job`,
  );
} finally {
  await lab.close();
  await db.stop();
  rmSync(dir, { recursive: true, force: true });
}
