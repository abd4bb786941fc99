import { endAnchor, escapeRegex, type RegexDialect } from './pattern.js';

interface TrieNode {
  end: boolean;
  readonly next: Map<string, TrieNode>;
}

/**
 * One anchored regular expression that matches exactly the given strings and nothing else, shaped as a
 * trie (common prefixes written once), so matching costs one pass over the input whatever the number of
 * strings, rather than one regex per string tried in turn. Only
 * literal characters (each escaped), non-capturing groups, `|` and `?`: PCRE, Python `re` and JavaScript
 * read it the same way; the end anchor is the dialect's, as in `originRegex`. Used for long exact allowlists, where a server would otherwise evaluate
 * thousands of regexes on every request.
 *
 * @example
 * ```ts
 * literalSetRegex(['https://app.example.com', 'https://www.example.com']);
 * // '^https://(?:app\.example\.com|www\.example\.com)$'
 * ```
 */
export function literalSetRegex(items: readonly string[], dialect: RegexDialect = 'js'): string {
  const root: TrieNode = { end: false, next: new Map() };
  for (const item of items) {
    let node = root;
    for (const ch of item) {
      let child = node.next.get(ch);
      if (child === undefined) {
        child = { end: false, next: new Map() };
        node.next.set(ch, child);
      }
      node = child;
    }
    node.end = true;
  }
  return `^${emit(root)}${endAnchor(dialect)}`;
}

function emit(start: TrieNode): string {
  // Follow single-child chains iteratively (origins are long and mostly shared), branch where they split.
  let out = '';
  let node = start;
  while (!node.end && node.next.size === 1) {
    const [[ch, child]] = node.next as unknown as [[string, TrieNode]];
    out += escapeRegex(ch);
    node = child;
  }
  if (node.next.size === 0) return out;
  const branches = [...node.next.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([ch, child]) => escapeRegex(ch) + emit(child));
  const group = branches.length === 1 ? `(?:${branches[0]})` : `(?:${branches.join('|')})`;
  return out + (node.end ? `${group}?` : group);
}
