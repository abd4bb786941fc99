import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { requirePostgresBin } from '../../capabilities/store/test-support/postgres.js';
import { type CheckOutcome, runCheck } from '../check/index.js';
import { queueCheck } from './index.js';
import { type QueueWorker, startQueueWorker } from './test-support/queue-worker.js';

// `corsguard check --queue`: each URL is checked by a `corsguard worker` against the policy text stored
// with the batch, and the run equals `corsguard check` in one process.
const bin = requirePostgresBin();

const APP = 'https://app.example.com';

describe.skipIf(bin === null)('policy checks through the workers', () => {
  let w: QueueWorker;
  let api: Server;
  let dir: string;

  beforeAll(async () => {
    w = await startQueueWorker(bin as string, 3);
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
  }, 60_000);
  afterAll(async () => {
    api?.close();
    await w?.close();
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
    const queued = await queueCheck(w.queue, policy, 'production', { urls, network, pollMs: 50 });
    // Every URL was checked by the worker (it counts a job once its commit returned, maybe after we read it).
    await vi.waitFor(() => expect([...w.jobs].sort()).toEqual([...urls].sort()), { timeout: 5000 });
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
    const before = w.jobs.length;
    const outcome = await queueCheck(w.queue, bad, 'production', { urls: ['http://127.0.0.1:9/'] });
    expect(outcome.ok).toBe(false);
    expect(outcome.exitCode).toBe(2);
    expect(outcome.ok ? [] : outcome.issues.map((i) => i.line)).toContain(4);
    expect(w.jobs.length).toBe(before);
  });
});
