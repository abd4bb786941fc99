import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';

/**
 * Streams target URLs from a file (`-` for stdin), one per line; blank lines and `#` comments are skipped.
 * Lines are read lazily, so a file of 100,000 URLs is never held in memory.
 *
 * @example
 * ```ts
 * for await (const url of readTargets('targets.txt')) console.log(url);
 * ```
 */
export async function* readTargets(file: string, stdin: Readable = process.stdin): AsyncGenerator<string> {
  const input = file === '-' ? stdin : createReadStream(file, { encoding: 'utf8' });
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  try {
    for await (const line of lines) {
      const url = line.trim();
      if (url !== '' && !url.startsWith('#')) yield url;
    }
  } finally {
    lines.close();
  }
}

/** Chains sources of targets into one stream. */
export async function* concatTargets(
  ...sources: Array<Iterable<string> | AsyncIterable<string>>
): AsyncGenerator<string> {
  for (const s of sources) yield* s;
}
