import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { access } from 'node:fs/promises';
import { startLab } from '../capabilities/lab/index.js';
import { scanMany } from '../capabilities/scan/index.js';
import { CorsguardError } from '../core/errors/index.js';
import { type Baseline, BaselineComparison, loadBaseline } from '../outputs/baseline/index.js';
import { type PocPage, pocPages, writePocDir } from '../outputs/poc/index.js';
import {
  createWriter,
  type ReportWriter,
  type Sink,
  SummaryBuilder,
  withGrade,
} from '../outputs/report/index.js';
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

type FileSink = ReturnType<typeof createWriteStream>;

async function openFile(file: string): Promise<FileSink> {
  const stream = createWriteStream(file);
  await new Promise<void>((resolve, reject) => {
    stream.once('open', () => resolve());
    stream.once('error', (e) =>
      reject(
        new CorsguardError(
          'USAGE',
          `-o ${file}: cannot be written (${(e as NodeJS.ErrnoException).code ?? e.message}); give a writable path`,
        ),
      ),
    );
  });
  return stream;
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
  const baseline: Baseline | undefined = opts.baseline ? await loadBaseline(opts.baseline) : undefined;
  const lab = opts.lab ? await startLab() : undefined;
  const files: FileSink[] = [];
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
    const writers: ReportWriter[] = [];
    for (const output of opts.outputs) {
      const file = output.file === undefined ? undefined : await openFile(output.file);
      if (file) files.push(file);
      const out: Sink = file ?? io.stdout;
      const color =
        output.format === 'text' && (opts.color ?? (!file && io.stdout.isTTY === true && !io.env.NO_COLOR));
      writers.push(
        createWriter(output.format, out, {
          version,
          color,
          verbose: opts.verbose,
          ...(opts.stack ? { stack: opts.stack } : {}),
        }),
      );
    }
    const summary = new SummaryBuilder(opts.failOn);
    const comparison = baseline ? new BaselineComparison(baseline) : undefined;
    const pocs: PocPage[] = [];
    const progress =
      opts.progress && io.stderr.isTTY && total !== 1 ? new Progress(io.stderr, total) : undefined;
    for await (const result of scanMany(targets, scanOptions)) {
      progress?.clear();
      // Graded on every finding; with --baseline only the new findings are reported and counted.
      const graded = withGrade(result);
      const reported = comparison ? comparison.filter(graded) : graded;
      for (const w of writers) w.target(reported);
      summary.add(reported);
      if (opts.poc) pocs.push(...pocPages([reported]));
      progress?.update(result);
    }
    progress?.done();
    if (comparison) summary.summary.baseline = comparison.summary;
    for (const w of writers) w.end(summary.summary);
    if (opts.poc) await writePocDir(opts.poc, pocs);
    return summary.exitCode();
  } finally {
    for (const file of files) {
      file.end();
      await once(file, 'finish');
    }
    await lab?.close();
  }
}
