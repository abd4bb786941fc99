export { LineIndex } from '../../core/text/index.js';

// biome-ignore lint/suspicious/noControlCharactersInRegex: escaping them is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

/** One line of source for a report: trimmed, control characters escaped, at most 200 characters. */
export function snippetOf(text: string): string {
  const flat = text.trim().replace(CONTROL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return flat.length > 200 ? `${flat.slice(0, 199)}…` : flat;
}
