// Face of the explanation outputs: `corsguard explain`'s text and JSON.
export { EXPLAIN_JSON_VERSION, explanationJson } from './json.js';
export { formatExplanationText } from './text.js';
