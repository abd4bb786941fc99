import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { access } from 'node:fs/promises';
import { CorsguardError } from '../core/errors/index.js';
import { type Baseline, loadBaseline } from '../outputs/baseline/index.js';
import { colorEnabled, EXIT } from '../outputs/kit/index.js';
import { writePocDir } from '../outputs/poc/index.js';
import { type ScanReportRequest, runScan as scanService } from '../services/scan/index.js';
import { chromiumPath } from '../services/verify/index.js';
import { discoverForScan } from './discover-option.js';
import { Progress } from './progress.js';
import { runQueuedScan } from './queue-scan-command.js';
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
 * Runs `corsguard scan` with the scan service (which scans, grades, compares with the baseline and writes
 * the reports) and returns its exit code: 0 nothing at or above `--fail-on`, 1 findings at or above
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
  // Before any report is opened: without Chromium, --verify fails with one clear line.
  const chromium = opts.verify ? chromiumPath(io.env) : undefined;
  const baseline: Baseline | undefined = opts.baseline ? await loadBaseline(opts.baseline) : undefined;
  let targets: AsyncIterable<string> | readonly string[] = urls;
  const discovery = opts.discover
    ? await discoverForScan(urls, { ...opts, discover: opts.discover }, io)
    : undefined;
  if (discovery) {
    targets = discovery.endpoints.map((e) => e.url);
  } else if (!opts.lab && (opts.input || (urls.length === 0 && !io.stdin.isTTY))) {
    targets = await nonEmpty(
      concatTargets(urls, readTargets(opts.input ?? '-', io.stdin)),
      opts.input === undefined || opts.input === '-' ? 'stdin' : opts.input,
    );
  } else if (!opts.lab && urls.length === 0) {
    throw new CorsguardError(
      'USAGE',
      'no targets: give URLs, -i FILE (one URL per line, - for stdin), or pipe a list on stdin; to try it offline run corsguard scan --lab',
    );
  }
  const files: FileSink[] = [];
  try {
    const reports: ScanReportRequest[] = [];
    for (const output of opts.outputs) {
      const file = output.file === undefined ? undefined : await openFile(output.file);
      if (file) files.push(file);
      const color = colorEnabled({
        flag: opts.color,
        toFile: file !== undefined,
        stream: io.stdout,
        env: io.env,
      });
      reports.push({ format: output.format, sink: file ?? io.stdout, color });
    }
    if (opts.queue !== undefined) {
      return await runQueuedScan(opts.queue, targets, {
        scan: opts.scan,
        failOn: opts.failOn,
        reports,
        version,
        jobTimeoutSeconds: opts.jobTimeoutSeconds,
        stderr: io.stderr,
        ...(baseline ? { baseline } : {}),
      });
    }
    let progress: Progress | undefined;
    const outcome = await scanService(targets, {
      scan: opts.scan,
      failOn: opts.failOn,
      lab: opts.lab,
      reports,
      version,
      verbose: opts.verbose,
      pocs: opts.poc !== undefined,
      ...(chromium ? { verify: { chromium } } : {}),
      ...(baseline ? { baseline } : {}),
      ...(opts.stack ? { stack: opts.stack } : {}),
      ...(discovery ? { discovery } : {}),
      observer: {
        beforeReport: (_target, total) => {
          if (!progress && opts.progress && io.stderr.isTTY && total !== 1) {
            progress = new Progress(io.stderr, total);
          }
          progress?.clear();
        },
        afterReport: ({ result }) => progress?.update(result),
      },
    });
    progress?.done();
    if (opts.poc) await writePocDir(opts.poc, outcome.pocs);
    // Discovery that found nothing scanned nothing: not a pass.
    return discovery?.endpoints.length === 0 ? EXIT.targetError : outcome.exitCode;
  } finally {
    for (const file of files) {
      file.end();
      await once(file, 'finish');
    }
  }
}

/**
 * The targets, or a usage error when there is none: an empty stdin (`</dev/null`) or a list holding only
 * blank lines and comments would otherwise scan nothing and exit 0, which CI reads as a pass.
 */
async function nonEmpty(targets: AsyncIterable<string>, source: string): Promise<AsyncIterable<string>> {
  const iterator = targets[Symbol.asyncIterator]();
  const first = await iterator.next();
  if (first.done) {
    throw new CorsguardError(
      'USAGE',
      `no targets: ${source} has no URL (blank lines and # comments are skipped); give one URL per line`,
    );
  }
  return {
    async *[Symbol.asyncIterator]() {
      yield first.value;
      for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
    },
  };
}
