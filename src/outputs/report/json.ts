import type { ScanSummary } from './summary.js';
import type { ReportTarget } from './target.js';

/** Version of the JSON report format (`schema/report.schema.json`). */
export const REPORT_FORMAT_VERSION = 1;

/** Something to write text to (a stream or a test buffer). */
export interface Sink {
  write(chunk: string): unknown;
}

/** Streams results to a sink as they arrive; `end` closes the document. */
export interface ReportWriter {
  target(result: ReportTarget): void;
  end(summary: ScanSummary): void;
}

/**
 * The `--format json` writer: one JSON document `{ tool, format, targets: [...], summary }` written
 * incrementally, so a scan of 100,000 targets never holds them all in memory.
 *
 * @example
 * ```ts
 * const w = jsonWriter(process.stdout, '0.1.0');
 * w.target(result);
 * w.end(summary);
 * ```
 */
export function jsonWriter(out: Sink, version: string): ReportWriter {
  let count = 0;
  out.write(
    `{"tool":{"name":"corsguard","version":${JSON.stringify(version)}},"format":${REPORT_FORMAT_VERSION},"targets":[`,
  );
  return {
    target(result) {
      out.write(`${count++ === 0 ? '\n' : ',\n'}${JSON.stringify(result)}`);
    },
    end(summary) {
      out.write(`\n],"summary":${JSON.stringify(summary)}}\n`);
    },
  };
}

/**
 * The `--format jsonl` writer: one JSON object per target, one line each, as targets finish.
 *
 * @example
 * ```ts
 * jsonlWriter(process.stdout).target(result); // {"url":"…","requests":71,…}\n
 * ```
 */
export function jsonlWriter(out: Sink): ReportWriter {
  return {
    target(result) {
      out.write(`${JSON.stringify(result)}\n`);
    },
    end() {},
  };
}
