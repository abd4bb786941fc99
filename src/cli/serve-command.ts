import type { Command } from 'commander';
import { loadMonitorConfig } from '../capabilities/monitor/index.js';
import { CorsguardError } from '../core/errors/index.js';
import { type ServeOptions, startServer } from '../services/serve/index.js';
import { wholeNumberOption } from './network-options.js';

/** `corsguard serve` options as commander parses them. */
interface RawServeOptions {
  queue?: string;
  host: string;
  port: string;
  database?: string;
  dataDir: string;
  memory?: boolean;
  allowPrivate?: boolean;
  allowCidr: string[];
  targetPort: string[];
  lab?: boolean;
  maxScans: string;
  maxBrowsers: string;
  scansPerClient: string;
  explainsPerClient: string;
  cooldown: string;
  trustProxy?: string;
  apiOrigin: string[];
  monitor?: string;
}

/** Where the command writes, and what stops it (SIGINT/SIGTERM by default). */
export interface ServeIo {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  readonly signal?: AbortSignal;
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

function trustProxyOption(raw: string | undefined): boolean | number | string[] {
  if (raw === undefined) return false;
  if (raw === 'true') return true;
  if (/^\d+$/.test(raw)) return wholeNumberOption('--trust-proxy', raw, 1, 10);
  return raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Turns the flags into {@link ServeOptions} (the server checks them all together). */
export function serveOptions(raw: RawServeOptions, version: string): ServeOptions {
  if (raw.memory && raw.database)
    throw new CorsguardError('USAGE', '--memory and --database are exclusive; give one');
  return {
    host: raw.host,
    port: wholeNumberOption('--port', raw.port, 0, 65535),
    ...(raw.database ? { database: raw.database } : {}),
    dataDir: raw.memory ? null : raw.dataDir,
    dangerouslyAllowPrivate: raw.allowPrivate === true,
    allowCidrs: raw.allowCidr,
    ...(raw.targetPort.length > 0
      ? { targetPorts: raw.targetPort.map((p) => wholeNumberOption('--target-port', p, 1, 65535)) }
      : {}),
    lab: raw.lab === true,
    maxConcurrentScans: wholeNumberOption('--max-scans', raw.maxScans, 1, 1000),
    maxBrowsers: wholeNumberOption('--max-browsers', raw.maxBrowsers, 1, 64),
    scansPerClient: wholeNumberOption('--scans-per-client', raw.scansPerClient, 1, 1_000_000),
    explainsPerClient: wholeNumberOption('--explains-per-client', raw.explainsPerClient, 1, 1_000_000),
    cooldownMs: wholeNumberOption('--cooldown', raw.cooldown, 0, 86_400) * 1000,
    trustProxy: trustProxyOption(raw.trustProxy),
    ...(raw.apiOrigin.length > 0 ? { apiOrigins: raw.apiOrigin } : {}),
    version,
  };
}

/**
 * Adds `corsguard serve`: the web app and JSON API, until SIGINT/SIGTERM (or `io.signal`).
 *
 * @example
 * ```ts
 * registerServeCommand(program, io, '0.1.0'); // corsguard serve --lab
 * ```
 */
export function registerServeCommand(program: Command, io: ServeIo, version: string): void {
  program
    .command('serve')
    .description(
      'the free scan in a browser, and a JSON API: paste a URL, get the grade, the findings and the fixes; /explain says why a request is blocked',
    )
    .option('--host <addr>', 'bind address (0.0.0.0 or :: to expose it)', '127.0.0.1')
    .option('--port <n>', 'port (0: any free port)', '8080')
    .option('--database <url>', 'a PostgreSQL URL (postgres://…); default the embedded store')
    .option('--data-dir <dir>', 'folder of the embedded store', '.corsguard/data')
    .option('--memory', 'keep the embedded store in memory (nothing survives a restart)')
    .option(
      '--allow-private',
      'DANGEROUS on the internet: also scan loopback, private and link-local addresses',
    )
    .option('--allow-cidr <cidr>', 'scan this internal network although private (repeatable)', collect, [])
    .option('--target-port <n>', 'a port targets may use (repeatable; default 80 and 443)', collect, [])
    .option('--lab', 'start the built-in lab beside the server and list its endpoints (an offline demo)')
    .option('--max-scans <n>', 'scans running at once (the rest wait in a queue)', '2')
    .option('--max-browsers <n>', 'scans verified in Chromium at once (each runs its own browser)', '2')
    .option('--scans-per-client <n>', 'new scans one client may start per minute', '10')
    .option(
      '--explains-per-client <n>',
      'live explanations (/explain, each at most 2 requests) one client may ask for per minute',
      '30',
    )
    .option(
      '--cooldown <seconds>',
      'a repeat scan of a URL within this time gives back the stored one',
      '300',
    )
    .option(
      '--trust-proxy <value>',
      'trust X-Forwarded-For: true, a hop count, or proxy addresses/CIDRs (comma list)',
    )
    .option(
      '--api-origin <origin>',
      'an origin whose pages may call the API (repeatable; default any, no cookies)',
      collect,
      [],
    )
    .option(
      '--monitor <file>',
      "also run corsguard monitor with this configuration, on this server's store (see /monitor)",
    )
    .option(
      '--queue <url>',
      'scan through `corsguard worker` processes on this PostgreSQL (postgres://…); default in this process',
    )
    .action(async (raw: RawServeOptions) => {
      const monitor = raw.monitor ? await loadMonitorConfig(raw.monitor) : undefined;
      const server = await startServer(serveOptions(raw, version), {
        ...(monitor ? { monitor } : {}),
        ...(raw.queue ? { queue: raw.queue } : {}),
      });
      if (monitor)
        io.stdout.write(
          `corsguard serve: monitoring ${monitor.groups.length} group${monitor.groups.length === 1 ? '' : 's'} of ${raw.monitor} (see ${server.url}/monitor)\n`,
        );
      const store = raw.database
        ? 'PostgreSQL'
        : raw.memory
          ? 'embedded, in memory'
          : `embedded, in ${raw.dataDir}`;
      io.stdout.write(
        `corsguard serve: listening on ${server.url} (store: ${store}; scans: ${raw.queue ? 'through the workers of --queue' : 'in this process'})\n`,
      );
      if (server.lab) {
        io.stdout.write(
          `corsguard serve: the lab runs beside it (${server.lab.targets.length} endpoints, listed on ${server.url}/)\n`,
        );
      }
      if (raw.allowPrivate)
        io.stderr.write('corsguard serve: --allow-private is on: internal addresses can be scanned\n');
      await new Promise<void>((resolve) => {
        const stop = () => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          resolve();
        };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
        if (io.signal?.aborted) stop();
        else io.signal?.addEventListener('abort', stop, { once: true });
      });
      io.stdout.write('corsguard serve: stopping\n');
      await server.close();
    });
}
