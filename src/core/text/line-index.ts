/** A 1-based line/column region of a text (columns count UTF-16 code units, as editors and SARIF do). */
export interface TextRegion {
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
}

/**
 * Maps UTF-16 offsets of one text to 1-based lines, columns and regions, with a line-start index built
 * once (a binary search per lookup): what lint's findings and discovery's sources point at.
 *
 * @example
 * ```ts
 * const lines = new LineIndex('a\nbc');
 * lines.position(3);  // { line: 2, column: 2 }
 * lines.line(3);      // 2
 * lines.lineText(2);  // 'bc'
 * ```
 */
export class LineIndex {
  readonly #starts: number[] = [0];
  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.#starts.push(i + 1);
  }
  /** Line and column (1-based) of an offset. */
  position(offset: number): { line: number; column: number } {
    const starts = this.#starts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - (starts[lo] as number) + 1 };
  }
  /** The 1-based line of an offset. */
  line(offset: number): number {
    return this.position(offset).line;
  }
  /** The offset of a 1-based line and column (clamped to the text). */
  offset(line: number, column: number): number {
    const start = this.#starts[Math.max(0, line - 1)] ?? this.text.length;
    return Math.min(this.text.length, start + Math.max(0, column - 1));
  }
  /** The region of `[start, end)`. */
  region(start: number, end: number): TextRegion {
    const a = this.position(start);
    const b = this.position(Math.max(start, end));
    return { line: a.line, column: a.column, endLine: b.line, endColumn: b.column };
  }
  /** The text of line `line` (1-based), without its newline. */
  lineText(line: number): string {
    const start = this.#starts[line - 1] ?? this.text.length;
    const next = this.#starts[line];
    return this.text.slice(start, next === undefined ? undefined : next - 1).replace(/\r$/, '');
  }
}
