import type { CorsguardError } from '../../core/errors/index.js';
import { isLocal, serializeOrigin, type TupleOrigin, tryParseOrigin } from '../../core/origin/index.js';
import type { Probe } from '../../core/probes/index.js';
import {
  arbitraryProbe,
  combinedProbe,
  discoveryProbes,
  explains,
  insecureSchemeProbe,
  localhostProbes,
  nullProbe,
  type ProbeContext,
  portProbe,
  prefixProbe,
  QUICK_COUNTS,
  specialCharProbes,
  subdomainProbe,
  substringOnlyProbe,
  substringProbe,
  suffixProbe,
  thirdPartyProbes,
  unescapedDotProbes,
} from '../../core/probes/index.js';
import type { Observation, Oracle } from './oracle.js';
import { prefetcher } from './prefetch.js';

export type { Observation, Oracle } from './oracle.js';

/** Inputs of {@link exploreOrigins}. */
export interface ExploreInput<E = unknown> {
  /** The target's own origin. */
  readonly target: TupleOrigin;
  /** Origins the user declared trusted (`--trusted-origin`): mutated, never reported. */
  readonly declared: readonly string[];
  /**
   * Origins the server itself names (e.g. a fixed Access-Control-Allow-Origin): tried as discovery
   * candidates. May be a promise (the answer to a request sent together with the first probe): it is
   * awaited only after the first probe, which does not need it.
   */
  readonly hinted?: readonly string[] | PromiseLike<readonly string[]>;
  /** Origins an observation reveals (e.g. the ACAO answered to another origin): tried as discovery candidates. */
  readonly reveals?: (observation: Observation<E>) => readonly string[];
  /**
   * Called once when discovery ends, with the trusted origins found (candidate order), so a caller can
   * send what depends on nothing else (the scan's preflights) while the bypass stages run. Not called
   * when the first probe is granted (nothing is explored).
   */
  readonly onDiscovered?: (trusted: readonly string[]) => void;
  /**
   * By default only: called once, before discovery ends, with the origin most likely to be the preferred
   * trusted one ({@link trustPreference}: the most preferred granted candidate sent with the first
   * probe), so a caller can send ahead what `onDiscovered` will ask for. A more preferred one may still
   * be found (a declared origin, or `www.` when only `app.` went first).
   */
  readonly onLikelyTrusted?: (origin: string) => void;
  readonly ctx: ProbeContext;
  /**
   * Send every variant of every family, one stage after another (`--thorough`). By default the long
   * families are cut to their most common variants ({@link QUICK_COUNTS}), the prefix, substring and
   * suffix probes wait behind one combined probe, and the probes a correct endpoint will be asked for
   * are sent ahead, in the same round trip.
   */
  readonly thorough?: boolean;
}

/** The outcome of {@link exploreOrigins}. */
export interface ExploreResult<E> {
  /**
   * Every probe observed, in the order a scan sending one probe at a time would have sent them
   * (stage, then family, then variant), whatever order the answers arrived in.
   */
  readonly observations: readonly Observation<E>[];
  /** Allowed probes that reveal a root cause (one or more per family), never explained by an earlier hit. */
  readonly hits: readonly Observation<E>[];
  /** Origins found trusted by discovery (allowed candidates), serialized. */
  readonly trusted: readonly string[];
  /** Probe failures (network errors) after the first stage. */
  readonly errors: readonly CorsguardError[];
}

/** At most this many trusted origins are mutated with the bypass generators. */
export const MAX_MUTATED_ORIGINS = 4;

/**
 * Adaptive origin exploration, shared by HTTP and WebSocket scans. Stage 1 sends an arbitrary attacker
 * origin; if the server grants it, every other origin probe is explained and none is observed. Otherwise
 * discovery finds which candidate origins the server trusts, and each trusted origin (or the target's own
 * when none is found) is mutated by the bypass generators in three stages, most general families first, so
 * a probe already explained by a root cause found earlier is never observed. Families with several
 * variants (special characters, dev ports, shared hosts, dots) are asked in waves of 1, 1, 2, 4… probes and
 * stop after the wave of their first hit. The fixed families (null, dev ports, shared hosts) start together
 * with discovery when they cannot change what it finds.
 *
 * By default (not `thorough`) the long families are cut to their most common variants, one combined probe
 * stands for the prefix, substring and suffix probes of a trusted origin (they are sent only when it is
 * granted), and the probes a correct endpoint is asked for are sent ahead by a {@link prefetcher}: two
 * discovery candidates with the first probe, the rest of discovery and the fixed families as soon as it
 * is refused, and the mutations of every trusted origin as soon as it is found. Which probes are
 * observed is still decided stage by stage from the answers, so sending ahead changes when answers
 * arrive, not the findings; a probe sent ahead that a hit made redundant is a request, not an observation.
 *
 * A failure of the first probe rejects (the target cannot be scanned); later failures are collected.
 *
 * @example
 * ```ts
 * const oracle: Oracle<null> = async (probe) => ({ probe, allowed: probe.origin === 'https://app.victim.com', exchange: null });
 * const result = await exploreOrigins(oracle, { target: parseOrigin('https://api.victim.com') as TupleOrigin, declared: [], ctx: randomProbeContext() });
 * result.trusted; // ['https://app.victim.com']
 * ```
 */
export async function exploreOrigins<E>(
  oracle: Oracle<E>,
  input: ExploreInput<E>,
): Promise<ExploreResult<E>> {
  const fetcher = prefetcher(oracle);
  try {
    return await explore(fetcher.ask, input.thorough === true ? () => {} : fetcher.prefetch, input);
  } finally {
    await fetcher.settled();
  }
}

async function explore<E>(
  ask: Oracle<E>,
  ahead: (probes: ReadonlyArray<Probe | undefined>) => void,
  input: ExploreInput<E>,
): Promise<ExploreResult<E>> {
  const { ctx, target } = input;
  const quick = input.thorough !== true;
  const cut = (n: number) => (quick ? n : Number.POSITIVE_INFINITY);
  const observations: Observation<E>[] = [];
  const hits: Observation<E>[] = [];
  const errors: CorsguardError[] = [];
  const sent = new Set<string>();
  const declared = new Set(input.declared);
  // Answers of concurrent families arrive in any order; each observation is kept with its place in the
  // one-at-a-time order (families numbered as the stages create them, variants by position), so the
  // analysis sees the same list whatever the network did.
  const rank = new Map<Observation<E>, number>();
  let families = 0;
  const observe = (obs: Observation<E>, place: number) => {
    rank.set(obs, place);
    observations.push(obs);
  };
  const https = target.scheme === 'https' || target.scheme === 'wss';
  // The trusted origins that get the narrow look-alikes: all of them with --thorough; by default the
  // first one found and every declared one.
  const getsNarrow = (b: TupleOrigin, i: number) =>
    !quick || i < QUICK_COUNTS.narrowBases || declared.has(serializeOrigin(b));

  // Every mutation a correct endpoint is asked for, for `trusted` found so far (sent ahead, quick only).
  const speculate = (trusted: readonly string[], all: boolean) => {
    const bases = mutationBases(trusted, input.declared, all ? target : undefined);
    const portless = bases.some((b) => b.port === null);
    ahead(
      bases.flatMap((b, i) => [
        combinedProbe(b, ctx),
        portless ? undefined : suffixProbe(b, ctx),
        subdomainProbe(b, ctx),
        ...(getsNarrow(b, i) ? narrowProbes(b, i === 0 ? QUICK_COUNTS.specialChars : 0) : []),
      ]),
    );
  };
  // The look-alikes of one trusted origin that only its own check can grant (special characters first).
  const narrowProbes = (b: TupleOrigin, specialChars: number) => [
    ...specialCharProbes(b, ctx, specialChars),
    ...unescapedDotProbes(b),
    https ? insecureSchemeProbe(b) : undefined,
    portProbe(b),
  ];

  const arbitrary = arbitraryProbe(ctx);
  // The discovery candidates known before the baseline's hints (quick only: none are sent ahead otherwise).
  const candidates = quick ? discoveryProbes(target, input.declared, QUICK_COUNTS.subdomains) : [];
  const own = serializeOrigin(target);
  const opening = openingCandidates(candidates, input.declared, own);
  ahead([arbitrary, ...opening]);
  const first = await ask(arbitrary);
  observe(first, -1);
  if (first.allowed) {
    hits.push(first);
    return { observations, hits, trusted: [], errors };
  }
  if (quick) {
    Promise.all(opening.map(ask)).then(
      (answers) => {
        const granted = candidates
          .map((c) => c.origin)
          .filter((c) => answers.some((o) => o.allowed && o.probe.origin === c));
        const likely = byPreference(granted, input.declared, own)[0];
        if (likely !== undefined) input.onLikelyTrusted?.(likely);
        speculate(granted, false);
      },
      () => {},
    );
  }

  // A granted substring probe (`https://<r>app.victim.com.<attacker>`) is also granted by a prefix check
  // or by a subdomain pattern without its end anchor. Only a grant of the substring-only probe proves
  // substring matching; otherwise the narrower families below find what the server really does.
  const unconfirmed: Observation<E>[] = [];
  const confirmations = new Map<string, Promise<boolean>>();
  const substringConfirmed = (probe: Probe, place: number): Promise<boolean> => {
    const base = tryParseOrigin(probe.basedOn ?? '');
    const only = base?.kind === 'tuple' ? substringOnlyProbe(base, ctx) : undefined;
    if (only === undefined) return Promise.resolve(true);
    let pending = confirmations.get(only.origin);
    if (pending === undefined) {
      sent.add(only.origin);
      pending = ask(only).then(
        (obs) => {
          observe(obs, place + 0.5);
          return obs.allowed;
        },
        (err: unknown) => {
          errors.push(err as CorsguardError);
          return true; // unknown: keep the substring finding rather than lose a granted attacker origin
        },
      );
      confirmations.set(only.origin, pending);
    }
    return pending;
  };

  // Asks a family's probes in waves of 1, 1, 2, 4, 8… (skipping the explained and the already asked) and
  // stops after the wave of its first hit. A family is ordered most common first, so its likely hits come
  // in the first two waves and cost no extra request, while a family with no hit (a correct endpoint)
  // takes log₂ of its length in round trips instead of its length. Answers of the hit's wave that follow
  // the hit are dropped, so the analysis sees exactly what probes sent one after another would have shown.
  const chain = async (probes: ReadonlyArray<Probe | undefined>): Promise<void> => {
    const family = families++;
    const places = new Map<Probe, number>();
    let next = 0;
    for (let wave = 0, size = 1; next < probes.length; wave++, size = wave < 2 ? 1 : size * 2) {
      const batch: Probe[] = [];
      while (batch.length < size && next < probes.length) {
        const probe = probes[next++];
        if (probe === undefined || sent.has(probe.origin)) continue;
        // A declared origin is trusted by the user: observed during discovery, never reported as a bypass.
        if (declared.has(probe.origin) && probe.family !== 'discovery') continue;
        if (hits.some((h) => explains(h.probe, probe.origin))) continue;
        sent.add(probe.origin);
        places.set(probe, family * 1000 + next);
        batch.push(probe);
      }
      const answers = await Promise.all(
        batch.map((probe) =>
          ask(probe).then(
            (obs) => ({ probe, obs }),
            (err: unknown) => ({ probe, err: err as CorsguardError }),
          ),
        ),
      );
      for (const [i, answer] of answers.entries()) {
        if (!('obs' in answer)) {
          errors.push(answer.err);
          continue;
        }
        const { probe, obs } = answer;
        const place = places.get(probe) ?? 0;
        observe(obs, place);
        const hit = obs.allowed && probe.family !== 'discovery';
        if (hit && probe.family === 'substring' && !(await substringConfirmed(probe, place))) {
          unconfirmed.push(obs);
        } else if (hit) {
          hits.push(obs);
        } else continue;
        // Not sent one after another, the rest of the wave would not have been: forget it.
        for (const dropped of answers.slice(i + 1)) sent.delete(dropped.probe.origin);
        return;
      }
    }
  };

  // A granted combined probe is not an observation: the prefix, substring and suffix probes it stands
  // for are asked instead, and they are what a finding is made of. A refused one is.
  const split = new Set<TupleOrigin>();
  const gate = async (base: TupleOrigin): Promise<void> => {
    const place = families++ * 1000;
    const probe = combinedProbe(base, ctx);
    if (probe === undefined || sent.has(probe.origin)) {
      split.add(base);
      return;
    }
    sent.add(probe.origin);
    try {
      const obs = await ask(probe);
      if (obs.allowed) split.add(base);
      else observe(obs, place);
    } catch (err) {
      errors.push(err as CorsguardError);
      split.add(base); // unknown: ask the individual probes
    }
  };

  const hinted = [...((await input.hinted) ?? []), ...(input.reveals?.(first) ?? [])].filter(
    (o) => o !== first.probe.origin,
  );
  const discovery = discoveryProbes(target, [...input.declared, ...hinted], cut(QUICK_COUNTS.subdomains));
  // The null, dev-origin and shared-hosting families are fixed lists that need no trusted origin: sent
  // during discovery, they no longer wait for it. Only a family that cannot touch discovery starts early
  // (no origin in common, no hit of it explains a candidate), so discovery finds the same origins; it
  // still ends before stage 3, as its registry stage (2) says.
  const fixed = [
    [nullProbe()],
    isLocal(target.host) ? [] : localhostProbes(cut(QUICK_COUNTS.localhost)),
    thirdPartyProbes(ctx, cut(QUICK_COUNTS.thirdParty)),
  ];
  const early = fixed.filter((family) => independent(family, discovery));
  ahead([...discovery, ...early.flat()]);
  const discovering = Promise.all(discovery.map((p) => chain([p])));
  const earlyDone = Promise.all(early.map(chain));
  await discovering;
  const allowed = new Set(observations.filter((o) => o.allowed).map((o) => o.probe.origin));
  const trusted = discovery.filter((p) => allowed.has(p.origin)).map((p) => p.origin); // candidate order: deterministic
  input.onDiscovered?.(trusted);
  const late = fixed.filter((family) => !early.includes(family));
  ahead(late.flat());
  if (quick) speculate(trusted, true);
  const bases = mutationBases(trusted, input.declared, target);
  const narrow = bases.filter(getsNarrow);

  // Stages 2-4: the most general hypotheses first, so that their hits explain (and skip) narrower probes:
  // a substring check also passes prefix, suffix and special-character probes; a prefix check passes the
  // port variant; a suffix check passes subdomains and unescaped-dot look-alikes. By default a refused
  // combined probe rules out the prefix, substring and (for a base without a port) suffix checks at once.
  if (quick) {
    await Promise.all([...bases.map(gate), ...late.map(chain), earlyDone]);
  } else {
    for (const b of bases) split.add(b);
  }
  await Promise.all([
    ...bases.filter((b) => split.has(b)).map((b) => chain([substringProbe(b, ctx)])),
    ...(quick ? [] : [...late.map(chain), earlyDone]),
  ]);
  const suffixRuledOut = bases.some((b) => b.port === null && !split.has(b));
  await Promise.all([
    ...bases.map((b, i) =>
      chain([
        split.has(b) ? prefixProbe(b, ctx) : undefined,
        ...(i === 0 ? specialCharProbes(b, ctx, cut(QUICK_COUNTS.specialChars)) : []),
      ]),
    ),
    ...(suffixRuledOut ? [] : bases.map((b) => chain([suffixProbe(b, ctx)]))),
  ]);
  await Promise.all([
    ...bases.map((b) => chain([subdomainProbe(b, ctx)])),
    ...narrow.map((b) => chain(unescapedDotProbes(b))),
    ...(https ? narrow.map((b) => chain([insecureSchemeProbe(b)])) : []),
    ...narrow.map((b) => chain([portProbe(b)])),
  ]);
  // A granted attacker origin is never dropped: one that no later hit explains stays a (substring)
  // finding. A prefix hit together with a subdomain hit is a subdomain pattern missing its end anchor,
  // which is what granted it.
  const hitFamilies = new Set(hits.map((h) => h.probe.family));
  const unanchoredSubdomains = hitFamilies.has('prefix') && hitFamilies.has('subdomain');
  for (const obs of unconfirmed) {
    if (unanchoredSubdomains || hits.some((h) => explains(h.probe, obs.probe.origin))) continue;
    hits.push(obs);
  }
  const byPlace = (a: Observation<E>, b: Observation<E>) => (rank.get(a) ?? 0) - (rank.get(b) ?? 0);
  observations.sort(byPlace);
  hits.sort(byPlace);
  return { observations, hits, trusted, errors };
}

/**
 * The origins the bypass generators mutate: the trusted ones found, then the declared ones, at most
 * {@link MAX_MUTATED_ORIGINS}; the target's own origin when there are none and `fallback` is given.
 */
function mutationBases(
  trusted: readonly string[],
  declared: readonly string[],
  fallback: TupleOrigin | undefined,
): TupleOrigin[] {
  const bases = uniqueTuples([...trusted, ...declared]);
  if (bases.length === 0 && fallback !== undefined) bases.push(fallback);
  return bases.slice(0, MAX_MUTATED_ORIGINS);
}

/**
 * How much a trusted origin is preferred as the one a scan speaks for (its granted preflight, and the
 * discovery candidates sent with the first probe): declared origins, then `www.`, `app.`, the other
 * candidates, and the target's own origin last (rarely a cross-origin client of itself). Lower first.
 *
 * @example
 * ```ts
 * trustPreference('https://www.victim.com', [], 'https://api.victim.com'); // 1
 * trustPreference('https://api.victim.com', [], 'https://api.victim.com'); // 9
 * ```
 */
export function trustPreference(origin: string, declared: readonly string[], own: string): number {
  if (declared.includes(origin)) return 0;
  if (origin === own) return 9;
  const label = /^https?:\/\/([^.]+)\./.exec(origin)?.[1];
  return label === 'www' ? 1 : label === 'app' ? 2 : 3;
}

/**
 * `origins` in {@link trustPreference} order (their own order kept among equals).
 *
 * @example
 * ```ts
 * byPreference(['https://api.victim.com', 'https://www.victim.com'], [], 'https://api.victim.com');
 * // ['https://www.victim.com', 'https://api.victim.com']
 * ```
 */
export function byPreference(origins: readonly string[], declared: readonly string[], own: string): string[] {
  return origins
    .map((o, i) => ({ o, i, r: trustPreference(o, declared, own) }))
    .sort((a, b) => a.r - b.r || a.i - b.i)
    .map(({ o }) => o);
}

/**
 * The two discovery candidates sent with the first probe, the most preferred ({@link trustPreference}).
 * Two, so a server that reflects every origin still costs at most five requests (with the request
 * without Origin and the attacker's preflight).
 */
function openingCandidates(candidates: readonly Probe[], declared: readonly string[], own: string): Probe[] {
  const first = new Set(
    byPreference(
      candidates.map((p) => p.origin),
      declared,
      own,
    ).slice(0, 2),
  );
  return candidates.filter((p) => first.has(p.origin));
}

/**
 * Whether sending `family` can change nothing about `others`: no origin in common, and no hit of either
 * explains a probe of the other (so neither can skip a probe of the other, whatever the order).
 */
function independent(family: readonly Probe[], others: readonly Probe[]): boolean {
  return family.every((p) =>
    others.every((q) => p.origin !== q.origin && !explains(p, q.origin) && !explains(q, p.origin)),
  );
}

function uniqueTuples(origins: readonly string[]): TupleOrigin[] {
  const seen = new Set<string>();
  const out: TupleOrigin[] = [];
  for (const o of origins) {
    const parsed = tryParseOrigin(o);
    if (parsed?.kind !== 'tuple' || seen.has(o)) continue;
    seen.add(o);
    out.push(parsed);
  }
  return out;
}
