import { styleText } from 'node:util';

/** A style of `node:util`'s `styleText` (`'red'`, `'bold'`, `['bold', 'red']`, …). */
export type Style = Parameters<typeof styleText>[0];

/** Paints `text` in `style`, or returns it unchanged when colours are off. */
export type Paint = (style: Style, text: string) => string;

/** What decides whether a report is coloured. */
export interface ColorChoice {
  /** `--color` (true) or `--no-color` (false); undefined when neither was given. */
  readonly flag?: boolean | undefined;
  /** Whether the report goes to a file (`-o`) rather than the stream. */
  readonly toFile?: boolean | undefined;
  /** The stream the report would be written to (only its `isTTY` is read). */
  readonly stream: { readonly isTTY?: boolean | undefined };
  /** The environment (only `NO_COLOR` is read). */
  readonly env: Readonly<Record<string, string | undefined>>;
}

/**
 * The one colour rule of every report: `--color`/`--no-color` win; otherwise colours only on a terminal,
 * never in a file, and never when `NO_COLOR` is set (https://no-color.org).
 *
 * @example
 * ```ts
 * colorEnabled({ stream: process.stdout, env: process.env }); // true on a terminal without NO_COLOR
 * colorEnabled({ flag: true, toFile: true, stream: process.stdout, env: {} }); // true: --color forces it
 * ```
 */
export function colorEnabled(choice: ColorChoice): boolean {
  return choice.flag ?? (choice.toFile !== true && choice.stream.isTTY === true && !choice.env.NO_COLOR);
}

const plain: Paint = (_style, text) => text;
// The caller decides (--color, TTY, NO_COLOR); styleText must not re-check process.stdout, which would drop
// colours forced with --color into a pipe (Node >= 20.x checks the stream by default).
const ansi: Paint = (style, text) => styleText(style, text, { validateStream: false });

/**
 * The painter of a report: ANSI styles when `color` is true, the text unchanged otherwise.
 *
 * @example
 * ```ts
 * const paint = painter(true);
 * paint('red', '✗'); // '\u001b[31m✗\u001b[39m'
 * painter(false)('red', '✗'); // '✗'
 * ```
 */
export function painter(color: boolean): Paint {
  return color ? ansi : plain;
}
