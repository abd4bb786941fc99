export { findingFingerprint, originFamily } from './fingerprint.js';
export { createWriter, FORMATS, type Format, type WriterOptions } from './formats.js';
export {
  htmlReport,
  htmlWriter,
  REPORT_CSS,
  severityChart,
  type TargetSectionOptions,
  targetSection,
} from './html/index.js';
export { jsonlWriter, jsonWriter, REPORT_FORMAT_VERSION, type ReportWriter, type Sink } from './json.js';
export { junitWriter, junitXml } from './junit.js';
export { markdownReport, markdownWriter } from './markdown.js';
export { FINGERPRINT_KEY, SARIF_LEVEL, SECURITY_SEVERITY, sarifLog, sarifWriter } from './sarif.js';
export {
  atOrAbove,
  type BaselineSummary,
  type FailOn,
  type ScanSummary,
  SummaryBuilder,
} from './summary.js';
export {
  type BaselineFinding,
  type BaselineState,
  isNew,
  type ReportFinding,
  type ReportTarget,
  type TargetBaseline,
  withGrade,
} from './target.js';
export { textWriter } from './text.js';
