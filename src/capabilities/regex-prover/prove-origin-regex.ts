import { DFA, JS, NFA, TooManyNodesError } from 'refa';
import { parse as parseDomain } from 'tldts';
import { CorsguardError } from '../../core/errors/index.js';
import { hostSite } from '../../core/origin/index.js';
import { anyOriginSource, readableShapes, sameSiteSource } from './attacker-origins.js';
import { DEFAULT_PROVER_LIMITS, type JsRegex, type ProverLimits, testLanguage } from './regex-language.js';

/** Why a counterexample origin is not trusted. */
export type CounterexampleKind = 'cross-site' | 'insecure-scheme' | 'null';

/** An origin the regex accepts that an attacker controls, re-checked by the real engine and the PSL. */
export interface Counterexample {
  readonly kind: CounterexampleKind;
  readonly origin: string;
  /** Registrable domain of the origin's host by the Public Suffix List (tldts); null for `null`. */
  readonly registrableDomain: string | null;
  /** True when the host's public suffix is a PSL entry (a TLD one can really register under), not the default rule. */
  readonly listedSuffix: boolean;
}

/** Options for {@link proveOriginRegex}. */
export interface ProveOptions {
  /** The trusted site (a registrable domain, e.g. `example.com`); derived from the regex's literal host when omitted. */
  readonly trustedSite?: string;
  /** Also trust `http://` origins on the site (default false: only https origins are trusted). */
  readonly allowHttp?: boolean;
  readonly limits?: Partial<ProverLimits>;
}

/** The prover's verdict on one regex. */
export interface ProofResult {
  readonly regex: JsRegex;
  readonly trustedSite: string;
  /** True when `trustedSite` was derived from the regex's literal host rather than given. */
  readonly trustedSiteDerived: boolean;
  /** `safe`: no attacker origin of the searched language is accepted (see {@link proveOriginRegex}); else `vulnerable`. */
  readonly verdict: 'safe' | 'vulnerable';
  /** The shortest readable counterexample per kind, most serious first (cross-site, insecure-scheme, null). */
  readonly counterexamples: readonly Counterexample[];
}

const PREFERRED = 'xaeiotnsrlcdmpbfghjkquvwyz0123456789-.:/';

function nfaOf(source: string, maxCharacter: number, maxNodes: number): NFA {
  const { expression } = JS.Parser.fromLiteral({ source, flags: maxCharacter > 0xffff ? 'u' : '' }).parse({
    maxNodes,
  });
  return NFA.fromRegex(expression, { maxCharacter }, {}, new NFA.LimitedNodeFactory(maxNodes));
}

/** Shortest accepted word by breadth-first search over the DFA's states (each state visited once). */
function shortest(dfa: DFA): string | null {
  type Node = DFA['initial'];
  const parent = new Map<Node, { from: Node; char: number } | null>([[dfa.initial, null]]);
  const queue: Node[] = [dfa.initial];
  for (let i = 0; i < queue.length; i++) {
    const node = queue[i] as Node;
    if (dfa.finals.has(node)) {
      const chars: number[] = [];
      for (let at = parent.get(node); at; at = parent.get(at.from)) chars.push(at.char);
      return String.fromCodePoint(...chars.reverse());
    }
    const best = new Map<Node, number>();
    for (const [range, to] of node.out) {
      if (parent.has(to)) continue;
      const c = pickInRange(range.min, range.max);
      const prev = best.get(to);
      if (prev === undefined || rank(c) < rank(prev)) best.set(to, c);
    }
    for (const [to, char] of best) {
      parent.set(to, { from: node, char });
      queue.push(to);
    }
  }
  return null;
}

function rank(c: number): number {
  const i = PREFERRED.indexOf(String.fromCharCode(c));
  return i < 0 ? PREFERRED.length + c : i;
}

function pickInRange(min: number, max: number): number {
  let best = min;
  for (const ch of PREFERRED) {
    const c = ch.charCodeAt(0);
    if (c >= min && c <= max) {
      if (rank(c) < rank(best)) best = c;
      break;
    }
  }
  return best;
}

/**
 * Derives the trusted registrable domain from the literal host in a regex source (`\.` read as `.`).
 *
 * @example
 * ```ts
 * deriveTrustedSite('^https://(www|api)\\.example\\.com$'); // 'example.com'
 * ```
 */
export function deriveTrustedSite(source: string): string | null {
  // Character classes (`[a-z0-9.-]`) are not host names: drop them before reading the literal hosts.
  const text = source
    .replace(/\[(?:\\.|[^\]\\])*\]/g, ' ')
    .replace(/\\\./g, '.')
    .toLowerCase();
  const counts = new Map<string, number>();
  for (const m of text.matchAll(/[a-z0-9-]+(?:\.[a-z0-9-]+)+/g)) {
    const site = hostSite(m[0]).registrableDomain;
    if (site && /[a-z]/.test(site)) counts.set(site, (counts.get(site) ?? 0) + 1);
  }
  let best: string | null = null;
  for (const [site, n] of counts) if (best === null || n > (counts.get(best) ?? 0)) best = site;
  return best;
}

/** A counterexample under a listed suffix beats one under the PSL's default rule; then the shorter wins. */
function better(a: Counterexample, b: Counterexample): boolean {
  if (a.listedSuffix !== b.listedSuffix) return a.listedSuffix;
  return a.origin.length < b.origin.length;
}

function hostOf(origin: string): string {
  const rest = origin.slice(origin.indexOf('://') + 3);
  const colon = rest.indexOf(':');
  return colon < 0 ? rest : rest.slice(0, colon);
}

function recheck(
  kind: CounterexampleKind,
  origin: string,
  re: RegExp,
  site: string,
  allowHttp: boolean,
): Counterexample | null {
  re.lastIndex = 0;
  if (!re.test(origin)) return null;
  if (kind === 'null')
    return origin === 'null' ? { kind, origin, registrableDomain: null, listedSuffix: false } : null;
  const parsed = parseDomain(hostOf(origin));
  const registrableDomain = parsed.domain;
  const listedSuffix = parsed.isIcann === true || parsed.isPrivate === true;
  if (kind === 'insecure-scheme') {
    return origin.startsWith('http://') && !allowHttp
      ? { kind, origin, registrableDomain, listedSuffix }
      : null;
  }
  return registrableDomain !== site ? { kind, origin, registrableDomain, listedSuffix } : null;
}

/**
 * Decides whether a JavaScript origin regex (as `new RegExp(source, flags).test(origin)` runs it)
 * accepts an origin an attacker controls, and returns the shortest readable counterexample per kind,
 * each re-checked with the real engine and the Public Suffix List (tldts).
 *
 * What `safe` proves, exactly (automata intersection with refa, not sampling): the regex accepts
 * no word of the searched attacker language, which is `null`, plus every origin
 * `scheme://host[:port]` with scheme `http`/`https`, host made of lowercase LDH labels
 * (`[a-z0-9]([a-z0-9-]*[a-z0-9])?`, at least two, the last letters only), port 1–99999, that is not
 * `https://` (or `http://` with `allowHttp`) on the trusted site (`site` or `*.site`). Not covered:
 * IP-address and IPv6 hosts, trailing-dot hosts, punycode TLDs (`xn--…`), uppercase (browsers
 * lowercase the Origin header), PSL private rules *under* the trusted site, and whether the other
 * engines (PCRE, Python) read the regex the same way: JavaScript semantics only for now.
 *
 * Throws `REGEX_UNSUPPORTED` (bad syntax, lookaround or backreference refa cannot resolve),
 * `REGEX_TOO_COMPLEX` (over the limits: bounded, never hangs) or `USAGE` (no site given or derivable).
 *
 * @example
 * ```ts
 * proveOriginRegex({ source: '^https://api.example\\.com$', flags: '' }).counterexamples[0]?.origin;
 * // 'https://api-example.com' (the unescaped dot)
 * proveOriginRegex({ source: '^https:\\/\\/([a-z0-9-]+\\.)*example\\.com$', flags: '' }).verdict; // 'safe'
 * ```
 */
export function proveOriginRegex(regex: JsRegex, options: ProveOptions = {}): ProofResult {
  const limits: ProverLimits = { ...DEFAULT_PROVER_LIMITS, ...options.limits };
  const derived = options.trustedSite === undefined;
  const given = options.trustedSite?.toLowerCase();
  const site =
    given !== undefined ? (hostSite(given).registrableDomain ?? given) : deriveTrustedSite(regex.source);
  if (!site) {
    throw new CorsguardError(
      'USAGE',
      `No trusted site given and none found in /${regex.source}/; pass trustedSite (e.g. example.com)`,
    );
  }
  const allowHttp = options.allowHttp ?? false;
  const lang = testLanguage(regex, limits);
  const re = new RegExp(regex.source, lang.flags);
  const max = lang.maxCharacter;
  const counterexamples: Counterexample[] = [];
  try {
    const factory = () => new DFA.LimitedNodeFactory(limits.maxNodes);
    const accepted = DFA.fromFA(lang.nfa, factory());
    accepted.minimize();
    const trusted = DFA.fromFA(
      nfaOf(sameSiteSource(site, allowHttp ? ['https', 'http'] : ['https']), max, limits.maxNodes),
      factory(),
    );
    trusted.complement(factory());
    const untrusted = trusted;
    const find = (kind: CounterexampleKind, sources: string[]): void => {
      let found: Counterexample | null = null;
      let generalNonEmpty = false;
      for (const [i, source] of sources.entries()) {
        const shape = DFA.fromIntersection(nfaOf(source, max, limits.maxNodes), untrusted, factory());
        const dfa = DFA.fromIntersection(accepted, shape, factory());
        const word = shortest(dfa);
        if (word === null) continue;
        if (i === sources.length - 1) generalNonEmpty = true;
        const checked = recheck(kind, word, re, site, allowHttp);
        if (checked && (found === null || better(checked, found))) found = checked;
      }
      if (found) counterexamples.push(found);
      else if (generalNonEmpty) {
        throw new CorsguardError(
          'REGEX_UNSUPPORTED',
          `/${regex.source}/${regex.flags}: the automaton and the real engine disagree; not proven`,
        );
      }
    };
    find('cross-site', [...readableShapes(site, 'https').map((s) => s.source), anyOriginSource('https')]);
    if (!allowHttp) {
      find('insecure-scheme', [sameSiteSource(site, ['http']), anyOriginSource('http')]);
    } else {
      find('cross-site', [...readableShapes(site, 'http').map((s) => s.source), anyOriginSource('http')]);
    }
    const nullOk = accepted.test(Array.from('null', (c) => c.charCodeAt(0)));
    const nullCx = recheck('null', 'null', re, site, allowHttp);
    if (nullOk !== (nullCx !== null)) {
      throw new CorsguardError(
        'REGEX_UNSUPPORTED',
        `/${regex.source}/${regex.flags}: the automaton and the real engine disagree on null`,
      );
    }
    if (nullCx) counterexamples.push(nullCx);
  } catch (e) {
    if (e instanceof TooManyNodesError) {
      throw new CorsguardError(
        'REGEX_TOO_COMPLEX',
        `/${regex.source.slice(0, 80)}/ needs more than ${limits.maxNodes} automaton states to prove; simplify it`,
        { cause: e },
      );
    }
    throw e;
  }
  // With allowHttp, an http cross-site counterexample is reported as cross-site too: keep the shortest first.
  return {
    regex,
    trustedSite: site,
    trustedSiteDerived: derived,
    verdict: counterexamples.length > 0 ? 'vulnerable' : 'safe',
    counterexamples,
  };
}
