import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, type Target, target } from '../services/serve/test-support/server.js';

// The real executable, killed in the middle of a scan: what was finished must survive, and the scan it
// was running must come back as failed, not "running" forever.
const MAIN = join(dirname(fileURLToPath(import.meta.url)), 'main.ts');

let slow: Target;
let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'cg-serve-restart-'));
  slow = await target('127.0.0.5', (req, res) => {
    if (req.url?.startsWith('/slow')) setTimeout(() => res.end('late'), 30_000).unref();
    else res.end('ok');
  });
});
afterAll(async () => {
  await slow.close();
  rmSync(dataDir, { recursive: true, force: true });
});

interface Serve {
  readonly child: ChildProcess;
  readonly url: string;
  readonly output: () => string;
}

async function serve(): Promise<Serve> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      MAIN,
      'serve',
      '--port',
      '0',
      '--data-dir',
      dataDir,
      '--allow-cidr',
      '127.0.0.5/32',
      '--target-port',
      String(slow.port),
      '--cooldown',
      '0',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  child.stderr?.on('data', (d: Buffer) => {
    out += d.toString();
  });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start: ${out}`)), 60_000);
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1] as string);
      }
    });
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${out}`)));
  });
  return { child, url, output: () => out };
}

const exited = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => {
    if (child.exitCode !== null) resolve(child.exitCode);
    else child.once('exit', (code) => resolve(code));
  });

async function waitRunning(base: string, id: string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    const { json } = await client(base).get(`/api/scans/${id}`);
    if (json.status === 'running' && slow.requests.some((r) => r.url?.startsWith('/slow'))) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the slow scan never started');
}

describe('corsguard serve across restarts', () => {
  it('kill -9 during a scan: finished scans are all there after restart, the interrupted one is failed', async () => {
    const first = await serve();
    const api = client(first.url);
    const done: string[] = [];
    for (const path of ['/fast-1', '/fast-2']) {
      const { json } = await api.post('/api/scans', { url: `${slow.url}${path}` });
      await api.waitEnded(json.id);
      done.push(json.id);
    }
    const running = (await api.post('/api/scans', { url: `${slow.url}/slow` })).json.id as string;
    await waitRunning(first.url, running);
    const before = await Promise.all(done.map(async (id) => (await api.get(`/api/scans/${id}`)).json));
    first.child.kill('SIGKILL');
    await exited(first.child);

    const second = await serve();
    try {
      const again = client(second.url);
      for (const [i, id] of done.entries()) {
        expect((await again.get(`/api/scans/${id}`)).json).toEqual(before[i]);
      }
      const interrupted = (await again.get(`/api/scans/${running}`)).json;
      expect(interrupted).toMatchObject({ status: 'failed', error: { code: 'INTERRUPTED' } });
      expect(interrupted.error.message).toMatch(/stopped before this scan ended; scan again/);
      const history = await again.get(`/api/scans?url=${encodeURIComponent(`${slow.url}/slow`)}`);
      expect(history.json.scans.map((s: { status: string }) => s.status)).toEqual(['failed']);
    } finally {
      second.child.kill('SIGTERM');
      expect(await exited(second.child)).toBe(0);
    }
  }, 180_000);

  it('SIGTERM during a scan stops within the grace period and marks the scan interrupted', async () => {
    const first = await serve();
    const api = client(first.url);
    const id = (await api.post('/api/scans', { url: `${slow.url}/slow-term` })).json.id as string;
    await waitRunning(first.url, id);
    first.child.kill('SIGTERM');
    expect(await exited(first.child)).toBe(0);
    expect(first.output()).toMatch(/corsguard serve: stopping/);
    expect(first.output()).not.toMatch(/\n\s+at /); // no stack trace
    const second = await serve();
    try {
      const scan = (await client(second.url).get(`/api/scans/${id}`)).json;
      expect(scan).toMatchObject({ status: 'failed', error: { code: 'INTERRUPTED' } });
    } finally {
      second.child.kill('SIGTERM');
      await exited(second.child);
    }
  }, 180_000);
});
