import { type Document, isMap, isPair, isScalar, isSeq, type LineCounter, type Node } from 'yaml';

/** A 1-based position in the file. */
export interface Position {
  readonly line: number;
  readonly column: number;
}

/**
 * The position of the node at `path` in a parsed document (the key itself with `at: 'key'`). When the path
 * does not exist (a missing key), the deepest existing ancestor is used.
 *
 * @example
 * ```ts
 * locate(doc, lineCounter, ['environments', 'production', 'origins', 1]); // { line: 9, column: 7 }
 * ```
 */
export function locate(
  doc: Document,
  lineCounter: LineCounter,
  path: readonly (string | number)[],
  at: 'key' | 'value' = 'value',
): Position {
  let node: unknown = doc.contents;
  let offset = rangeStart(node) ?? 0;
  for (let i = 0; i < path.length; i++) {
    const segment = path[i];
    const last = i === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find(
        (p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(segment),
      );
      if (pair === undefined) break;
      const keyStart = rangeStart(pair.key);
      if (last && at === 'key' && keyStart !== undefined) {
        offset = keyStart;
        break;
      }
      node = pair.value;
      offset = rangeStart(node) ?? keyStart ?? offset;
      if (pair.value === null) break;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment];
      if (item === undefined) break;
      node = item;
      offset = rangeStart(node) ?? offset;
    } else break;
  }
  const pos = lineCounter.linePos(offset);
  return { line: pos.line, column: pos.col };
}

function rangeStart(node: unknown): number | undefined {
  const range = (node as Node | null | undefined)?.range;
  return range ? range[0] : undefined;
}
