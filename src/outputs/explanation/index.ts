// Face of the explanation outputs: `corsguard explain`'s text and JSON, and the HTML of `corsguard serve`'s /explain page.
export { type ExplanationHtmlOptions, explanationHtml } from './html.js';
export { EXPLAIN_JSON_VERSION, explanationJson } from './json.js';
export { formatExplanationText } from './text.js';
