import { type EnvAssignment, readsOrigin, rewriteEnvFlags, setEnvAssignments } from './directives.js';
import type { ApacheConfig, ApacheDirective, ApacheWord } from './tree.js';

/** A test of the Origin written in the config: a `SetEnvIf Origin` regex, a `RewriteCond %{HTTP:Origin}`, an `<If>`. */
export interface ApacheCheck {
  readonly kind: 'regex' | 'literal';
  readonly directive: ApacheDirective;
  /** The regex or string as httpd sees it. */
  readonly text: string;
  readonly flags: '' | 'i';
  /** Where the regex is written (inside an `<If>` expression: just the regex). */
  readonly start: number;
  readonly end: number;
  /** The word holding it, replaced by a fix (undefined: no exact edit, e.g. inside an `<If>` expression). */
  readonly word?: ApacheWord;
  readonly rule: string;
  readonly describe: string;
}

/** One value an environment variable gets, and the Origin check it is set under (none: unconditional). */
export interface EnvValue {
  readonly value: string;
  readonly check?: ApacheCheck;
  readonly directive: ApacheDirective;
  /** The value is the Origin itself (`%{HTTP:Origin}`) or a match group of the check (`$0`, `%1`). */
  readonly reflects: boolean;
  /** The value is a match group (`$0`, `$1`, `%0`…): only the matched part of the Origin is answered. */
  readonly captured: boolean;
}

const ORIGIN_IN_EXPR =
  /(?:%\{HTTP:Origin\}|%\{HTTP_ORIGIN\}|%\{req:Origin\}|\b(?:req|http)\(\s*['"]Origin['"]\s*\))\s*(=~|==|-strmatch)\s*/i;

/** What the file says about the Origin: the checks it is tested with and the variables set from it. */
export class ApacheOriginFacts {
  readonly checks: ApacheCheck[] = [];
  readonly env = new Map<string, EnvValue[]>();
  /** Checks whose every use answers a match group (`$0`): proved as a whole-string match. */
  readonly capturedOnly = new Set<ApacheCheck>();
  readonly ifChecks = new Map<ApacheDirective, ApacheCheck>();

  constructor(config: ApacheConfig) {
    let conds: { check?: ApacheCheck; negated: boolean }[] = [];
    const captured = new Map<ApacheCheck, boolean[]>();
    const add = (a: EnvAssignment, d: ApacheDirective, check: ApacheCheck | undefined, group: RegExp) => {
      if (a.unset) return;
      const isGroup = group.test(a.value);
      const reflects = readsOrigin(a.value) || (check !== undefined && isGroup);
      const list = this.env.get(a.variable) ?? [];
      list.push({
        value: a.value,
        directive: d,
        reflects,
        captured: isGroup && !readsOrigin(a.value),
        ...(check ? { check } : {}),
      });
      this.env.set(a.variable, list);
      if (check) captured.set(check, [...(captured.get(check) ?? []), isGroup && !readsOrigin(a.value)]);
    };
    for (const d of config.all) {
      const name = d.name.toLowerCase();
      if ((name === 'setenvif' || name === 'setenvifnocase') && d.args.length >= 2) {
        const [attribute, regex] = d.args as [ApacheWord, ApacheWord];
        if (attribute.value.toLowerCase() !== 'origin') continue;
        const check: ApacheCheck = {
          kind: 'regex',
          directive: d,
          text: regex.value,
          flags: name === 'setenvifnocase' ? 'i' : '',
          start: regex.start,
          end: regex.end,
          word: regex,
          rule: 'apache/setenvif-origin',
          describe: `the Apache \`${d.name} Origin\` regex`,
        };
        this.checks.push(check);
        for (const a of setEnvAssignments(d.args.slice(2))) add(a, d, check, /\$[0-9]/);
      } else if (name === 'rewritecond' && d.args.length >= 2) {
        const [subject, pattern, flags] = d.args as [ApacheWord, ApacheWord, ApacheWord | undefined];
        if (!/^%\{HTTP:Origin\}$|^%\{HTTP_ORIGIN\}$/i.test(subject.value)) {
          conds.push({ negated: false });
          continue;
        }
        const negated = pattern.value.startsWith('!');
        const body = negated ? pattern.value.slice(1) : pattern.value;
        const literal = body.startsWith('=');
        const check: ApacheCheck = {
          kind: literal ? 'literal' : 'regex',
          directive: d,
          text: literal ? body.slice(1) : body,
          flags: /\bNC\b|nocase/i.test(flags?.value ?? '') ? 'i' : '',
          start: pattern.start,
          end: pattern.end,
          ...(negated || literal ? {} : { word: pattern }),
          rule: 'apache/rewritecond-origin',
          describe: 'the Apache `RewriteCond %{HTTP:Origin}` pattern',
        };
        if (!/^[<>-]/.test(body)) this.checks.push(check);
        conds.push({ check, negated });
      } else if (name === 'rewriterule') {
        const flags = d.args[2]?.value ?? '';
        const guard = conds.find((c) => c.check && !c.negated)?.check;
        for (const a of rewriteEnvFlags(flags)) add(a, d, guard, /%[0-9]/);
        conds = [];
      } else if ((name === 'if' || name === 'elseif') && d.args[0]) {
        const check = ifCheck(d, d.args[0]);
        if (check) {
          this.checks.push(check);
          this.ifChecks.set(d, check);
        }
      }
    }
    for (const [check, uses] of captured)
      if (uses.length > 0 && uses.every(Boolean)) this.capturedOnly.add(check);
  }
}

/** The Origin check of `<If "%{HTTP:Origin} =~ /…/">` / `m#…#i` / `== 'https://…'`. */
function ifCheck(d: ApacheDirective, word: ApacheWord): ApacheCheck | undefined {
  const expr = word.value;
  const m = ORIGIN_IN_EXPR.exec(expr);
  if (!m) return undefined;
  const rest = expr.slice(m.index + m[0].length);
  const base = word.start + (word.quoted ? 1 : 0) + m.index + m[0].length;
  const common = {
    directive: d,
    rule: 'apache/if-origin',
    describe: 'the Apache `<If>` Origin test',
  } as const;
  if (m[1] === '=~') {
    const r = /^(?:\/((?:\\.|[^/\\])*)\/|m(.)((?:\\.|(?!\2).)*)\2)([a-z]*)/.exec(rest);
    if (!r) return undefined;
    const source = r[1] ?? r[3] ?? '';
    const offset = r[1] !== undefined ? 1 : 2;
    return {
      kind: 'regex',
      text: source,
      flags: (r[4] ?? '').includes('i') ? 'i' : '',
      start: base + offset,
      end: base + offset + source.length,
      ...common,
    };
  }
  const lit = /^(['"])(.*?)\1/.exec(rest);
  if (!lit) return undefined;
  return {
    kind: 'literal',
    text: lit[2] ?? '',
    flags: '',
    start: base + 1,
    end: base + 1 + (lit[2] ?? '').length,
    ...common,
  };
}
