import type { Command } from 'commander';
import { openQueue, unavailable } from '../capabilities/queue/index.js';
import { CorsguardError } from '../core/errors/index.js';
import { runWorker } from '../services/worker/index.js';
import { wholeNumberOption } from './network-options.js';
import { stopOnSignals } from './stop-signal.js';

/** `corsguard worker` options as commander parses them. */
interface RawWorkerOptions {
  database?: string;
  concurrency: string;
  perHost: string;
  jobTimeout: string;
}

/** Where the command writes, and what stops it besides SIGINT/SIGTERM. */
export interface WorkerIo {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  readonly signal?: AbortSignal;
}

/**
 * Adds `corsguard worker`: takes scan jobs from the PostgreSQL queue (pg-boss) until SIGINT/SIGTERM,
 * then finishes the scans it runs and exits 0.
 *
 * @example
 * ```ts
 * registerWorkerCommand(program, io); // corsguard worker --database postgres://… --concurrency 8 --per-host 2
 * ```
 */
export function registerWorkerCommand(program: Command, io: WorkerIo): void {
  program
    .command('worker')
    .description(
      'scan jobs of `corsguard scan --queue` from a PostgreSQL job queue (pg-boss), with per-host limits across all workers',
    )
    .option('--database <url>', 'the PostgreSQL of the queue (postgres://user@host:5432/db)')
    .option('--concurrency <n>', 'URLs this worker scans at once', '8')
    .option('--per-host <n>', 'scans of one host at once, across every worker of the database', '2')
    .option(
      '--job-timeout <seconds>',
      'how often this worker checks for jobs of dead workers: a quarter of this (the timeout itself is set by scan --queue)',
      '300',
    )
    .action(async (raw: RawWorkerOptions) => {
      if (raw.database === undefined) {
        throw new CorsguardError(
          'USAGE',
          'corsguard worker needs --database postgres://user@host:5432/db (the PostgreSQL that scan --queue enqueues to)',
        );
      }
      const concurrency = wholeNumberOption('--concurrency', raw.concurrency, 1, 256);
      const perHost = wholeNumberOption('--per-host', raw.perHost, 1, 1024);
      const jobTimeoutSeconds = wholeNumberOption('--job-timeout', raw.jobTimeout, 1, 86_400);
      const queue = await openQueue(raw.database, {
        option: '--database',
        jobTimeoutSeconds,
        connections: 3,
        onError: (e) => io.stderr.write(`corsguard worker: queue maintenance failed: ${e.message}\n`),
      });
      const stop = stopOnSignals(io.signal);
      io.stderr.write(
        `corsguard worker: ready (pid ${process.pid}, concurrency ${concurrency}, per host ${perHost})\n`,
      );
      const database = raw.database;
      try {
        const stats = await runWorker(queue, { concurrency, perHost, signal: stop.signal }).catch(
          (err: unknown) => {
            throw err instanceof CorsguardError ? err : unavailable(err, database, '--database');
          },
        );
        io.stderr.write(
          `corsguard worker: stopped after ${stats.jobs} jobs (${stats.duplicates} already stored, ${stats.released} given back)\n`,
        );
      } finally {
        stop.dispose();
        await queue.close();
      }
    });
}
