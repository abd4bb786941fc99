// A fake server answering one round trip at a time, to count the round trips an exploration takes.
import { parseOrigin, type TupleOrigin } from '../../../core/origin/index.js';
import type { Probe, ProbeContext, ProbeFamily } from '../../../core/probes/index.js';
import { type ExploreResult, exploreOrigins, type Oracle } from '../explore.js';

export function tuple(origin: string): TupleOrigin {
  const o = parseOrigin(origin);
  if (o.kind !== 'tuple') throw new Error(`${origin} is not a tuple origin`);
  return o;
}

export const ctx: ProbeContext = { label: 'r4nd0m', attacker: 'r4nd0m.invalid' };
const TARGET = tuple('https://api.victim.com');

/**
 * A server whose answers all arrive together, one round trip at a time: every probe sent during a
 * round is answered when the round ends. Records the round each probe was sent in; `rounds` is how many
 * rounds had a probe in them.
 */
export async function exploreInRounds(
  allow: (origin: string) => boolean,
  options: { target?: TupleOrigin; declared?: readonly string[]; thorough?: boolean } = {},
): Promise<{ result: ExploreResult<null>; sent: Array<{ probe: Probe; round: number }>; rounds: number }> {
  const sent: Array<{ probe: Probe; round: number }> = [];
  let round = 0;
  let pending: Array<() => void> = [];
  const oracle: Oracle<null> = (probe) => {
    sent.push({ probe, round });
    return new Promise((resolve) => {
      pending.push(() => resolve({ probe, allowed: allow(probe.origin), exchange: null }));
    });
  };
  let finished = false;
  const exploring = exploreOrigins(oracle, {
    target: options.target ?? TARGET,
    declared: options.declared ?? [],
    ctx,
    thorough: options.thorough === true,
  }).finally(() => {
    finished = true;
  });
  while (!finished) {
    await new Promise((r) => setImmediate(r)); // let every chain send what it can this round
    const answers = pending;
    pending = [];
    round++;
    for (const answer of answers) answer();
  }
  return { result: await exploring, sent, rounds: Math.max(-1, ...sent.map((s) => s.round)) + 1 };
}

/** The sizes of the waves a family was sent in: its probes counted per round, in round order. */
export function waves(sent: Array<{ probe: Probe; round: number }>, ...families: ProbeFamily[]): number[] {
  const perRound = new Map<number, number>();
  for (const s of sent)
    if (families.includes(s.probe.family)) perRound.set(s.round, (perRound.get(s.round) ?? 0) + 1);
  return [...perRound.entries()].sort(([a], [b]) => a - b).map(([, n]) => n);
}
