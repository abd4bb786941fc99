/**
 * 1-based line numbers of offsets in one text, from a line-start index built once.
 *
 * @example
 * ```ts
 * new Lines('a\nb').at(2); // 2
 * ```
 */
export class Lines {
  readonly #starts: number[] = [0];
  constructor(text: string) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.#starts.push(i + 1);
  }
  /** The 1-based line of a UTF-16 offset. */
  at(offset: number): number {
    const starts = this.#starts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }
}
