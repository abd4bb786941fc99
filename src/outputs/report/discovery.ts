import type { DiscoveryResult, DiscoverySource } from '../../capabilities/discovery/index.js';

/**
 * Where a discovered endpoint was found, as plain text (each format escapes it for where it lands).
 *
 * @example
 * ```ts
 * sourceLabel({ url: 'https://shop.example/static/app.js', kind: 'script', line: 12 });
 * // 'script https://shop.example/static/app.js:12'
 * ```
 */
export const sourceLabel = (s: DiscoverySource): string =>
  `${s.kind} ${s.url}${s.line === undefined ? '' : `:${s.line}`}`;

/** What every report says of a `scan --discover`, as plain text: see {@link discoveryDigest}. */
export interface DiscoveryDigest {
  /** `Discovery from https://shop.example/ (site shop.example)`. */
  readonly heading: string;
  readonly notes: readonly string[];
  /** `dropped (third-party): https://cdn.other/x.js, from script https://shop.example/:3`. */
  readonly dropped: readonly string[];
  /** Dropped URLs counted but not listed. */
  readonly more: number;
}

/**
 * The discovery block of the reports (text, Markdown, HTML) as plain lines: the site and its scope, the
 * notes (budgets reached, documents that did not parse), and the URLs seen but not kept, with why and
 * where. Each target's own sources are its `discoveredFrom` ({@link sourceLabel}).
 *
 * @example
 * ```ts
 * discoveryDigest(result).dropped[0]; // 'dropped (third-party): https://cdn.other.test/lib.js, from page https://shop.test/:4'
 * ```
 */
export function discoveryDigest(d: DiscoveryResult): DiscoveryDigest {
  return {
    heading: `Discovery from ${d.site} (site ${d.scope})`,
    notes: d.notes,
    dropped: d.dropped.map((x) => `dropped (${x.reason}): ${x.url}, from ${sourceLabel(x.from)}`),
    more: Math.max(0, d.droppedTotal - d.dropped.length),
  };
}
