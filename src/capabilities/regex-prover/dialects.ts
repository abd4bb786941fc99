import { CorsguardError } from '../../core/errors/index.js';
import type { JsRegex } from './regex-language.js';

/**
 * How the regex is applied to the Origin value, by the engine that runs it:
 * - `js`: `new RegExp(source, flags).test(origin)`: matches anywhere unless anchored;
 * - `pcre`: PCRE2 as nginx (`~`, `~*`, `map`) and Apache (`SetEnvIf`, `<If … =~>`) run it: matches anywhere;
 * - `python-match`: `re.match(pattern, origin)` (django-cors-headers, flask-cors): anchored at the start only;
 * - `python-fullmatch`: `re.fullmatch`: anchored at both ends;
 * - `python-search`: `re.search`: matches anywhere (Starlette's `allow_origin_regex` uses `fullmatch`).
 */
export type RegexDialect = 'js' | 'pcre' | 'python-match' | 'python-fullmatch' | 'python-search';

/** A regex as found in code or a config: its source, its flags (`i` for `~*`, `SetEnvIfNoCase`, `re.I`) and dialect. */
export interface OriginRegex {
  readonly source: string;
  /** JavaScript flags, or `i` for a case-insensitive match in the other dialects. */
  readonly flags: string;
  readonly dialect: RegexDialect;
}

function unsupported(regex: OriginRegex, what: string): CorsguardError {
  return new CorsguardError(
    'REGEX_UNSUPPORTED',
    `${regex.dialect} regex ${JSON.stringify(regex.source)} uses ${what}, which the prover does not translate; it is not proven`,
  );
}

/**
 * Rewrites the constructs of PCRE and Python `re` that JavaScript spells differently, refusing those it
 * cannot translate exactly (a construct refused is never silently read another way). Origins never hold a
 * newline (a header value cannot), so PCRE's and Python's `$` (which also matches before a final newline)
 * behave like JavaScript's on every origin.
 */
function translate(regex: OriginRegex): { source: string; flags: string } {
  let source = regex.source;
  let flags = regex.flags;
  // A leading inline flag group: (?i), (?s), (?is)…
  const inline = /^\(\?([a-zA-Z]+)\)/.exec(source);
  if (inline?.[1]) {
    for (const f of inline[1]) {
      if (f === 'i' || f === 's') flags += f;
      else if (f !== 'u' && f !== 'x') throw unsupported(regex, `the inline flag (?${f})`);
      else if (f === 'x') throw unsupported(regex, 'the verbose flag (?x)');
    }
    source = source.slice(inline[0].length);
  }
  let out = '';
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i] as string;
    const next = source[i + 1];
    if (c === '\\') {
      if (next === undefined) throw unsupported(regex, 'a trailing backslash');
      if (!inClass && next === 'A') out += '^';
      else if (!inClass && (next === 'Z' || next === 'z')) out += '$';
      else if (next === '/') out += '\\/';
      else if (/[QEGKhHvVRX]/.test(next)) throw unsupported(regex, `\\${next}`);
      else out += c + next;
      i++;
      continue;
    }
    if (inClass) {
      if (c === '[' && next === ':') throw unsupported(regex, 'a POSIX class ([:alpha:])');
      if (c === ']') inClass = false;
      out += c;
      continue;
    }
    if (c === '[') {
      inClass = true;
      out += c;
      if (next === '^') out += source[++i];
      if (source[i + 1] === ']') out += `\\${source[++i]}`; // `[]…]` and `[^]…]`: a literal ] first
      continue;
    }
    if (c === '(' && next === '?') {
      const rest = source.slice(i + 2);
      if (rest.startsWith('P<')) {
        out += '(?<';
        i += 3;
        continue;
      }
      if (/^(?:[:=!]|<[=!])/.test(rest)) {
        out += '(?';
        i++;
        continue;
      }
      if (/^<[A-Za-z_]/.test(rest)) {
        out += '(?';
        i++;
        continue;
      }
      throw unsupported(regex, `the group (?${rest.slice(0, 2)}…`);
    }
    if ((c === '+' || c === '}') && i > 0 && next === '+')
      throw unsupported(regex, 'a possessive quantifier');
    if (c === '/') {
      out += '\\/';
      continue;
    }
    out += c;
  }
  return { source: out, flags: [...new Set(flags)].join('') };
}

/**
 * The JavaScript regex whose `test` accepts exactly the origins the given regex accepts in its dialect.
 *
 * @example
 * ```ts
 * toJsRegex({ source: 'https://.*\\.example\\.com', flags: '', dialect: 'python-match' });
 * // { source: '^(?:https:\\/\\/.*\\.example\\.com)', flags: '' }
 * toJsRegex({ source: '(?i)^https://app\\.example\\.com$', flags: '', dialect: 'pcre' });
 * // { source: '^https:\\/\\/app\\.example\\.com$', flags: 'i' }
 * ```
 */
export function toJsRegex(regex: OriginRegex): JsRegex {
  if (regex.dialect === 'js') return { source: regex.source, flags: regex.flags };
  const { source, flags } = translate(regex);
  try {
    new RegExp(source);
  } catch (e) {
    throw new CorsguardError(
      'REGEX_UNSUPPORTED',
      `${regex.dialect} regex ${JSON.stringify(regex.source)} is not valid (or uses syntax JavaScript lacks): ${(e as Error).message}`,
      { cause: e },
    );
  }
  if (regex.dialect === 'python-match') return { source: `^(?:${source})`, flags };
  if (regex.dialect === 'python-fullmatch') return { source: `^(?:${source})$`, flags };
  return { source, flags };
}
