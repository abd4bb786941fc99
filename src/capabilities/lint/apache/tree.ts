/**
 * The Apache httpd configuration syntax, read the way httpd reads it (server/util.c `ap_cfg_getline`,
 * `ap_getword_conf`; https://httpd.apache.org/docs/2.4/configuring.html#syntax): one directive per line,
 * a line ending in `\` continues on the next, a line whose first non-blank character is `#` is a comment
 * (there are no comments after a directive), arguments are separated by blanks and may be quoted with `"` or
 * `'` (a backslash escapes the quote inside), and `<Section args>` … `</Section>` nest.
 */

/** One argument: its value as httpd sees it and where it is written. */
export interface ApacheWord {
  readonly value: string;
  /** Offsets of the word as written, quotes included. */
  readonly start: number;
  readonly end: number;
  readonly quoted: boolean;
}

/** One directive (or section opening) and the section it is written in. */
export interface ApacheDirective {
  /** The directive name as written (`Header`, `SetEnvIfNoCase`); for a section `<If …>` the name `If`. */
  readonly name: string;
  readonly args: readonly ApacheWord[];
  readonly start: number;
  /** Offset of the end of the directive's last line (before its newline). */
  readonly end: number;
  readonly section: ApacheSection;
  /** The section it opens, for `<VirtualHost …>`, `<Directory …>`, `<If …>`, … */
  body?: ApacheSection;
}

/** A section, or the file's top level. */
export interface ApacheSection {
  readonly owner?: ApacheDirective;
  readonly parent?: ApacheSection;
  readonly directives: ApacheDirective[];
}

/** The parsed file: everything read up to the first syntax error, and that error. */
export interface ApacheConfig {
  readonly root: ApacheSection;
  readonly all: readonly ApacheDirective[];
  readonly error?: { readonly offset: number; readonly message: string };
}

/** One logical line: its pieces (physical lines joined at `\`), as offsets into the text. */
interface LogicalLine {
  readonly start: number;
  readonly end: number;
  /** Character offsets of the logical line's characters, in order (continuations skipped). */
  readonly chars: number[];
}

function* logicalLines(text: string): Generator<LogicalLine> {
  let i = 0;
  const n = text.length;
  while (i < n) {
    const chars: number[] = [];
    const start = i;
    let end = i;
    for (;;) {
      let eol = text.indexOf('\n', i);
      if (eol < 0) eol = n;
      let last = eol;
      while (last > i && /[ \t\r]/.test(text[last - 1] as string)) last--;
      const continued = last > i && text[last - 1] === '\\' && eol < n;
      const upto = continued ? last - 1 : last;
      for (let k = i; k < upto; k++) chars.push(k);
      end = upto;
      i = eol + 1;
      if (!continued) break;
      chars.push(-1); // the joined lines are separated by a blank
    }
    yield { start, end, chars };
  }
}

/**
 * Parses an Apache configuration into sections and directives (iteratively: deep nesting is fine). It stops
 * at the first syntax error (an unterminated quote, a section closed that is not open, a section left open)
 * and returns what it read before it with the error.
 *
 * @example
 * ```ts
 * parseApache('<IfModule mod_headers.c>\n  Header set Vary Origin\n</IfModule>').all.map((d) => d.name);
 * // ['IfModule', 'Header']
 * ```
 */
export function parseApache(text: string): ApacheConfig {
  const root: ApacheSection = { directives: [] };
  const all: ApacheDirective[] = [];
  let section = root;
  const fail = (offset: number, message: string): ApacheConfig => ({ root, all, error: { offset, message } });
  for (const line of logicalLines(text)) {
    const at = (k: number) => (line.chars[k] === -1 ? ' ' : (text[line.chars[k] as number] as string));
    const offset = (k: number) => {
      for (let j = k; j < line.chars.length; j++)
        if ((line.chars[j] as number) >= 0) return line.chars[j] as number;
      return line.end;
    };
    const words: ApacheWord[] = [];
    let k = 0;
    const n = line.chars.length;
    while (k < n && /[ \t]/.test(at(k))) k++;
    if (k >= n || at(k) === '#') continue;
    while (k < n) {
      while (k < n && /[ \t]/.test(at(k))) k++;
      if (k >= n) break;
      const c = at(k);
      const start = offset(k);
      let value = '';
      if (c === '"' || c === "'") {
        k++;
        let closed = false;
        while (k < n) {
          const ch = at(k);
          if (ch === '\\' && at(k + 1) === c && k + 1 < n) {
            value += c;
            k += 2;
            continue;
          }
          if (ch === c) {
            closed = true;
            k++;
            break;
          }
          value += ch;
          k++;
        }
        if (!closed) return fail(start, `unterminated ${c === '"' ? 'double' : 'single'}-quoted argument`);
        words.push({ value, start, end: offset(k - 1) + 1, quoted: true });
        continue;
      }
      while (k < n && !/[ \t]/.test(at(k))) value += at(k++);
      words.push({ value, start, end: offset(k - 1) + 1, quoted: false });
    }
    const first = words[0];
    if (!first) continue;
    if (first.value.startsWith('</')) {
      const name = first.value.slice(2).replace(/>$/, '');
      const open = section.owner;
      if (!open) return fail(first.start, `</${name}> closes a section that is not open`);
      if (open.name.toLowerCase() !== name.toLowerCase())
        return fail(first.start, `</${name}> closes <${open.name}>`);
      section = section.parent ?? root;
      continue;
    }
    const opens = first.value.startsWith('<') && !first.quoted;
    let args = words.slice(1);
    let name = first.value;
    if (opens) {
      name = first.value.slice(1).replace(/>$/, '');
      const last = args[args.length - 1];
      if (last && !last.quoted && last.value.endsWith('>')) {
        const trimmed = { ...last, value: last.value.slice(0, -1), end: last.end - 1 };
        args = trimmed.value === '' ? args.slice(0, -1) : [...args.slice(0, -1), trimmed];
      } else if (last?.quoted && text[last.end] === '>') {
        // `<If "expr">`: the `>` glued to the quote.
      } else if (!first.value.endsWith('>') && !(last && text[last.end] === '>'))
        return fail(first.start, `<${name} has no closing ">"`);
    }
    const d: ApacheDirective = { name, args, start: first.start, end: line.end, section };
    section.directives.push(d);
    all.push(d);
    if (opens) {
      d.body = { owner: d, parent: section, directives: [] };
      section = d.body;
    }
  }
  if (section !== root) return fail(text.length, `<${section.owner?.name}> is not closed`);
  return { root, all };
}
