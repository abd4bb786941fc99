import { Readable } from 'node:stream';
import type { CommandIo } from '../scan-command.js';

/** Collects what the CLI writes to one stream. */
export class Captured {
  readonly isTTY: boolean;
  readonly #chunks: string[] = [];
  constructor(isTTY = false) {
    this.isTTY = isTTY;
  }
  write(chunk: string | Uint8Array): boolean {
    this.#chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    return true;
  }
  get text(): string {
    return this.#chunks.join('');
  }
}

/** A fake terminal for `run`: captured stdout/stderr, stdin from `lines`. */
export interface FakeIo {
  readonly io: CommandIo;
  readonly stdout: Captured;
  readonly stderr: Captured;
}

/**
 * Builds the io for `run(argv, io)`. stdin is a pipe holding `stdin` unless `stdinIsTTY` (a terminal).
 *
 * @example
 * ```ts
 * const t = fakeIo({ stdin: ['https://a.example/\n'] });
 * await run(['scan'], t.io);
 * ```
 */
export function fakeIo(
  options: { stdin?: readonly string[]; stdinIsTTY?: boolean; env?: NodeJS.ProcessEnv } = {},
): FakeIo {
  const stdout = new Captured();
  const stderr = new Captured();
  const stdin = Object.assign(Readable.from([...(options.stdin ?? [])]), {
    isTTY: options.stdinIsTTY === true,
  });
  return {
    stdout,
    stderr,
    io: {
      stdout: stdout as unknown as NodeJS.WriteStream,
      stderr: stderr as unknown as NodeJS.WriteStream,
      stdin: stdin as unknown as NodeJS.ReadStream,
      env: options.env ?? {},
    },
  };
}
