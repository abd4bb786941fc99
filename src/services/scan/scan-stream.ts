import type { DiscoveryResult, DiscoverySource } from '../../capabilities/discovery/index.js';
import { startLab } from '../../capabilities/lab/index.js';
import { type ScanManyOptions, scanMany, type TargetResult } from '../../capabilities/scan/index.js';
import { type Baseline, BaselineComparison } from '../../outputs/baseline/index.js';
import type { ExitCode } from '../../outputs/kit/index.js';
import {
  type FailOn,
  type ReportTarget,
  type ScanSummary,
  SummaryBuilder,
  withGrade,
} from '../../outputs/report/index.js';
import { startVerifier, type Verifier, type VerifyOptions } from '../verify/index.js';

/** Options of {@link scanStream} and `runScan`. */
export interface ScanServiceOptions {
  /** How to scan (limits, timeouts, `--resolve`, headers, trusted origins, …). */
  readonly scan?: ScanManyOptions;
  /** Severity at or above which a target fails the run (exit code 1). Default `high`. */
  readonly failOn?: FailOn;
  /**
   * A previous JSON report: every finding is reported with its state (`new` or `unchanged`), each target
   * lists its `fixed` ones, and only new findings count for `failOn` and the exit code.
   */
  readonly baseline?: Baseline;
  /** Scan every endpoint of the built-in lab (started on loopback, closed at the end) instead of `targets`. */
  readonly lab?: boolean;
  /**
   * Load each exploitable finding's proof-of-concept page in headless Chromium and record `verified` on it
   * (`true`, or the verifier's options; `resolve`, `insecure` and `cookie` default to the scan's).
   */
  readonly verify?: boolean | VerifyOptions;
  /** With `scan --discover`: each target found by discovery is reported with its `discoveredFrom`. */
  readonly discovery?: DiscoveryResult;
}

/** One target as the scan produced it, and as reported (graded; compared with the baseline when given). */
export interface ScannedTarget {
  readonly result: TargetResult;
  readonly reported: ReportTarget;
}

/** A scan in progress: iterate it once for the targets; `summary` and `exitCode()` are then final. */
export interface ScanStream extends AsyncIterable<ScannedTarget> {
  /** Running totals (constant memory), final once iterated (with the baseline comparison when given). */
  readonly summary: ScanSummary;
  /** Number of targets when known up front (a list, or the lab once started); undefined for a stream. */
  readonly total: number | undefined;
  /** 0, 1 (failing findings) or 3 (targets that could not be scanned), by the kit's `exitCodeOf`. */
  exitCode(): ExitCode;
}

/**
 * Scans targets and yields each graded, baseline-compared result as it finishes: the one pipeline of
 * `corsguard scan` (scanMany → grade → baseline → summary), with bounded memory whatever the number of
 * targets (nothing is kept but the running summary).
 *
 * @example
 * ```ts
 * const stream = scanStream(['https://api.example.com/'], { failOn: 'high' });
 * for await (const { reported } of stream) console.log(reported.url, reported.grade?.letter);
 * stream.exitCode(); // 1 when a finding is high or critical
 * ```
 */
export function scanStream(
  targets: AsyncIterable<string> | Iterable<string>,
  options: ScanServiceOptions = {},
): ScanStream {
  const builder = new SummaryBuilder(options.failOn ?? 'high');
  const comparison = options.baseline ? new BaselineComparison(options.baseline) : undefined;
  let total = Array.isArray(targets) ? targets.length : undefined;
  const sources = new Map<string, readonly DiscoverySource[]>(
    (options.discovery?.endpoints ?? []).map((e) => [e.url, e.from]),
  );
  async function* iterate(): AsyncGenerator<ScannedTarget> {
    const lab = options.lab ? await startLab() : undefined;
    let verifier: Verifier | undefined;
    try {
      let scan = options.scan ?? {};
      let list = targets;
      if (lab) {
        list = lab.targets.map((t) => t.url);
        total = lab.targets.length;
        scan = { ...scan, resolve: [...(scan.resolve ?? []), ...lab.resolve], insecure: true };
      }
      verifier = options.verify ? await startVerifier(verifyOptions(options.verify, scan)) : undefined;
      for await (const scanned of scanMany(list, scan)) {
        const result = verifier ? await verifier.verify(scanned) : scanned;
        // Graded on every finding; with a baseline each finding is marked new or unchanged (none removed).
        const from = sources.get(result.url);
        const graded = { ...withGrade(result), ...(from ? { discoveredFrom: from } : {}) };
        const reported = comparison ? comparison.compare(graded) : graded;
        builder.add(reported);
        yield { result, reported };
      }
      if (comparison) builder.summary.baseline = comparison.finish();
    } finally {
      await verifier?.close();
      await lab?.close();
    }
  }
  return {
    summary: builder.summary,
    get total() {
      return total;
    },
    exitCode: () => builder.exitCode(),
    [Symbol.asyncIterator]: iterate,
  };
}

/** The verifier's options: the given ones over the scan's own `--resolve`, `-k` and `--cookie`. */
function verifyOptions(given: true | VerifyOptions, scan: ScanManyOptions): VerifyOptions {
  return {
    ...(scan.resolve ? { resolve: scan.resolve } : {}),
    ...(scan.insecure ? { insecure: true } : {}),
    ...(scan.cookie ? { cookie: scan.cookie } : {}),
    ...(given === true ? {} : given),
  };
}
