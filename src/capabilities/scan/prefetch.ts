import type { Probe } from '../../core/probes/index.js';
import type { Observation, Oracle } from './oracle.js';

/** An oracle that can send probes ahead of the exploration asking for them. */
export interface Prefetcher<E> {
  /** Answers `probe`: from a request already sent ahead, else sends it now. Each origin is sent once. */
  readonly ask: Oracle<E>;
  /** Sends `probes` now (those not sent yet), so the exploration finds their answers waiting. */
  readonly prefetch: (probes: ReadonlyArray<Probe | undefined>) => void;
  /** Settles when every request sent ahead has settled (so none outlives the exploration). */
  readonly settled: () => Promise<void>;
}

/**
 * Speculative sending for the exploration. The exploration keeps its sequential meaning (which probes it
 * observes, in which order, and which an earlier hit skips), decided from answers alone; the prefetcher
 * only makes those answers arrive sooner, by sending the probes a correct endpoint will be asked for in
 * the same round trip. A probe sent ahead that the exploration never asks for (a hit made it redundant)
 * costs a request and is not an observation, so the findings are those of the exploration without it.
 *
 * @example
 * ```ts
 * const { ask, prefetch, settled } = prefetcher(oracle);
 * prefetch([nullProbe(), ...localhostProbes()]); // one round trip for all of them
 * const obs = await ask(nullProbe());             // the answer already under way, not a second request
 * await settled();
 * ```
 */
export function prefetcher<E>(oracle: Oracle<E>): Prefetcher<E> {
  const pending = new Map<string, Promise<Observation<E>>>();
  const send = (probe: Probe): Promise<Observation<E>> => {
    let answer = pending.get(probe.origin);
    if (answer === undefined) {
      answer = oracle(probe);
      answer.catch(() => {}); // a failure is reported to the asker, or dropped with an unasked answer
      pending.set(probe.origin, answer);
    }
    return answer;
  };
  return {
    // The probe asked for is the one returned (a prefetched twin may carry another family or basedOn).
    ask: async (probe) => ({ ...(await send(probe)), probe }),
    prefetch: (probes) => {
      for (const probe of probes) if (probe !== undefined) send(probe);
    },
    settled: async () => {
      await Promise.allSettled([...pending.values()]);
    },
  };
}
