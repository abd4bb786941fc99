import type { ApacheDirective, ApacheWord } from './tree.js';

/** One `Header [always|onsuccess] action name [value] [early|env=…|expr=…]` (mod_headers). */
export interface HeaderDirective {
  readonly directive: ApacheDirective;
  readonly table: 'always' | 'onsuccess';
  readonly action: string;
  /** The field name, lower case. */
  readonly name: string;
  readonly value?: ApacheWord;
  /** `env=VAR` / `env=!VAR`: the header is sent only when the variable is set (not set). */
  readonly env?: { readonly variable: string; readonly negated: boolean };
}

const WITH_VALUE = new Set(['set', 'append', 'add', 'merge', 'setifempty']);

/**
 * Reads a mod_headers `Header` directive (https://httpd.apache.org/docs/2.4/mod/mod_headers.html#header);
 * undefined for anything else.
 *
 * @example
 * ```ts
 * // Header always set Access-Control-Allow-Origin "%{ORIGIN_OK}e" env=ORIGIN_OK
 * headerDirective(d); // { table: 'always', action: 'set', name: 'access-control-allow-origin', env: { variable: 'ORIGIN_OK', negated: false }, … }
 * ```
 */
export function headerDirective(d: ApacheDirective): HeaderDirective | undefined {
  if (d.name.toLowerCase() !== 'header') return undefined;
  const args = [...d.args];
  let table: 'always' | 'onsuccess' = 'onsuccess';
  const first = args[0]?.value.toLowerCase();
  if (first === 'always' || first === 'onsuccess') {
    table = first;
    args.shift();
  }
  const action = args.shift()?.value.toLowerCase();
  const name = args.shift()?.value.toLowerCase();
  if (!action || !name) return undefined;
  const value = WITH_VALUE.has(action) ? args.shift() : undefined;
  let env: HeaderDirective['env'];
  for (const w of args) {
    const m = /^env=(!?)(.+)$/i.exec(w.value);
    if (m) env = { variable: m[2] as string, negated: m[1] === '!' };
  }
  return { directive: d, table, action, name, ...(value ? { value } : {}), ...(env ? { env } : {}) };
}

/** `VAR=value`, `VAR` (set to 1) or `!VAR` (unset) of `SetEnvIf`, and `E=VAR:value` of a `RewriteRule`. */
export interface EnvAssignment {
  readonly variable: string;
  readonly value: string;
  readonly unset: boolean;
}

/** The assignments of a `SetEnvIf` (its arguments after the attribute and the regex). */
export function setEnvAssignments(words: readonly ApacheWord[]): EnvAssignment[] {
  return words.map((w) => {
    if (w.value.startsWith('!')) return { variable: w.value.slice(1), value: '', unset: true };
    const eq = w.value.indexOf('=');
    return eq < 0
      ? { variable: w.value, value: '1', unset: false }
      : { variable: w.value.slice(0, eq), value: w.value.slice(eq + 1), unset: false };
  });
}

/** The `E=VAR:value` / `env=VAR:value` flags of a `RewriteRule` flags word (`[E=CORS:%{HTTP:Origin},L]`). */
export function rewriteEnvFlags(flags: string): EnvAssignment[] {
  const inner = flags.replace(/^\[|\]$/g, '');
  const out: EnvAssignment[] = [];
  for (const flag of inner.split(/,(?![^{]*\})/)) {
    const m = /^(?:E|env)=(!?)([^:]+)(?::(.*))?$/i.exec(flag.trim());
    if (m) out.push({ variable: m[2] as string, value: m[3] ?? '', unset: m[1] === '!' });
  }
  return out;
}

/** True when a value is the request's Origin itself, in any of mod_headers' and ap_expr's spellings. */
export function readsOrigin(value: string): boolean {
  return /%\{Origin\}i|%\{HTTP_ORIGIN\}e?|%\{(?:req|http|HTTP):Origin\}|\b(?:req|http)\(\s*['"]Origin['"]\s*\)/i.test(
    value,
  );
}

/** The environment variables a mod_headers value reads with `%{VAR}e`. */
export function envReads(value: string): string[] {
  return [...value.matchAll(/%\{([^}:]+)\}e/g)].map((m) => m[1] as string);
}
