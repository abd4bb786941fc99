import { JS, NFA, TooManyNodesError, Transformers, transform } from 'refa';
import { CorsguardError } from '../../core/errors/index.js';

/** A JavaScript regex as a developer writes it: the `source` and `flags` of a RegExp literal. */
export interface JsRegex {
  readonly source: string;
  readonly flags: string;
}

/** Size limits that bound the prover's time and memory on huge or pathological regexes. */
export interface ProverLimits {
  /** Longest regex source accepted (characters). Default 4000. */
  readonly maxSourceLength: number;
  /** Most AST/automaton nodes refa may create in one step. Default 20000. */
  readonly maxNodes: number;
}

/** The default {@link ProverLimits}. */
export const DEFAULT_PROVER_LIMITS: ProverLimits = { maxSourceLength: 4000, maxNodes: 20000 };

/** The language a regex matches as `RegExp#test` sees it, as an NFA, plus the alphabet's top character. */
export interface TestLanguage {
  readonly nfa: NFA;
  readonly maxCharacter: number;
  /** The flags the real engine runs with (`g`/`y`/`d` dropped: `test` on a fresh RegExp). */
  readonly flags: string;
}

interface Walkable {
  readonly type: string;
  readonly negate?: boolean;
  readonly alternatives?: readonly Walkable[];
  readonly elements?: readonly Walkable[];
}

function positiveAssertions(node: Walkable): number {
  let n = node.type === 'Assertion' && node.negate === false ? 1 : 0;
  for (const c of node.alternatives ?? []) n += positiveAssertions(c);
  for (const c of node.elements ?? []) n += positiveAssertions(c);
  return n;
}

function tooComplex(what: string, cause?: unknown): CorsguardError {
  return new CorsguardError(
    'REGEX_TOO_COMPLEX',
    `${what} is over the regex prover's limits; simplify the regex (or raise the limits) to have it proven`,
    { cause },
  );
}

/**
 * Builds the exact language of strings `new RegExp(source, flags).test(s)` accepts: an unanchored
 * regex matches a substring, so the open sides are wrapped with `[^]*`; `^`/`$` (and other assertions
 * refa can resolve) are applied by refa's transformers. Refuses, with a stable code, what it cannot
 * make exact: `REGEX_UNSUPPORTED` (syntax error, lookahead/lookbehind left after simplification,
 * unresolvable backreference) and `REGEX_TOO_COMPLEX` (over {@link ProverLimits}).
 *
 * @example
 * ```ts
 * const { nfa } = testLanguage({ source: '^https://a\\.example\\.com$', flags: '' });
 * nfa.test(Array.from('https://a.example.com', (c) => c.charCodeAt(0))); // true
 * ```
 */
export function testLanguage(regex: JsRegex, limits: ProverLimits = DEFAULT_PROVER_LIMITS): TestLanguage {
  if (regex.source.length > limits.maxSourceLength) {
    throw tooComplex(`A regex of ${regex.source.length} characters (limit ${limits.maxSourceLength})`);
  }
  try {
    new RegExp(regex.source, regex.flags);
  } catch (e) {
    throw new CorsguardError(
      'REGEX_UNSUPPORTED',
      `/${regex.source}/${regex.flags} is not a valid JavaScript regex: ${(e as Error).message}`,
      { cause: e },
    );
  }
  const flags = [...regex.flags].filter((f) => 'imsuv'.includes(f)).join('');
  const sticky = regex.flags.includes('y');
  try {
    // Each top-level alternative is wrapped on its own, so `^a$|^b` keeps its anchors per branch.
    const top = JS.Parser.fromLiteral({ source: regex.source, flags }).parse({
      assertions: 'parse',
      backreferences: 'throw',
      maxNodes: limits.maxNodes,
    });
    const factory = new NFA.LimitedNodeFactory(limits.maxNodes);
    let nfa: NFA | undefined;
    for (const alternative of top.expression.alternatives) {
      const branch = JS.toLiteral([alternative], {
        flags: { unicode: top.maxCharacter > 0xffff, unicodeSets: false },
      });
      const wrapped = `${sticky ? '' : '[^]*'}(?:${branch.source})[^]*`;
      const parsed = JS.Parser.fromLiteral({ source: wrapped, flags: branch.flags }).parse({
        assertions: 'parse',
        backreferences: 'throw',
        maxNodes: limits.maxNodes,
      });
      let expression = transform(Transformers.simplify(), parsed.expression);
      if (positiveAssertions(expression as unknown as Walkable) > 0) {
        throw new CorsguardError(
          'REGEX_UNSUPPORTED',
          `/${regex.source}/${regex.flags} uses a lookahead or lookbehind the prover cannot resolve into a plain automaton; it is not proven`,
        );
      }
      // What is left at the pattern's edges are negated assertions about characters beyond the input,
      // which are always true there (e.g. \`^\` is \`(?<![^])\`): removing them is exact.
      expression = transform(Transformers.patternEdgeAssertions({ remove: true }), expression);
      const part = NFA.fromRegex(
        expression,
        { maxCharacter: top.maxCharacter },
        { assertions: 'throw' },
        factory,
      );
      if (nfa === undefined) nfa = part;
      else nfa.union(part, factory);
    }
    return {
      nfa: nfa ?? NFA.empty({ maxCharacter: top.maxCharacter }),
      maxCharacter: top.maxCharacter,
      flags,
    };
  } catch (e) {
    if (e instanceof CorsguardError) throw e;
    if (e instanceof TooManyNodesError) throw tooComplex(`/${regex.source}/${regex.flags}`, e);
    const message = (e as Error).message ?? String(e);
    throw new CorsguardError(
      'REGEX_UNSUPPORTED',
      `/${regex.source}/${regex.flags} cannot be proven: ${message} (lookarounds and backreferences beyond what refa can resolve are not supported)`,
      { cause: e },
    );
  }
}
