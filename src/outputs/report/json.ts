import type { DiscoveryResult } from '../../capabilities/discovery/index.js';
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
 * The `--format json` writer: one JSON document `{ tool, format, discovery?, targets: [...], summary }`
 * written incrementally, so a scan of 100,000 targets never holds them all in memory. With `scan
 * --discover`, `discovery` says what was found, fetched and dropped (each target has its `discoveredFrom`).
 *
 * @example
 * ```ts
 * const w = jsonWriter(process.stdout, '0.1.0');
 * w.target(result);
 * w.end(summary);
 * ```
 */
export function jsonWriter(out: Sink, version: string, discovery?: DiscoveryResult): ReportWriter {
  let count = 0;
  const found = discovery ? `"discovery":${JSON.stringify(discoveryJson(discovery))},` : '';
  out.write(
    `{"tool":{"name":"corsguard","version":${JSON.stringify(version)}},"format":${REPORT_FORMAT_VERSION},${found}"targets":[`,
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
 * The discovery block of the JSON report (and of SARIF's run properties): endpoints as URLs (each target
 * carries its sources).
 *
 * @example
 * ```ts
 * discoveryJson(result).endpoints; // ['https://api.shop.example/v1/cart', …]
 * ```
 */
export function discoveryJson(d: DiscoveryResult) {
  return {
    site: d.site,
    scope: d.scope,
    endpoints: d.endpoints.map((e) => e.url),
    documents: d.documents,
    dropped: d.dropped,
    droppedTotal: d.droppedTotal,
    notes: d.notes,
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
