import { createRequire } from 'node:module';
import { Command, CommanderError, Option } from 'commander';
import { runLabCommand } from '../capabilities/lab/index.js';
import { CorsguardError } from '../core/errors/index.js';
import { EXIT } from '../outputs/kit/index.js';
import { registerExplainCommand } from './explain-command.js';
import { pointHelpAtEachCommand } from './help-pointer.js';
import { registerLintCommand } from './lint-command.js';
import { registerMonitorCommand } from './monitor-command.js';
import { addNetworkOptions, wholeNumberOption } from './network-options.js';
import { registerPolicyFileCommands } from './policy-file-commands.js';
import { type CommandIo, runScan } from './scan-command.js';
import { type RawScanOptions, validateScanOptions } from './scan-options.js';
import { registerServeCommand } from './serve-command.js';
import { registerWorkerCommand } from './worker-command.js';

const { version } = createRequire(import.meta.url)('../../package.json') as { version: string };

const collect = (value: string, previous: string[]): string[] => [...previous, value];

/** Error codes that mean the input was wrong (exit 2), not that a target failed. */
const USAGE_CODES: ReadonlySet<string> = new Set([
  'USAGE',
  'POLICY_INVALID',
  'HAR_INVALID',
  'MONITOR_CONFIG_INVALID',
  'VERIFY_UNAVAILABLE',
]);

/**
 * Builds the `corsguard` command line. `run` resolves with the exit code instead of exiting.
 *
 * @example
 * ```ts
 * const code = await run(['scan', '--lab', '--format', 'json'], io);
 * ```
 */
export async function run(argv: readonly string[], io: CommandIo): Promise<number> {
  let exitCode: number = EXIT.ok;
  const program = new Command('corsguard')
    .description('CORS security toolkit: find, explain and fix CORS misconfigurations')
    .version(version)
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) });

  const scan = program
    .command('scan')
    .description('black-box audit of live endpoints (http, https, ws, wss URLs)')
    .argument('[url...]', 'URLs to scan')
    .option('-i, --input <file>', 'read URLs from a file, one per line (- for stdin)')
    .option('--lab', 'start the built-in lab on loopback and scan all its endpoints (works offline)')
    .option(
      '-X, --method <method>',
      'method of the probe requests (default GET); non-safelisted methods are also asked for in preflights',
    )
    .option(
      '--trusted-origin <origin>',
      'an origin the server should trust; it is mutated by the bypass generators (repeatable)',
      collect,
      [],
    );
  addNetworkOptions(scan)
    .option(
      '-L, --follow-redirects',
      'follow redirects (up to 5) before scanning; by default they are reported',
    )
    .option(
      '--thorough',
      'send every variant of every probe family, stage after stage (all 15 dev origins, 14 shared hosts, 17 special characters, 12 subdomains); by default the most common ones, in fewer round trips',
    )
    .option(
      '--format <format>',
      'report format: text, json, jsonl, sarif, junit, markdown, html (repeatable or comma list; default text)',
      collect,
      [],
    )
    .option(
      '-o, --output <[format=]file>',
      'write a format to a file: -o sarif=out.sarif (repeatable), or -o FILE for the single format otherwise on stdout',
      collect,
      [],
    )
    .option(
      '--stack <stack>',
      'stack for remediation snippets: express, fastify, hono, next, django, nginx, apache, corsguard',
    )
    .option(
      '--poc <dir>',
      'write a proof-of-concept HTML page per browser-exploitable finding, plus index.html',
    )
    .option(
      '--verify',
      "load each exploitable finding's proof of concept in headless Chromium against the target and record what it read (needs chromium; CORSGUARD_CHROMIUM=/path)",
    )
    .option(
      '--baseline <file>',
      'a previous --format json report: mark findings new or unchanged, list fixed ones; --fail-on counts new ones only',
    )
    .addOption(
      new Option('--fail-on <severity>', 'exit 1 when a finding is at or above this severity')
        .choices(['critical', 'high', 'medium', 'low', 'info', 'none'])
        .default('high'),
    )
    .option('--color', 'force colours')
    .option('--no-color', 'no colours')
    .option('--no-progress', 'no progress line on stderr')
    .option('-v, --verbose', 'show more evidence per finding')
    .option(
      '--queue <url>',
      'fan the list out to `corsguard worker` processes through this PostgreSQL (postgres://…); results stream back as they land',
    )
    .option(
      '--discover',
      'from the one site URL given, find the same-site API endpoints (page scripts, OpenAPI, /.well-known/, common paths) and scan them',
    )
    .option(
      '--discover-limit <n>',
      'with --discover: scan at most this many endpoints (default 50); the rest are reported as dropped',
    )
    .option(
      '--job-timeout <seconds>',
      'with --queue: a job whose worker died is delivered again after this long (longer than --target-timeout)',
      '300',
    )
    .action(async (urls: string[], raw: RawScanOptions) => {
      exitCode = await runScan(urls, validateScanOptions(raw), io, version);
    });

  program
    .command('lab')
    .description(
      'start the built-in lab of misconfigured and correct CORS endpoints on loopback (Ctrl-C stops it)',
    )
    .option('--host <addr>', 'bind address', '127.0.0.1')
    .option('--http-port <n>', 'HTTP port (0: any free port)', '0')
    .option('--https-port <n>', 'HTTPS port (0: any free port)', '0')
    .option('--json', 'print the lab description as JSON')
    .action(async (raw: { host: string; httpPort: string; httpsPort: string; json?: boolean }) => {
      const port = (name: string, v: string) => wholeNumberOption(name, v, 0, 65535);
      await runLabCommand(
        {
          host: raw.host,
          httpPort: port('--http-port', raw.httpPort),
          httpsPort: port('--https-port', raw.httpsPort),
          json: raw.json === true,
        },
        { stdout: io.stdout, stderr: io.stderr },
      );
    });

  registerServeCommand(program, io, version);
  registerWorkerCommand(program, io);
  registerExplainCommand(program, io, version, (code) => {
    exitCode = code;
  });
  registerLintCommand(program, io, version, (code) => {
    exitCode = code;
  });
  registerMonitorCommand(program, io, (code) => {
    exitCode = code;
  });
  registerPolicyFileCommands(program, io, version, (code) => {
    exitCode = code;
  });
  pointHelpAtEachCommand(program);

  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? EXIT.ok : EXIT.usage;
    if (err instanceof CorsguardError) {
      io.stderr.write(`corsguard: ${err.message}\n`);
      // Bad input (options, a policy file, a HAR) is a usage error, as `check` reports an invalid policy file.
      return USAGE_CODES.has(err.code) ? EXIT.usage : EXIT.targetError;
    }
    io.stderr.write(`corsguard: unexpected error: ${err instanceof Error ? err.message : String(err)}\n`);
    return EXIT.targetError;
  }
}
