import { ALLOWED_ORIGINS } from './policy.js';
import { startLab } from './server.js';
import type { Lab, StartLabOptions } from './types.js';

/**
 * Options of `corsguard lab`.
 *
 * @example
 * ```ts
 * const opts: LabCommandOptions = { httpsPort: 8443, json: true };
 * ```
 */
export interface LabCommandOptions extends StartLabOptions {
  /** Print one JSON object (host, ports, resolve, targets) instead of the human-readable listing. */
  readonly json?: boolean;
}

/**
 * Where `corsguard lab` writes and what stops it.
 *
 * @example
 * ```ts
 * const controller = new AbortController();
 * const io: LabCommandIo = { stdout: process.stdout, stderr: process.stderr, signal: controller.signal };
 * ```
 */
export interface LabCommandIo {
  readonly stdout: { write(chunk: string): unknown };
  readonly stderr: { write(chunk: string): unknown };
  /** Stops the lab when aborted, in addition to SIGINT/SIGTERM. */
  readonly signal?: AbortSignal;
  /** Emitter of SIGINT/SIGTERM; default `process`. */
  readonly signals?: Pick<NodeJS.EventEmitter, 'once' | 'off'>;
}

const STOP_SIGNALS = ['SIGINT', 'SIGTERM'] as const;

/**
 * `corsguard lab`: starts the lab, prints its endpoints and a ready-to-run `corsguard scan` command line,
 * and keeps serving until SIGINT/SIGTERM (or `io.signal` aborts). Resolves once the lab is closed.
 * Never calls `process.exit`.
 *
 * @example
 * ```ts
 * await runLabCommand({ httpsPort: 8443 }, { stdout: process.stdout, stderr: process.stderr });
 * ```
 */
export async function runLabCommand(
  opts: LabCommandOptions = {},
  io: LabCommandIo = { stdout: process.stdout, stderr: process.stderr },
): Promise<void> {
  const lab = await startLab(opts);
  io.stdout.write(opts.json === true ? `${JSON.stringify(labSummary(lab))}\n` : formatLab(lab));
  const signals = io.signals ?? process;
  await new Promise<void>((resolve) => {
    const stop = (): void => {
      for (const name of STOP_SIGNALS) signals.off(name, stop);
      io.signal?.removeEventListener('abort', stop);
      if (opts.json !== true) io.stderr.write('Stopping the lab…\n');
      resolve();
    };
    for (const name of STOP_SIGNALS) signals.once(name, stop);
    if (io.signal?.aborted) stop();
    else io.signal?.addEventListener('abort', stop, { once: true });
  });
  await lab.close();
}

/**
 * The machine-readable description of a running lab printed by `corsguard lab --json`.
 *
 * @example
 * ```ts
 * labSummary(lab).resolve; // ['api.victim.test:40001:127.0.0.1', 'api.victim.test:40002:127.0.0.1']
 * ```
 */
export function labSummary(lab: Lab): {
  host: string;
  httpPort: number;
  httpsPort: number;
  resolve: readonly string[];
  targets: ReadonlyArray<{
    url: string;
    path: string;
    scheme: string;
    expect: readonly string[];
    description: string;
  }>;
} {
  return {
    host: lab.host,
    httpPort: lab.httpPort,
    httpsPort: lab.httpsPort,
    resolve: lab.resolve,
    targets: lab.targets.map(({ url, endpoint }) => ({ url, ...endpoint })),
  };
}

/**
 * The human-readable listing of a running lab: endpoints with their expected findings and an example scan.
 *
 * @example
 * ```ts
 * process.stdout.write(formatLab(lab));
 * ```
 */
export function formatLab(lab: Lab): string {
  const width = Math.max(...lab.targets.map((t) => t.url.length));
  const lines = [
    `corsguard lab: ${lab.host} on http port ${lab.httpPort} and https port ${lab.httpsPort} (self-signed TLS: scan with -k)`,
    `Legitimate front-ends: ${ALLOWED_ORIGINS.join(', ')}`,
    '',
  ];
  for (const { url, endpoint } of lab.targets) {
    const expect = endpoint.expect.length === 0 ? '(correct: no finding)' : endpoint.expect.join(', ');
    lines.push(`  ${url.padEnd(width)}  ${expect}`, `  ${' '.repeat(width)}  ${endpoint.description}`);
  }
  lines.push('', 'Scan it:', `  ${scanCommand(lab).join(' \\\n    ')}`, '', 'Press Ctrl+C to stop.', '');
  return lines.join('\n');
}

/**
 * The words of a `corsguard scan` command line covering every lab endpoint.
 *
 * @example
 * ```ts
 * scanCommand(lab).join(' '); // 'corsguard scan -k --resolve api.victim.test:40001:127.0.0.1 … https://api.victim.test:40002/reflect …'
 * ```
 */
export function scanCommand(lab: Lab): string[] {
  return [
    'corsguard scan -k',
    ...lab.resolve.map((entry) => `--resolve ${entry}`),
    ...lab.targets.map((t) => t.url),
  ];
}
