import type { DiscoveryResult } from '../../capabilities/discovery/index.js';
import type { Stack } from '../../capabilities/remediation/index.js';
import { htmlWriter } from './html/index.js';
import { jsonlWriter, jsonWriter, type ReportWriter, type Sink } from './json.js';
import { junitWriter } from './junit.js';
import { markdownWriter } from './markdown.js';
import { sarifWriter } from './sarif.js';
import { textWriter } from './text.js';

/** Every `--format`. */
export const FORMATS = ['text', 'json', 'jsonl', 'sarif', 'junit', 'markdown', 'html'] as const;

/** A report format. */
export type Format = (typeof FORMATS)[number];

/** What every writer may need. */
export interface WriterOptions {
  readonly version: string;
  readonly color: boolean;
  readonly verbose: boolean;
  readonly stack?: Stack;
  /** With `scan --discover`: what discovery found and dropped (every format but jsonl says it). */
  readonly discovery?: DiscoveryResult;
}

/**
 * Creates the writer of a format. `text`, `json` and `jsonl` stream target by target; the others build
 * one document at the end.
 *
 * @example
 * ```ts
 * const w = createWriter('sarif', stream, { version: '0.1.0', color: false, verbose: false });
 * ```
 */
export function createWriter(format: Format, out: Sink, options: WriterOptions): ReportWriter {
  const stack = options.stack ? { stack: options.stack } : {};
  const discovery = options.discovery ? { discovery: options.discovery } : {};
  switch (format) {
    case 'text':
      return textWriter(out, { color: options.color, verbose: options.verbose, ...stack, ...discovery });
    case 'json':
      return jsonWriter(out, options.version, options.discovery);
    case 'jsonl':
      return jsonlWriter(out);
    case 'sarif':
      return sarifWriter(out, options.version, options.discovery);
    case 'junit':
      return junitWriter(out);
    case 'markdown':
      return markdownWriter(out, { ...stack, ...discovery });
    case 'html':
      return htmlWriter(out, { version: options.version, ...stack, ...discovery });
  }
}
