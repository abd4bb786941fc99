import { isStack, STACKS, type Stack } from '../capabilities/remediation/index.js';
import type { ScanManyOptions } from '../capabilities/scan/index.js';
import { parseResolve, SEVERITIES } from '../capabilities/scan/index.js';
import { CorsguardError } from '../core/errors/index.js';
import { isHttpUrl, parseOrigin, serializeOrigin } from '../core/origin/index.js';
import type { FailOn } from '../outputs/report/index.js';
import { type ReportOutput, resolveOutputs } from './output-options.js';

/** Raw `corsguard scan` options as commander parses them. */
export interface RawScanOptions {
  input?: string;
  lab?: boolean;
  method?: string;
  header: string[];
  cookie?: string;
  trustedOrigin: string[];
  resolve: string[];
  insecure?: boolean;
  proxy?: string;
  concurrency: string;
  perHost: string;
  rate: string;
  timeout: string;
  targetTimeout: string;
  followRedirects?: boolean;
  /** `--format`, repeatable, each value possibly a comma list (a single string is accepted too). */
  format: string | string[];
  /** `-o`, repeatable: `FORMAT=FILE` or one plain `FILE`. */
  output?: string | string[];
  failOn: string;
  stack?: string;
  poc?: string;
  baseline?: string;
  color?: boolean;
  progress?: boolean;
  verbose?: boolean;
}

/** Validated options: what to scan with, and how to report. */
export interface ScanCommandOptions {
  readonly scan: ScanManyOptions;
  /** Every report to write, each to its file or (at most one) to stdout. */
  readonly outputs: readonly ReportOutput[];
  readonly failOn: FailOn;
  /** `--stack`: the stack remediation snippets are written for. */
  readonly stack?: Stack;
  /** `--poc DIR`: write proof-of-concept pages there. */
  readonly poc?: string;
  /** `--baseline FILE`: report only what changed since that JSON report. */
  readonly baseline?: string;
  readonly input?: string;
  readonly lab: boolean;
  readonly color?: boolean;
  readonly progress: boolean;
  readonly verbose: boolean;
}

const METHOD = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

function usage(message: string): CorsguardError {
  return new CorsguardError('USAGE', message);
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
    throw usage(`${name} must be a whole number from ${min} to ${max}, got ${JSON.stringify(raw)}`);
  }
  return n;
}

function headers(raw: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const h of raw) {
    const i = h.indexOf(':');
    const name = i > 0 ? h.slice(0, i).trim() : '';
    if (!METHOD.test(name))
      throw usage(`-H ${JSON.stringify(h)} is not "Name: value"; write it like -H "X-Api-Key: abc"`);
    if (name.toLowerCase() === 'origin')
      throw usage('-H Origin is not allowed: corsguard sets the Origin of every probe itself');
    out[name.toLowerCase()] = h.slice(i + 1).trim();
  }
  return out;
}

/**
 * Validates `corsguard scan` options; every problem is reported at once in one USAGE error that says the fix.
 *
 * @example
 * ```ts
 * validateScanOptions({ ...raw, concurrency: '0' }); // throws: -c/--concurrency must be a whole number from 1 to 1024…
 * ```
 */
export function validateScanOptions(raw: RawScanOptions): ScanCommandOptions {
  const problems: string[] = [];
  const attempt = <T>(fn: () => T): T | undefined => {
    try {
      return fn();
    } catch (e) {
      problems.push(e instanceof Error ? e.message : String(e));
      return undefined;
    }
  };
  const list = (v: string | string[] | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
  const outputs = resolveOutputs(list(raw.format), list(raw.output), problems);
  if (raw.stack !== undefined && !isStack(raw.stack)) {
    problems.push(`--stack must be one of ${STACKS.join(', ')}, got ${JSON.stringify(raw.stack)}`);
  }
  if (raw.poc !== undefined && raw.poc.trim() === '')
    problems.push('--poc needs a directory, e.g. --poc poc');
  if (raw.baseline !== undefined && raw.baseline.trim() === '')
    problems.push('--baseline needs a file, e.g. --baseline previous.json');
  const failOn = raw.failOn as FailOn;
  if (failOn !== 'none' && !SEVERITIES.includes(failOn)) {
    problems.push(
      `--fail-on must be one of ${[...SEVERITIES, 'none'].join(', ')}, got ${JSON.stringify(raw.failOn)}`,
    );
  }
  if (raw.method !== undefined && !METHOD.test(raw.method))
    problems.push(`-X ${JSON.stringify(raw.method)} is not an HTTP method`);
  const concurrency = attempt(() => wholeNumberOption('-c/--concurrency', raw.concurrency, 1, 1024));
  const perHost = attempt(() => wholeNumberOption('--per-host', raw.perHost, 1, 256));
  const rate = attempt(() => wholeNumberOption('--rate', raw.rate, 0, 100_000));
  const timeoutMs = attempt(() => wholeNumberOption('--timeout', raw.timeout, 1, 600_000));
  const targetTimeoutMs = attempt(() =>
    wholeNumberOption('--target-timeout', raw.targetTimeout, 1, 3_600_000),
  );
  const extra = attempt(() => headers(raw.header));
  attempt(() => parseResolve(raw.resolve));
  const trusted = raw.trustedOrigin.map((o) =>
    attempt(() => {
      const parsed = (() => {
        try {
          return parseOrigin(o);
        } catch (e) {
          throw usage(`--trusted-origin: ${e instanceof Error ? e.message : String(e)}`);
        }
      })();
      if (parsed.kind === 'opaque')
        throw usage('--trusted-origin null: the null origin can never be trusted');
      return serializeOrigin(parsed);
    }),
  );
  if (raw.proxy !== undefined && !isHttpUrl(raw.proxy)) {
    problems.push(
      URL.canParse(raw.proxy)
        ? `--proxy ${JSON.stringify(raw.proxy)}: only http:// and https:// proxies are supported`
        : `--proxy ${JSON.stringify(raw.proxy)} is not a URL; write it like http://proxy.example:8080`,
    );
  }
  if (problems.length > 0) throw usage(problems.join('\n'));
  const scan: ScanManyOptions = {
    concurrency: concurrency ?? 32,
    perHost: perHost ?? 6,
    ratePerHost: rate ?? 0,
    timeoutMs: timeoutMs ?? 10_000,
    targetTimeoutMs: targetTimeoutMs ?? 120_000,
    resolve: raw.resolve,
    trustedOrigins: trusted.filter((t): t is string => t !== undefined),
    headers: extra ?? {},
    insecure: raw.insecure === true,
    followRedirects: raw.followRedirects === true,
    ordered: !outputs.every((o) => o.format === 'jsonl'),
    ...(raw.method ? { method: raw.method } : {}),
    ...(raw.cookie ? { cookie: raw.cookie } : {}),
    ...(raw.proxy ? { proxy: raw.proxy } : {}),
  };
  return {
    scan,
    outputs,
    failOn,
    lab: raw.lab === true,
    progress: raw.progress !== false,
    verbose: raw.verbose === true,
    ...(raw.color === undefined ? {} : { color: raw.color }),
    ...(raw.stack !== undefined && isStack(raw.stack) ? { stack: raw.stack } : {}),
    ...(raw.poc ? { poc: raw.poc } : {}),
    ...(raw.baseline ? { baseline: raw.baseline } : {}),
    ...(raw.input ? { input: raw.input } : {}),
  };
}

/** The network options `check` and `init` share with `scan` (same flags, same meaning). */
export interface RawNetworkOptions {
  header: string[];
  cookie?: string | undefined;
  resolve: string[];
  insecure?: boolean | undefined;
  proxy?: string | undefined;
  timeout: string;
  /** Default `32`, as for scan. */
  concurrency?: string | undefined;
  trustedOrigin?: string[] | undefined;
}

/**
 * Validates the network options of `check` and `init` with exactly the code `scan` uses, so their
 * errors read the same; the scan-only settings get scan's defaults.
 *
 * @example
 * ```ts
 * const engineOptions = validateNetworkOptions({ header: [], resolve: ['api.example.com:443:127.0.0.1'], timeout: '10000' });
 * ```
 */
export function validateNetworkOptions(raw: RawNetworkOptions): ScanManyOptions {
  return validateScanOptions({
    header: raw.header,
    trustedOrigin: raw.trustedOrigin ?? [],
    resolve: raw.resolve,
    concurrency: raw.concurrency ?? '32',
    perHost: '6',
    rate: '0',
    timeout: raw.timeout,
    targetTimeout: '120000',
    format: 'text',
    failOn: 'high',
    ...(raw.cookie === undefined ? {} : { cookie: raw.cookie }),
    ...(raw.insecure === undefined ? {} : { insecure: raw.insecure }),
    ...(raw.proxy === undefined ? {} : { proxy: raw.proxy }),
  }).scan;
}
