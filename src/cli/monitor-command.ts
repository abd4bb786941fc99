import type { Command } from 'commander';
import { loadMonitorConfig } from '../capabilities/monitor/index.js';
import { openQueue, type ScanQueue } from '../capabilities/queue/index.js';
import { openStore } from '../capabilities/store/index.js';
import { CorsguardError } from '../core/errors/index.js';
import { EXIT } from '../outputs/kit/index.js';
import {
  type GroupRun,
  monitorSinks,
  queueChecker,
  queueScanner,
  runMonitorLoop,
  runMonitorOnce,
} from '../services/monitor/index.js';
import { stopOnSignals } from './stop-signal.js';

/** `corsguard monitor` options as commander parses them. */
interface RawMonitorOptions {
  config: string;
  once?: boolean;
  database?: string;
  dataDir: string;
  memory?: boolean;
  queue?: string;
  format: string;
}

/** Where the command writes, and what stops its loop (SIGINT/SIGTERM by default). */
export interface MonitorIo {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  readonly signal?: AbortSignal;
}

function line(run: GroupRun): string {
  const failed = run.deliveries.filter((d) => !d.ok).length;
  const changes = run.changes.map((c) => `${c.kind} ${c.target}`).join('; ');
  return `corsguard monitor: ${run.group}: ${run.targets} target${run.targets === 1 ? '' : 's'}${run.deferred ? ` (${run.deferred} deferred: budget)` : ''}, ${run.unreachable} not answering, ${run.changes.length} change${run.changes.length === 1 ? '' : 's'}${changes ? ` (${changes})` : ''}, ${run.deliveries.length - failed} alert${run.deliveries.length - failed === 1 ? '' : 's'} sent${failed ? `, ${failed} FAILED (recorded in the alert log)` : ''}\n`;
}

/**
 * Adds `corsguard monitor --config FILE [--once]`: watches the configuration's groups on their schedules
 * (or runs each once), stores every run, and alerts the groups' sinks only on change. One line per group
 * run (`--format json`: one JSON object per line). With `--once` the exit code is 0, or 3 when an alert
 * could not be delivered (it is in the alert log).
 *
 * @example
 * ```ts
 * registerMonitorCommand(program, io, (code) => { exitCode = code; });
 * ```
 */
export function registerMonitorCommand(
  program: Command,
  io: MonitorIo,
  setExitCode: (code: number) => void,
): void {
  program
    .command('monitor')
    .description('watch endpoints for CORS regressions on a schedule, store every run, and alert on change')
    .requiredOption('--config <file>', 'the monitor configuration (corsguard.monitor.yaml)')
    .option('--once', 'run every group once and exit (for cron, CI, or a first baseline)')
    .option(
      '--database <url>',
      'a PostgreSQL URL (postgres://…), shared with corsguard serve; default the embedded store',
    )
    .option('--data-dir <dir>', 'folder of the embedded store', '.corsguard/data')
    .option('--memory', 'keep the embedded store in memory (nothing survives; for trying a configuration)')
    .option(
      '--queue <url>',
      'send the scans to `corsguard worker` processes through this PostgreSQL (postgres://…); default in this process',
    )
    .option('--format <format>', 'one line per group run: text or json', 'text')
    .action(async (raw: RawMonitorOptions) => {
      if (raw.format !== 'text' && raw.format !== 'json')
        throw new CorsguardError('USAGE', `--format must be text or json, got ${JSON.stringify(raw.format)}`);
      if (raw.memory && raw.database)
        throw new CorsguardError('USAGE', '--memory and --database are exclusive; give one');
      const config = await loadMonitorConfig(raw.config);
      const queue: ScanQueue | undefined = raw.queue
        ? await openQueue(raw.queue, { option: '--queue' })
        : undefined;
      const viaQueue = queue ? { scanner: queueScanner(queue), checker: queueChecker(queue) } : {};
      const sinks = monitorSinks(config.sinks);
      const deliver = sinks.deliver;
      const store = await openStore({
        ...(raw.database ? { database: raw.database } : {}),
        ...(raw.memory ? {} : { dataDir: raw.dataDir }),
      }).catch(async (e: unknown) => {
        await queue?.close();
        throw e;
      });
      const print = (run: GroupRun) =>
        io.stdout.write(raw.format === 'json' ? `${JSON.stringify(run)}\n` : line(run));
      try {
        if (raw.once) {
          const runs = await runMonitorOnce(config, { store, deliver, ...viaQueue });
          for (const run of runs) print(run);
          setExitCode(runs.some((r) => r.deliveries.some((d) => !d.ok)) ? EXIT.targetError : EXIT.ok);
          return;
        }
        const stop = stopOnSignals(io.signal);
        io.stderr.write(
          `corsguard monitor: watching ${config.groups.length} group${config.groups.length === 1 ? '' : 's'} of ${raw.config}; Ctrl-C stops\n`,
        );
        try {
          await runMonitorLoop(config, {
            store,
            deliver,
            ...viaQueue,
            signal: stop.signal,
            onRun: print,
            onError: (group, e) =>
              io.stderr.write(
                `corsguard monitor: ${group}: the run failed (${(e as Error).message}); retried at its next time\n`,
              ),
          });
        } finally {
          stop.dispose();
        }
      } finally {
        await sinks.close();
        await store.close();
        await queue?.close();
      }
    });
}
