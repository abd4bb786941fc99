import type { Stack } from '../../capabilities/remediation/index.js';
import type { ExitCode } from '../../outputs/kit/index.js';
import { type PocPage, pocPages } from '../../outputs/poc/index.js';
import {
  createWriter,
  type Format,
  type ReportTarget,
  type ScanSummary,
  type Sink,
} from '../../outputs/report/index.js';
import { type ScannedTarget, type ScanServiceOptions, scanStream } from './scan-stream.js';

/** One report to write while scanning: a format, where to, and whether in colour (text only). */
export interface ScanReportRequest {
  readonly format: Format;
  readonly sink: Sink;
  readonly color?: boolean;
}

/** Watches a scan target by target (a progress line, a web socket …). */
export interface ScanObserver {
  /** Before the target is written to the reports; `total` is the number of targets when known. */
  readonly beforeReport?: (target: ScannedTarget, total: number | undefined) => void;
  /** After it was written. */
  readonly afterReport?: (target: ScannedTarget) => void;
}

/** Options of {@link runScan}. */
export interface RunScanOptions extends ScanServiceOptions {
  /** Reports written as the scan goes (text, json and jsonl stream; the others are written at the end). */
  readonly reports?: readonly ScanReportRequest[];
  /** Version named in the reports. */
  readonly version?: string;
  readonly verbose?: boolean;
  /** Stack of the remediation snippets in markdown and html reports. */
  readonly stack?: Stack;
  /** Build a proof-of-concept page per browser-exploitable finding (returned in `pocs`). */
  readonly pocs?: boolean;
  /** Keep every reported target in the result (memory grows with the list; off by default). */
  readonly keepTargets?: boolean;
  readonly observer?: ScanObserver;
}

/** What a scan run returns. */
export interface ScanOutcome {
  readonly summary: ScanSummary;
  readonly exitCode: ExitCode;
  /** Proof-of-concept pages (with `pocs: true`; write them with `writePocDir`). */
  readonly pocs: readonly PocPage[];
  /** Every reported target (with `keepTargets: true`), else empty. */
  readonly targets: readonly ReportTarget[];
}

/**
 * Runs a whole scan as `corsguard scan` does and returns the outcome: scans (see `scanStream`), writes
 * each requested report as targets finish, closes them with the summary, and gives the exit code.
 *
 * @example
 * ```ts
 * const { exitCode, summary } = await runScan(['https://api.example.com/'], {
 *   reports: [{ format: 'sarif', sink: createWriteStream('cors.sarif') }],
 *   version: '0.1.0',
 * });
 * ```
 */
export async function runScan(
  targets: AsyncIterable<string> | Iterable<string>,
  options: RunScanOptions = {},
): Promise<ScanOutcome> {
  const writers = (options.reports ?? []).map((r) =>
    createWriter(r.format, r.sink, {
      version: options.version ?? 'unknown',
      color: r.format === 'text' && r.color === true,
      verbose: options.verbose === true,
      ...(options.stack ? { stack: options.stack } : {}),
      ...(options.discovery ? { discovery: options.discovery } : {}),
    }),
  );
  const stream = scanStream(targets, options);
  const pocs: PocPage[] = [];
  const kept: ReportTarget[] = [];
  for await (const scanned of stream) {
    options.observer?.beforeReport?.(scanned, stream.total);
    for (const w of writers) w.target(scanned.reported);
    if (options.pocs) pocs.push(...pocPages([scanned.reported]));
    if (options.keepTargets) kept.push(scanned.reported);
    options.observer?.afterReport?.(scanned);
  }
  for (const w of writers) w.end(stream.summary);
  return { summary: stream.summary, exitCode: stream.exitCode(), pocs, targets: kept };
}
