export { LINT_JSON_VERSION, lintJson } from './json.js';
export { LINT_FINGERPRINT_KEY, lintSarif } from './sarif.js';
export { type LintSummary, lintSummary } from './summary.js';
export { formatLintText } from './text.js';
