import type { NginxDirective, NginxWord } from './tree.js';
import { onlyVariable } from './tree.js';

/**
 * The condition of an nginx `if (…)` block, as ngx_http_rewrite_module reads it
 * (https://nginx.org/en/docs/http/ngx_http_rewrite_module.html#if): a variable alone (false when empty or
 * "0"), a comparison `=`/`!=` with a string, or a match `~` (case-sensitive), `~*` (case-insensitive),
 * `!~`, `!~*` with a regular expression.
 */
export interface NginxCondition {
  /** The tested variable, lower case, without `$`. */
  readonly variable: string;
  readonly op: 'truthy' | '=' | '!=' | '~' | '~*' | '!~' | '!~*';
  /** The string or regex compared with, as nginx sees it, and where it is written. */
  readonly operand?: NginxWord;
}

/**
 * Reads the condition of an `if` directive; undefined for the file tests (`-f`, `-d`, …) and for what is not
 * a condition on a variable.
 *
 * @example
 * ```ts
 * // if ($http_origin ~* "^https://app\.example\.com$") { … }
 * ifCondition(directive); // { variable: 'http_origin', op: '~*', operand: { value: '^https://app\\.example\\.com$', … } }
 * ```
 */
export function ifCondition(d: NginxDirective): NginxCondition | undefined {
  if (d.name !== 'if' || d.args.length === 0) return undefined;
  const args = d.args.map((w) => ({ ...w }));
  // `(` and `)` may be words of their own or glued to the first and last words.
  const first = args[0] as { value: string; start: number; end: number; quoted: boolean };
  if (first.value === '(') args.shift();
  else if (first.value.startsWith('(') && !first.quoted) {
    first.value = first.value.slice(1);
    first.start += 1;
  }
  const last = args[args.length - 1];
  if (last && !last.quoted) {
    if (last.value === ')') args.pop();
    else if (last.value.endsWith(')')) {
      last.value = last.value.slice(0, -1);
      last.end -= 1;
    }
  }
  const subject = args[0];
  if (!subject) return undefined;
  const variable = onlyVariable(subject.value);
  if (variable === undefined) return undefined;
  if (args.length === 1) return { variable, op: 'truthy' };
  const op = args[1]?.value;
  const operand = args[2];
  if (!operand || !(op === '=' || op === '!=' || op === '~' || op === '~*' || op === '!~' || op === '!~*'))
    return undefined;
  return { variable, op, operand };
}

/** True for a value nginx's `if ($var)` takes as true: not empty and not "0". */
export function truthy(value: string): boolean {
  return value !== '' && value !== '0';
}
