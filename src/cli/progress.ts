import type { TargetResult } from '../capabilities/scan/index.js';

/**
 * A one-line progress indicator on stderr (only on a TTY): targets done, findings, errors, rate.
 *
 * @example
 * ```ts
 * const p = new Progress(process.stderr);
 * p.update(result);
 * p.done();
 * ```
 */
export class Progress {
  readonly #out: NodeJS.WriteStream;
  readonly #started = Date.now();
  #done = 0;
  #findings = 0;
  #errors = 0;
  #last = 0;

  readonly #total: number | undefined;

  /** `total` is known for targets given as arguments, unknown for a streamed list. */
  constructor(out: NodeJS.WriteStream, total?: number) {
    this.#out = out;
    this.#total = total;
  }

  update(r: TargetResult): void {
    this.#done++;
    this.#findings += r.findings.length;
    if (r.error) this.#errors++;
    const now = Date.now();
    if (now - this.#last < 100) return;
    this.#last = now;
    const rate = this.#done / Math.max(0.001, (now - this.#started) / 1000);
    const width = 20;
    const fill = this.#total ? Math.min(width, Math.round((this.#done / this.#total) * width)) : 0;
    const bar = this.#total
      ? `[${'#'.repeat(fill)}${'.'.repeat(width - fill)}] ${this.#done}/${this.#total}`
      : `${this.#done}`;
    this.#out.write(
      `\r\x1b[2K${bar} targets · ${this.#findings} findings · ${this.#errors} errors · ${rate.toFixed(1)}/s`,
    );
  }

  /** Clears the line before other output. */
  clear(): void {
    this.#out.write('\r\x1b[2K');
  }

  done(): void {
    this.clear();
  }
}
