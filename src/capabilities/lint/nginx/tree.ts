/**
 * The nginx configuration syntax, read the way nginx's own `ngx_conf_read_token` reads it
 * (src/core/ngx_conf_file.c): words separated by blanks, `;` ends a directive, `{` opens a block and `}`
 * closes it, `#` at the start of a word comments to the end of the line, `"…"`/`'…'` quote a word (a
 * quoted word must be followed by a blank, `;`, `{` or `)`), a `\` escapes the next character (`\"`, `\'`,
 * `\\` lose the backslash, `\t`/`\r`/`\n` become the control character, any other `\x` is kept as is, so
 * regexes keep their `\.`), and `${name}` is a variable whose braces do not open a block.
 */

/** One word of a directive: its value as nginx sees it and where it is written. */
export interface NginxWord {
  readonly value: string;
  /** Offsets of the word as written, quotes included. */
  readonly start: number;
  readonly end: number;
  readonly quoted: boolean;
}

/** One directive (`name args…;`) or block directive (`name args… { … }`). */
export interface NginxDirective {
  readonly name: string;
  /** The name and the arguments, in order. */
  readonly words: readonly NginxWord[];
  readonly args: readonly NginxWord[];
  readonly start: number;
  /** Offset just after the `;` (or the `{` of a block directive). */
  readonly end: number;
  /** The block this directive is written in. */
  readonly parent: NginxBlock;
  /** The block it opens, for `server { … }`, `location … { … }`, `if (…) { … }`, `map … { … }`. */
  body?: NginxBlock;
}

/** A block: the top level of the file, or the `{ … }` of a block directive. */
export interface NginxBlock {
  /** The directive that opened it; undefined for the file's top level. */
  readonly owner?: NginxDirective;
  readonly parent?: NginxBlock;
  readonly directives: NginxDirective[];
}

/** A syntax error nginx would refuse the file for (`nginx -t`), with its offset. */
export interface NginxSyntaxError {
  readonly offset: number;
  readonly message: string;
}

/** The parsed file: everything read up to the first syntax error, and that error. */
export interface NginxConfig {
  readonly root: NginxBlock;
  /** Every directive of the file in source order (no recursion needed to visit them). */
  readonly all: readonly NginxDirective[];
  readonly error?: NginxSyntaxError;
}

const BLANK = new Set([' ', '\t', '\r', '\n']);
const ESCAPES: Record<string, string> = { '"': '"', "'": "'", '\\': '\\', t: '\t', r: '\r', n: '\n' };

/**
 * Parses an nginx configuration into blocks and directives (iteratively: 10,000 nested blocks are fine).
 * It stops at the first syntax error and returns what it read before it with the error.
 *
 * @example
 * ```ts
 * const conf = parseNginx('location / { add_header Vary Origin; }');
 * conf.all.map((d) => d.name); // ['location', 'add_header']
 * ```
 */
export function parseNginx(text: string): NginxConfig {
  const root: NginxBlock = { directives: [] };
  const all: NginxDirective[] = [];
  let block = root;
  let words: NginxWord[] = [];
  let i = 0;
  const n = text.length;
  const finish = (end: number, opens: boolean): NginxDirective | undefined => {
    const first = words[0];
    if (!first) return undefined;
    const d: NginxDirective = {
      name: first.value,
      words,
      args: words.slice(1),
      start: first.start,
      end,
      parent: block,
    };
    block.directives.push(d);
    all.push(d);
    words = [];
    if (opens) {
      d.body = { owner: d, parent: block, directives: [] };
      block = d.body;
    }
    return d;
  };
  const fail = (offset: number, message: string): NginxConfig => ({
    root,
    all,
    error: { offset, message },
  });
  while (i < n) {
    const c = text[i] as string;
    if (BLANK.has(c)) {
      i++;
      continue;
    }
    if (c === '#') {
      while (i < n && text[i] !== '\n') i++;
      continue;
    }
    if (c === ';') {
      if (words.length === 0) return fail(i, 'unexpected ";"');
      finish(i + 1, false);
      i++;
      continue;
    }
    if (c === '{') {
      if (words.length === 0) return fail(i, 'unexpected "{"');
      finish(i + 1, true);
      i++;
      continue;
    }
    if (c === '}') {
      if (words.length > 0) return fail(i, 'unexpected "}" (a directive before it has no ";")');
      if (!block.parent) return fail(i, 'unexpected "}" (no block is open)');
      block = block.parent;
      i++;
      continue;
    }
    // A word: quoted or not.
    const start = i;
    let value = '';
    if (c === '"' || c === "'") {
      i++;
      let closed = false;
      while (i < n) {
        const ch = text[i] as string;
        if (ch === '\\' && i + 1 < n) {
          const next = text[i + 1] as string;
          value += ESCAPES[next] ?? `\\${next}`;
          i += 2;
          continue;
        }
        if (ch === c) {
          closed = true;
          i++;
          break;
        }
        value += ch;
        i++;
      }
      if (!closed) return fail(start, `unterminated ${c === '"' ? 'double' : 'single'}-quoted string`);
      const after = text[i];
      if (after !== undefined && !BLANK.has(after) && after !== ';' && after !== '{' && after !== ')')
        return fail(i, `unexpected "${after}" after a quoted string`);
      words.push({ value, start, end: i, quoted: true });
      if (after === ')') i++; // nginx takes `)` right after a quote as the end of an `if` condition
      continue;
    }
    let variable = false;
    while (i < n) {
      const ch = text[i] as string;
      if (ch === '{' && variable) {
        // `${name}`: read to the closing brace, which belongs to the word.
        const close = text.indexOf('}', i);
        if (close < 0) return fail(i, 'unterminated "${" variable');
        value += text.slice(i, close + 1);
        i = close + 1;
        variable = false;
        continue;
      }
      variable = false;
      if (BLANK.has(ch) || ch === ';' || ch === '{') break;
      if (ch === '\\' && i + 1 < n) {
        const next = text[i + 1] as string;
        value += ESCAPES[next] ?? `\\${next}`;
        i += 2;
        continue;
      }
      if (ch === '$') variable = true;
      value += ch;
      i++;
    }
    words.push({ value, start, end: i, quoted: false });
  }
  if (words.length > 0) return fail(n, 'unexpected end of file, expecting ";" or "}"');
  if (block !== root) return fail(n, 'unexpected end of file, expecting "}"');
  return { root, all };
}

/** The names of the variables a word uses: `$http_origin`, `${cors}` → `http_origin`, `cors`. */
export function variablesOf(value: string): string[] {
  return [...value.matchAll(/\$(?:\{([A-Za-z0-9_]+)\}|([A-Za-z0-9_]+))/g)].map((m) =>
    (m[1] ?? m[2] ?? '').toLowerCase(),
  );
}

/** The variable a word is exactly (`$cors`, `"${cors}"`), else undefined. */
export function onlyVariable(value: string): string | undefined {
  const m = /^\$(?:\{([A-Za-z0-9_]+)\}|([A-Za-z0-9_]+))$/.exec(value.trim());
  return m ? (m[1] ?? m[2] ?? '').toLowerCase() : undefined;
}
