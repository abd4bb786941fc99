import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { access } from 'node:fs/promises';
import { CorsguardError } from '../errors.js';
import { startLab } from '../lab/index.js';
import {
  jsonlWriter,
  jsonWriter,
  type ReportWriter,
  type Sink,
  SummaryBuilder,
  textWriter,
} from '../report/index.js';
import { scanMany } from '../scan/index.js';
import { Progress } from './progress.js';
import type { ScanCommandOptions } from './scan-options.js';
import { concatTargets, readTargets } from './targets-input.js';

/** Where the command reads and writes; injectable for tests. */
export interface CommandIo {
  readonly stdout: NodeJS.WriteStream;
  readonly stderr: NodeJS.WriteStream;
  readonly stdin: NodeJS.ReadStream;
  readonly env: NodeJS.ProcessEnv;
}

function writerFor(opts: ScanCommandOptions, out: Sink, color: boolean, version: string): ReportWriter {
  if (opts.format === 'json') return jsonWriter(out, version);
  if (opts.format === 'jsonl') return jsonlWriter(out);
  return textWriter(out, { color, verbose: opts.verbose });
}

/**
 * Runs `corsguard scan` and returns its exit code: 0 nothing at or above `--fail-on`, 1 findings at or above
 * it, 2 usage error (thrown as a USAGE CorsguardError), 3 some target could not be scanned.
 *
 * @example
 * ```ts
 * const code = await runScan(['https://api.example.com/'], validateScanOptions(raw), io, '0.1.0');
 * ```
 */
export async function runScan(
  urls: readonly string[],
  opts: ScanCommandOptions,
  io: CommandIo,
  version: string,
): Promise<number> {
  if (opts.lab && (urls.length > 0 || opts.input)) {
    throw new CorsguardError(
      'USAGE',
      '--lab scans the built-in lab only; drop the URLs and -i, or drop --lab',
    );
  }
  if (opts.input && opts.input !== '-') {
    await access(opts.input).catch(() => {
      throw new CorsguardError(
        'USAGE',
        `-i ${opts.input}: no such readable file; give a file with one URL per line, or - for stdin`,
      );
    });
  }
  const lab = opts.lab ? await startLab() : undefined;
  try {
    let scanOptions = opts.scan;
    let targets: AsyncIterable<string> | readonly string[] = urls;
    let total: number | undefined = urls.length;
    if (lab) {
      targets = lab.targets.map((t) => t.url);
      total = targets.length;
      scanOptions = {
        ...scanOptions,
        resolve: [...(scanOptions.resolve ?? []), ...lab.resolve],
        insecure: true,
      };
    } else if (opts.input || (urls.length === 0 && !io.stdin.isTTY)) {
      targets = concatTargets(urls, readTargets(opts.input ?? '-', io.stdin));
      total = undefined;
    } else if (urls.length === 0) {
      throw new CorsguardError(
        'USAGE',
        'no targets: give URLs, -i FILE (one URL per line, - for stdin), or pipe a list on stdin; to try it offline run corsguard scan --lab',
      );
    }
    const file = opts.output ? createWriteStream(opts.output) : undefined;
    const out: Sink = file ?? io.stdout;
    const color = opts.color ?? (!file && io.stdout.isTTY === true && !io.env.NO_COLOR);
    const writer = writerFor(opts, out, color, version);
    const summary = new SummaryBuilder(opts.failOn);
    const progress =
      opts.progress && io.stderr.isTTY && total !== 1 ? new Progress(io.stderr, total) : undefined;
    for await (const result of scanMany(targets, scanOptions)) {
      progress?.clear();
      writer.target(result);
      summary.add(result);
      progress?.update(result);
    }
    progress?.done();
    writer.end(summary.summary);
    if (file) {
      file.end();
      await once(file, 'finish');
    }
    return summary.exitCode();
  } finally {
    await lab?.close();
  }
}
