import type { CorsguardError } from '../../core/errors/index.js';
import { isLocal, type TupleOrigin, tryParseOrigin } from '../../core/origin/index.js';
import type { Probe } from '../../core/probes/index.js';
import {
  arbitraryProbe,
  discoveryProbes,
  explains,
  insecureSchemeProbe,
  localhostProbes,
  nullProbe,
  type ProbeContext,
  portProbe,
  prefixProbe,
  specialCharProbes,
  subdomainProbe,
  substringOnlyProbe,
  substringProbe,
  suffixProbe,
  thirdPartyProbes,
  unescapedDotProbes,
} from '../../core/probes/index.js';

/** What one probe showed: did the server grant this origin (echo it in ACAO / accept the handshake)? */
export interface Observation<E> {
  readonly probe: Probe;
  readonly allowed: boolean;
  readonly exchange: E;
}

/** Sends one probe and says whether the server granted it. Rejects with a CorsguardError on network failure. */
export type Oracle<E> = (probe: Probe) => Promise<Observation<E>>;

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
  readonly ctx: ProbeContext;
}

/** The outcome of {@link exploreOrigins}. */
export interface ExploreResult<E> {
  /** Every probe sent, in the order sent. */
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
 * origin; if the server grants it, every other origin probe is explained and none is sent. Otherwise
 * discovery finds which candidate origins the server trusts, and each trusted origin (or the target's own
 * when none is found) is mutated by the bypass generators in three stages, most general families first, so
 * a probe already explained by a root cause found earlier is never sent. Families with several variants
 * (special characters, dev ports, shared hosts, dots) are sent in waves of 1, 1, 2, 4… probes and stop
 * after the wave of their first hit. The fixed families (null, dev ports, shared hosts) start together
 * with discovery when they cannot change what it finds.
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
  const observations: Observation<E>[] = [];
  const hits: Observation<E>[] = [];
  const errors: CorsguardError[] = [];
  const sent = new Set<string>();
  const declared = new Set(input.declared);

  const first = await oracle(arbitraryProbe(input.ctx));
  observations.push(first);
  if (first.allowed) {
    hits.push(first);
    return { observations, hits, trusted: [], errors };
  }

  // A granted substring probe (`https://<r>app.victim.com.<attacker>`) is also granted by a prefix check
  // or by a subdomain pattern without its end anchor. Only a grant of the substring-only probe proves
  // substring matching; otherwise the narrower families below find what the server really does.
  const unconfirmed: Observation<E>[] = [];
  const confirmations = new Map<string, Promise<boolean>>();
  const substringConfirmed = (probe: Probe): Promise<boolean> => {
    const base = tryParseOrigin(probe.basedOn ?? '');
    const only = base?.kind === 'tuple' ? substringOnlyProbe(base, input.ctx) : undefined;
    if (only === undefined) return Promise.resolve(true);
    let pending = confirmations.get(only.origin);
    if (pending === undefined) {
      sent.add(only.origin);
      pending = oracle(only).then(
        (obs) => {
          observations.push(obs);
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

  // Sends a family's probes in waves of 1, 1, 2, 4, 8… (skipping the explained and the already sent) and
  // stops after the wave of its first hit. A family is ordered most common first, so its likely hits come
  // in the first two waves and cost no extra request, while a family with no hit (a correct endpoint)
  // takes log₂ of its length in round trips instead of its length. Answers of the hit's wave that follow
  // the hit are dropped, so the analysis sees exactly what probes sent one after another would have shown.
  const chain = async (probes: ReadonlyArray<Probe | undefined>): Promise<void> => {
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
        batch.push(probe);
      }
      const answers = await Promise.all(
        batch.map((probe) =>
          oracle(probe).then(
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
        observations.push(obs);
        const hit = obs.allowed && probe.family !== 'discovery';
        if (hit && probe.family === 'substring' && !(await substringConfirmed(probe))) {
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

  const hinted = [...((await input.hinted) ?? []), ...(input.reveals?.(first) ?? [])].filter(
    (o) => o !== first.probe.origin,
  );
  const discovery = discoveryProbes(input.target, [...input.declared, ...hinted]);
  const discovering = Promise.all(discovery.map((p) => chain([p])));
  // The null, dev-origin and shared-hosting families are fixed lists that need no trusted origin: sent
  // during discovery, they no longer wait for it. Only a family that cannot touch discovery starts early
  // (no origin in common, no hit of it explains a candidate), so discovery finds the same origins; it
  // still ends before stage 3, as its registry stage (2) says.
  const fixed = [
    [nullProbe()],
    isLocal(input.target.host) ? [] : localhostProbes(),
    thirdPartyProbes(input.ctx),
  ];
  const early = fixed.filter((family) => independent(family, discovery));
  const earlyDone = Promise.all(early.map(chain));
  await discovering;
  const allowed = new Set(observations.filter((o) => o.allowed).map((o) => o.probe.origin));
  const trusted = discovery.filter((p) => allowed.has(p.origin)).map((p) => p.origin); // candidate order: deterministic
  input.onDiscovered?.(trusted);
  const bases = uniqueTuples([...trusted, ...input.declared]);
  if (bases.length === 0) bases.push(input.target);
  bases.splice(MAX_MUTATED_ORIGINS);
  const https = input.target.scheme === 'https' || input.target.scheme === 'wss';

  // Stages 2-4: the most general hypotheses first, so that their hits explain (and skip) narrower probes:
  // a substring check also passes prefix, suffix and special-character probes; a prefix check passes the
  // port variant; a suffix check passes subdomains and unescaped-dot look-alikes.
  await Promise.all([
    ...bases.map((b) => chain([substringProbe(b, input.ctx)])),
    ...fixed.filter((family) => !early.includes(family)).map(chain),
    earlyDone,
  ]);
  await Promise.all([
    ...bases.map((b, i) =>
      chain([prefixProbe(b, input.ctx), ...(i === 0 ? specialCharProbes(b, input.ctx) : [])]),
    ),
    ...bases.map((b) => chain([suffixProbe(b, input.ctx)])),
  ]);
  await Promise.all([
    ...bases.map((b) => chain([subdomainProbe(b, input.ctx)])),
    ...bases.map((b) => chain(unescapedDotProbes(b))),
    ...(https ? bases.map((b) => chain([insecureSchemeProbe(b)])) : []),
    ...bases.map((b) => chain([portProbe(b)])),
  ]);
  // A granted attacker origin is never dropped: one that no later hit explains stays a (substring)
  // finding. A prefix hit together with a subdomain hit is a subdomain pattern missing its end anchor,
  // which is what granted it.
  const families = new Set(hits.map((h) => h.probe.family));
  const unanchoredSubdomains = families.has('prefix') && families.has('subdomain');
  for (const obs of unconfirmed) {
    if (unanchoredSubdomains || hits.some((h) => explains(h.probe, obs.probe.origin))) continue;
    hits.push(obs);
  }
  return { observations, hits, trusted, errors };
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
