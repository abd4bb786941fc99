export { jsonlWriter, jsonWriter, REPORT_FORMAT_VERSION, type ReportWriter, type Sink } from './json.js';
export { atOrAbove, EXIT, type FailOn, type ScanSummary, SummaryBuilder } from './summary.js';
export { textWriter } from './text.js';
