import type { Explanation } from '../../capabilities/diagnose/index.js';

/** Version of the `corsguard explain --format json` document (`schema/explain.schema.json`). */
export const EXPLAIN_JSON_VERSION = 1;

/**
 * The JSON document of `corsguard explain --format json`: the tool and version, then one explanation
 * per request (one for `--url` and `--message`, one per failing entry of a HAR).
 *
 * @example
 * ```ts
 * explanationJson([explanation], '0.1.0');
 * // '{\n  "schemaVersion": 1,\n  "tool": "corsguard",\n  "version": "0.1.0",\n  "explanations": [ … ]\n}\n'
 * ```
 */
export function explanationJson(
  explanations: readonly Explanation[],
  version: string,
  extra: Readonly<Record<string, unknown>> = {},
): string {
  return `${JSON.stringify({ schemaVersion: EXPLAIN_JSON_VERSION, tool: 'corsguard', version, ...extra, explanations }, null, 2)}\n`;
}
