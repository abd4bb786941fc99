import type { Command } from 'commander';
import { type EngineOptions, parseResolve } from '../capabilities/scan/index.js';
import { CorsguardError } from '../core/errors/index.js';
import { isHttpUrl } from '../core/origin/index.js';

/** The network options, as commander parses them (the ones a command does not offer are absent). */
export interface RawNetworkOptions {
  header: string[];
  cookie?: string | undefined;
  resolve: string[];
  insecure?: boolean | undefined;
  proxy?: string | undefined;
  timeout: string;
  targetTimeout?: string | undefined;
  concurrency?: string | undefined;
  perHost?: string | undefined;
  h2Streams?: string | undefined;
  rate?: string | undefined;
}

/** A network option of {@link addNetworkOptions}. */
export type NetworkOption = keyof RawNetworkOptions;

/** Every network option, in the order `--help` lists them. */
export const NETWORK_OPTIONS: readonly NetworkOption[] = [
  'header',
  'cookie',
  'resolve',
  'insecure',
  'proxy',
  'concurrency',
  'perHost',
  'h2Streams',
  'rate',
  'timeout',
  'targetTimeout',
];

const collect = (value: string, previous: string[]): string[] => [...previous, value];

// flags, description, default: the one definition of each network option.
const SPEC: Readonly<Record<NetworkOption, readonly [string, string, string[] | string | undefined]>> = {
  header: ['-H, --header <header>', 'extra request header "Name: value" (repeatable)', []],
  cookie: [
    '--cookie <cookie>',
    'Cookie header to send (e.g. a session, to see authenticated responses)',
    undefined,
  ],
  resolve: [
    '--resolve <host:port:addr>',
    "connect to addr for host:port, like curl's --resolve (repeatable)",
    [],
  ],
  insecure: ['-k, --insecure', 'accept any TLS certificate', undefined],
  proxy: ['--proxy <url>', 'send requests through an HTTP(S) proxy', undefined],
  concurrency: ['-c, --concurrency <n>', 'requests in flight in total', '32'],
  perHost: ['--per-host <n>', 'requests in flight per host', '6'],
  h2Streams: [
    '--h2-streams <n>',
    'requests in flight per host that speaks HTTP/2 (streams on its connection)',
    '32',
  ],
  rate: ['--rate <n>', 'requests per second per host (0: no limit)', '0'],
  timeout: ['--timeout <ms>', 'per-request timeout', '10000'],
  targetTimeout: ['--target-timeout <ms>', 'time budget per target', '120000'],
};

/**
 * Adds network options to a command, each defined once for scan, check and init; `note` is appended to
 * every description (init's `(for --from)`).
 *
 * @example
 * ```ts
 * addNetworkOptions(program.command('check'), ['header', 'cookie', 'resolve', 'insecure', 'proxy', 'concurrency', 'timeout']);
 * ```
 */
export function addNetworkOptions(
  command: Command,
  options: readonly NetworkOption[] = NETWORK_OPTIONS,
  note = '',
): Command {
  for (const name of NETWORK_OPTIONS.filter((n) => options.includes(n))) {
    const [flags, description, fallback] = SPEC[name];
    const text = `${description}${note}`;
    if (Array.isArray(fallback)) command.option(flags, text, collect, fallback);
    else if (fallback === undefined) command.option(flags, text);
    else command.option(flags, text, fallback);
  }
  return command;
}

/**
 * Parses a whole-number option within bounds, or throws a USAGE error naming the option and the range.
 *
 * @example
 * ```ts
 * wholeNumberOption('--http-port', '8080', 0, 65535); // 8080
 * ```
 */
export function wholeNumberOption(name: string, raw: string, min: number, max: number): number {
  const n = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || n < min || n > max) {
    throw new CorsguardError(
      'USAGE',
      `${name} must be a whole number from ${min} to ${max}, got ${JSON.stringify(raw)}`,
    );
  }
  return n;
}

/** An HTTP token: a method or a header name. */
export const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

function headers(raw: readonly string[], problems: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const h of raw) {
    const i = h.indexOf(':');
    const name = i > 0 ? h.slice(0, i).trim() : '';
    if (!TOKEN.test(name)) {
      problems.push(`-H ${JSON.stringify(h)} is not "Name: value"; write it like -H "X-Api-Key: abc"`);
      return out;
    }
    if (name.toLowerCase() === 'origin') {
      problems.push('-H Origin is not allowed: corsguard sets the Origin of every probe itself');
      return out;
    }
    out[name.toLowerCase()] = h.slice(i + 1).trim();
  }
  return out;
}

/** Validated network options: how the engine sends requests, and the time budget per target. */
export interface NetworkSettings extends EngineOptions {
  readonly targetTimeoutMs: number;
}

/**
 * Validates the network options (the same code and messages for scan, check and init); each problem is
 * appended to `problems`, one line saying the fix. Options a command does not offer get scan's defaults.
 *
 * @example
 * ```ts
 * const problems: string[] = [];
 * const net = parseNetworkOptions({ header: [], resolve: ['api.example.com:443:127.0.0.1'], timeout: '10000' }, problems);
 * ```
 */
export function parseNetworkOptions(raw: RawNetworkOptions, problems: string[]): NetworkSettings {
  const number = (name: string, value: string | undefined, fallback: number, min: number, max: number) => {
    try {
      return wholeNumberOption(name, value ?? String(fallback), min, max);
    } catch (e) {
      problems.push((e as Error).message);
      return fallback;
    }
  };
  const concurrency = number('-c/--concurrency', raw.concurrency, 32, 1, 1024);
  const perHost = number('--per-host', raw.perHost, 6, 1, 256);
  const http2Streams = number('--h2-streams', raw.h2Streams, 32, 1, 1000);
  const ratePerHost = number('--rate', raw.rate, 0, 0, 100_000);
  const timeoutMs = number('--timeout', raw.timeout, 10_000, 1, 600_000);
  const targetTimeoutMs = number('--target-timeout', raw.targetTimeout, 120_000, 1, 3_600_000);
  const extra = headers(raw.header, problems);
  try {
    parseResolve(raw.resolve);
  } catch (e) {
    problems.push((e as Error).message);
  }
  if (raw.proxy !== undefined && !isHttpUrl(raw.proxy)) {
    problems.push(
      URL.canParse(raw.proxy)
        ? `--proxy ${JSON.stringify(raw.proxy)}: only http:// and https:// proxies are supported`
        : `--proxy ${JSON.stringify(raw.proxy)} is not a URL; write it like http://proxy.example:8080`,
    );
  }
  return {
    concurrency,
    perHost,
    http2Streams,
    ratePerHost,
    timeoutMs,
    targetTimeoutMs,
    resolve: raw.resolve,
    headers: extra,
    insecure: raw.insecure === true,
    ...(raw.cookie ? { cookie: raw.cookie } : {}),
    ...(raw.proxy ? { proxy: raw.proxy } : {}),
  };
}

/**
 * The one USAGE error for a list of problems (every problem at once, one per line), or nothing.
 *
 * @example
 * ```ts
 * throwProblems(['--timeout must be a whole number from 1 to 600000, got "x"']); // throws CorsguardError USAGE
 * ```
 */
export function throwProblems(problems: readonly string[]): void {
  if (problems.length > 0) throw new CorsguardError('USAGE', problems.join('\n'));
}
