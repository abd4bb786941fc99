import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openQueue, type ScanQueue } from '../../capabilities/queue/index.js';
import { type Postgres, postgresBin, startPostgres } from '../../capabilities/store/test-support/postgres.js';
import { type CheckOutcome, runCheck } from '../check/index.js';
import { queueCheck, runWorker, type WorkerStats } from './index.js';

// `corsguard check --queue`: each URL is checked by a `corsguard worker` against the policy text stored
// with the batch, and the run equals `corsguard check` in one process.
const bin = postgresBin();
if (bin === null && process.env.CORSGUARD_REQUIRE_SERVERS === '1') {
  it('PostgreSQL is installed', () => {
    throw new Error('PostgreSQL is required by CORSGUARD_REQUIRE_SERVERS=1; run .ci/install-servers.sh');
  });
}

const APP = 'https://app.example.com';

describe.skipIf(bin === null)('policy checks through the workers', () => {
  let db: Postgres;
  let queue: ScanQueue;
  let api: Server;
  let dir: string;
  const stop = new AbortController();
  let worker: Promise<WorkerStats>;
  const jobs: string[] = [];

  beforeAll(async () => {
    db = await startPostgres(bin as string);
    // /good grants exactly the policy's front end; /reflect grants any origin with credentials;
    // /public (a path override: any origin, no credentials) answers `*`.
    api = createServer((req, res) => {
      const origin = req.headers.origin;
      res.setHeader('Vary', 'Origin');
      if (req.url?.startsWith('/reflect') && origin) {
        res.setHeader('Access-Control-Allow-Origin', origin);
        res.setHeader('Access-Control-Allow-Credentials', 'true');
      } else if (req.url?.startsWith('/public')) {
        res.setHeader('Access-Control-Allow-Origin', '*');
      } else if (origin === APP) {
        res.setHeader('Access-Control-Allow-Origin', APP);
        res.setHeader('Access-Control-Allow-Credentials', 'true');
      }
      if (req.method === 'OPTIONS' && res.hasHeader('Access-Control-Allow-Origin'))
        res.setHeader('Access-Control-Allow-Methods', 'GET, POST');
      res.writeHead(req.method === 'OPTIONS' ? 204 : 200).end();
    });
    api.listen(0, '127.0.0.1');
    await once(api, 'listening');
    dir = await mkdtemp(join(tmpdir(), 'corsguard-queue-check-'));
    await writeFile(
      join(dir, 'cors.policy.yaml'),
      [
        'version: 1',
        'environments:',
        '  production:',
        `    origins: [${APP}]`,
        '    credentials: true',
        '    methods: [GET, POST]',
        '    paths:',
        '      - path: /public/',
        '        origins: "*"',
        '        credentials: false',
        '',
      ].join('\n'),
    );
    queue = await openQueue(db.url, { jobTimeoutSeconds: 30 });
    worker = runWorker(queue, {
      concurrency: 3,
      signal: stop.signal,
      idlePollMs: 50,
      onJob: (j) => jobs.push(j.url),
    });
  }, 60_000);
  afterAll(async () => {
    stop.abort();
    await worker;
    await queue?.close();
    api?.close();
    await db?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  const shape = (o: CheckOutcome) =>
    o.ok
      ? {
          exitCode: o.exitCode,
          results: o.run.results.map((r) => ({
            url: r.url,
            path: r.path,
            probes: r.probeIds,
            violations: r.violations.map((v) => v.code).sort(),
            errors: r.errors.length,
          })),
        }
      : o;

  it('finds the same violations on the same URLs as a check in one process', async () => {
    const base = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
    const urls = [`${base}/good`, `${base}/reflect`, `${base}/public/feed`];
    const policy = join(dir, 'cors.policy.yaml');
    const network = { timeoutMs: 3000 };
    const queued = await queueCheck(queue, policy, 'production', { urls, network, pollMs: 50 });
    // Every URL was checked by the worker (it counts a job once its commit returned, maybe after we read it).
    await vi.waitFor(() => expect([...jobs].sort()).toEqual([...urls].sort()), { timeout: 5000 });
    const local = await runCheck(policy, 'production', { urls, network });
    expect(shape(queued)).toEqual(shape(local));
    // And the run means something: the reflecting URL violates, the others do not.
    const results = queued.ok ? queued.run.results : [];
    expect(results.map((r) => [r.path, r.violations.length > 0])).toEqual([
      [null, false],
      [null, true],
      ['/public/', false],
    ]);
    expect(queued.exitCode).toBe(1);
  });

  it('reports an invalid policy file as its issues, before anything is queued', async () => {
    const bad = join(dir, 'bad.policy.yaml');
    await writeFile(
      bad,
      'version: 1\nenvironments:\n  production:\n    origins: [null]\n    credentials: true\n',
    );
    const before = jobs.length;
    const outcome = await queueCheck(queue, bad, 'production', { urls: ['http://127.0.0.1:9/'] });
    expect(outcome.ok).toBe(false);
    expect(outcome.exitCode).toBe(2);
    expect(outcome.ok ? [] : outcome.issues.map((i) => i.line)).toContain(4);
    expect(jobs.length).toBe(before);
  });
});
