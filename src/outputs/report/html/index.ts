import type { ReportWriter, Sink } from '../json.js';
import type { ReportTarget } from '../target.js';
import { type HtmlReportOptions, htmlReport } from './render.js';

export { severityChart } from './chart.js';
export { type HtmlReportOptions, htmlReport, type TargetSectionOptions, targetSection } from './render.js';
export { REPORT_CSS } from './style.js';

/**
 * The `--format html` writer: buffers the targets and writes the self-contained HTML report at the end.
 *
 * @example
 * ```ts
 * const w = htmlWriter(stream, { version: '0.1.0' });
 * ```
 */
export function htmlWriter(out: Sink, options: HtmlReportOptions): ReportWriter {
  const targets: ReportTarget[] = [];
  return {
    target: (t) => void targets.push(t),
    end: (summary) => void out.write(htmlReport(targets, summary, options)),
  };
}
