import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { runLabCommand } from './command.js';
import { LAB_ENDPOINTS } from './endpoints.js';

/** Captures output and calls `onFirstWrite` once the lab has printed its listing. */
function captureIo(onFirstWrite: () => void) {
  let out = '';
  let err = '';
  const signals = new EventEmitter();
  return {
    signals,
    text: () => ({ out, err }),
    io: {
      stdout: {
        write(chunk: string) {
          out += chunk;
          onFirstWrite();
          return true;
        },
      },
      stderr: {
        write(chunk: string) {
          err += chunk;
          return true;
        },
      },
      signals,
    },
  };
}

describe('runLabCommand', () => {
  it('prints every endpoint and a scan command, then stops on SIGINT', async () => {
    let cap: ReturnType<typeof captureIo> | undefined;
    cap = captureIo(() => setImmediate(() => cap?.signals.emit('SIGINT')));
    await runLabCommand({}, cap.io);
    const { out, err } = cap.text();
    for (const e of LAB_ENDPOINTS) expect(out).toContain(e.path);
    expect(out).toContain('origin-reflected');
    expect(out).toMatch(/corsguard scan -k \\\n {4}--resolve api\.victim\.test:\d+:127\.0\.0\.1 \\\n/);
    expect(out).toMatch(/https:\/\/api\.victim\.test:\d+\/reflect/);
    expect(err).toContain('Stopping');
    expect(cap.signals.listenerCount('SIGINT') + cap.signals.listenerCount('SIGTERM')).toBe(0);
  });

  it('prints one JSON object with --json and stops when the AbortSignal fires', async () => {
    const controller = new AbortController();
    const cap = captureIo(() => setImmediate(() => controller.abort()));
    await runLabCommand({ json: true }, { ...cap.io, signal: controller.signal });
    const summary = JSON.parse(cap.text().out) as {
      resolve: string[];
      targets: Array<{ url: string; expect: string[] }>;
    };
    expect(summary.resolve).toHaveLength(2);
    expect(summary.targets).toHaveLength(LAB_ENDPOINTS.length);
    expect(summary.targets[0]).toMatchObject({ expect: ['origin-reflected'] });
  });

  it('also stops on SIGTERM', async () => {
    let cap: ReturnType<typeof captureIo> | undefined;
    cap = captureIo(() => setImmediate(() => cap?.signals.emit('SIGTERM')));
    await expect(runLabCommand({}, cap.io)).resolves.toBeUndefined();
  });
});
