import { ifCondition, type NginxCondition, truthy } from './condition.js';
import type { NginxBlock, NginxConfig, NginxDirective, NginxWord } from './tree.js';
import { onlyVariable, variablesOf } from './tree.js';

/** A test of the Origin written in the config: a regex (`~`, `~*`, a `map` regex key) or an exact string. */
export interface OriginCheck {
  readonly kind: 'regex' | 'literal';
  /** The regex or string word (for a map key: with its `~`/`~*` prefix). */
  readonly word: NginxWord;
  /** The regex source or the literal, as nginx sees it (map prefix removed). */
  readonly text: string;
  readonly flags: '' | 'i';
  readonly directive: NginxDirective;
  /** The `~`/`~*` prefix of a map key, kept by a fix. */
  readonly mapPrefix?: string;
}

/** One value a variable can get: from `set $v value;` or from one entry of `map $http_origin $v { … }`. */
export interface VariableValue {
  readonly value: string;
  readonly directive: NginxDirective;
  /** For a map entry: the key's check; `default` (and a map on anything but the Origin) has none. */
  readonly mapCheck?: OriginCheck;
  readonly fromMap: boolean;
  readonly isDefault: boolean;
}

/** What the file says about the Origin: its checks and the variables set from it or under its checks. */
export class OriginFacts {
  readonly checks: OriginCheck[] = [];
  readonly values = new Map<string, VariableValue[]>();
  /** `map` directives whose source is `$http_origin`. */
  readonly originMaps: NginxDirective[] = [];

  constructor(readonly config: NginxConfig) {
    for (const d of config.all) {
      if (d.name === 'set' && d.args.length >= 2) {
        const v = onlyVariable((d.args[0] as NginxWord).value);
        if (v)
          this.#add(v, {
            value: (d.args[1] as NginxWord).value,
            directive: d,
            fromMap: false,
            isDefault: false,
          });
      } else if (d.name === 'map' && d.body && d.args.length >= 2) {
        this.#readMap(d);
      } else if (d.name === 'if') {
        const c = ifCondition(d);
        if (c?.variable === 'http_origin' && c.operand) this.checks.push(conditionCheck(c, c.operand, d));
      }
    }
  }

  readonly #returns = new WeakMap<NginxBlock, NginxDirective[]>();

  /** The `if (…) { … return …; }` directives of a block, in order. */
  #returnIfs(block: NginxBlock): NginxDirective[] {
    let list = this.#returns.get(block);
    if (!list) {
      list = block.directives.filter(
        (x) => x.name === 'if' && x.body?.directives.some((y) => y.name === 'return'),
      );
      this.#returns.set(block, list);
    }
    return list;
  }

  #add(variable: string, value: VariableValue): void {
    const list = this.values.get(variable) ?? [];
    list.push(value);
    this.values.set(variable, list);
  }

  #readMap(d: NginxDirective): void {
    const source = (d.args[0] as NginxWord).value;
    const out = onlyVariable((d.args[1] as NginxWord).value);
    if (!out || !d.body) return;
    const onOrigin = onlyVariable(source) === 'http_origin';
    if (onOrigin) this.originMaps.push(d);
    for (const entry of d.body.directives) {
      const key = entry.words[0] as NginxWord;
      const value = entry.args[0];
      if (!value || entry.args.length > 1 || ['hostnames', 'volatile', 'include'].includes(entry.name))
        continue;
      const isDefault = key.value === 'default' && !key.quoted;
      let mapCheck: OriginCheck | undefined;
      if (onOrigin && !isDefault) {
        const m = /^~\*?/.exec(key.value);
        const regex = m !== null && m[0].length > 0;
        const prefix = m?.[0] ?? '';
        mapCheck = {
          kind: regex ? 'regex' : 'literal',
          word: key,
          text: regex ? key.value.slice(prefix.length) : key.value.replace(/^\\~/, '~'),
          flags: prefix === '~*' ? 'i' : '',
          directive: entry,
          ...(regex ? { mapPrefix: prefix } : {}),
        };
        // A regex key whose value is a fixed origin answers that origin, never the attacker's: no check to prove.
        if (!(regex && !value.value.includes('$') && /^[a-z][a-z0-9+.-]*:\/\//i.test(value.value)))
          if (truthy(value.value)) this.checks.push(mapCheck);
      }
      this.#add(out, {
        value: value.value,
        directive: entry,
        fromMap: true,
        isDefault: isDefault || !onOrigin,
        ...(mapCheck ? { mapCheck } : {}),
      });
    }
  }

  /**
   * The checks an Origin must pass to reach a directive: one list per enclosing `if` (or earlier
   * `if (…) { return …; }` in the same or an enclosing block) that restricts the Origin, each list the
   * alternatives that let it through. Empty: nothing in the config restricts the Origin there.
   */
  guardsOf(d: NginxDirective, depth = 0): OriginCheck[][] {
    if (depth > 20) return [];
    const out: OriginCheck[][] = [];
    let child = d;
    for (let block: NginxBlock | undefined = d.parent; block; block = block.parent) {
      const owner = block.owner;
      if (owner?.name === 'if') {
        const c = ifCondition(owner);
        const g = c && this.#passes(c, true, depth);
        if (g) out.push(g);
      }
      // `if ($http_origin !~ …) { return 403; }` before the directive, in the same block.
      for (const before of this.#returnIfs(block)) {
        if (before.start >= child.start) break;
        const c = ifCondition(before);
        const g = c && this.#passes(c, false, depth);
        if (g) out.push(g);
      }
      if (!owner) break;
      child = owner;
    }
    return out;
  }

  /** The checks that let a request take this branch of `c` (`when` = the condition holds); undefined: any Origin may. */
  #passes(c: NginxCondition, when: boolean, depth: number): OriginCheck[] | undefined {
    if (c.variable === 'http_origin') {
      if (!c.operand) return undefined;
      const regexHolds = c.op === '~' || c.op === '~*';
      const regexFails = c.op === '!~' || c.op === '!~*';
      if ((when && (regexHolds || c.op === '=')) || (!when && (regexFails || c.op === '!=')))
        return [
          this.checks.find((k) => k.word.start === c.operand?.start) ??
            conditionCheck(c, c.operand, undefined),
        ];
      return undefined;
    }
    const values = this.values.get(c.variable);
    if (!values) return undefined;
    const selfRef = values.some((v) => variablesOf(v.value).includes(c.variable));
    const out: OriginCheck[] = [];
    for (const v of values) {
      if (variablesOf(v.value).includes(c.variable)) continue;
      const holds =
        c.op === 'truthy' || selfRef || !c.operand
          ? truthy(v.value)
          : c.op === '='
            ? v.value === c.operand.value
            : c.op === '!='
              ? v.value !== c.operand.value
              : truthy(v.value);
      if (holds !== when) continue;
      if (v.fromMap) {
        if (!v.mapCheck) return undefined;
        out.push(v.mapCheck);
        continue;
      }
      const guards = this.guardsOf(v.directive, depth + 1);
      if (guards.length === 0) return undefined;
      out.push(...guards.flat());
    }
    return out;
  }
}

function conditionCheck(c: NginxCondition, operand: NginxWord, d: NginxDirective | undefined): OriginCheck {
  const regex = c.op !== '=' && c.op !== '!=';
  return {
    kind: regex ? 'regex' : 'literal',
    word: operand,
    text: operand.value,
    flags: c.op.endsWith('*') ? 'i' : '',
    directive: d as NginxDirective,
  };
}
