import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Receiver, startReceiver } from '../capabilities/alerts/test-support/receiver.js';
import { run } from './run.js';
import { fakeIo } from './test-support/fake-io.js';

let dir: string;
let api: Server;
let hook: Receiver;
let reflect = false;
let target: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'corsguard-monitor-cli-'));
  api = createServer((req, res) => {
    if (reflect && req.headers.origin) res.setHeader('Access-Control-Allow-Origin', req.headers.origin);
    res.writeHead(200).end('{}');
  });
  api.listen(0, '127.0.0.1');
  await once(api, 'listening');
  target = `http://127.0.0.1:${(api.address() as AddressInfo).port}/v1/items`;
  hook = await startReceiver();
});
afterAll(async () => {
  api.close();
  await hook.close();
  await rm(dir, { recursive: true, force: true });
});

async function monitor(args: string[]) {
  const t = fakeIo();
  const code = await run(['monitor', ...args], t.io);
  return { code, out: t.stdout.text, err: t.stderr.text };
}

describe('corsguard monitor', () => {
  it('an invalid configuration lists every problem with FILE:LINE:COL and exits 2', async () => {
    const file = join(dir, 'bad.yaml');
    await writeFile(
      file,
      'version: 1\ngroups:\n  - name: prod\n    urls: [https://api.example.com/]\n    alerts: [pager]\n',
    );
    const r = await monitor(['--config', file, '--once', '--memory']);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`${file}:5:14  sink-unknown  no sink named "pager" under alerts:`);
    expect(r.err).not.toMatch(/\n\s+at /);
  });

  it('--once twice on the same store: the first is the baseline, the second alerts the new finding', async () => {
    const file = join(dir, 'corsguard.monitor.yaml');
    await writeFile(
      file,
      `version: 1\nalerts:\n  hook: { type: webhook, url: "${hook.url}/x", secret: "a-webhook-secret-of-32-characters" }\ngroups:\n  - name: api\n    urls: ["${target}"]\n    alerts: [hook]\n`,
    );
    const data = join(dir, 'data');
    const first = await monitor(['--config', file, '--once', '--data-dir', data]);
    expect(first.code).toBe(0);
    expect(first.out).toBe('corsguard monitor: api: 1 target, 0 not answering, 0 changes, 0 alerts sent\n');
    reflect = true;
    const second = await monitor(['--config', file, '--once', '--data-dir', data, '--format', 'json']);
    expect(second.code).toBe(0);
    const [line] = second.out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(line.changes.map((c: { kind: string }) => c.kind)).toEqual(['new-findings']);
    expect(hook.requests.length).toBe(1);
  }, 60_000);

  it('--queue names what is wrong with the queue URL, and an unreachable queue, without a stack trace', async () => {
    const file = join(dir, 'corsguard.monitor.yaml');
    const bad = await monitor(['--config', file, '--once', '--memory', '--queue', 'redis://127.0.0.1:6379']);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--queue/);
    expect(bad.err).toMatch(/postgres:\/\//);
    const down = await monitor([
      '--config',
      file,
      '--once',
      '--memory',
      '--queue',
      'postgres://u:hunter2@127.0.0.1:9/db',
    ]);
    expect(down.code).toBe(3);
    expect(down.err).toMatch(/cannot use the PostgreSQL server \(connection refused\)/);
    expect(down.err + down.out).not.toContain('hunter2');
    expect(down.err).not.toMatch(/\n\s+at /);
  }, 30_000);
});
