import { describe, expect, it } from 'vitest';
import { parseOrigin, type TupleOrigin } from '../../core/origin/index.js';
import type { Probe, ProbeContext, ProbeFamily } from '../../core/probes/index.js';
import { type ExploreResult, exploreOrigins, type Oracle } from './explore.js';

function tuple(origin: string): TupleOrigin {
  const o = parseOrigin(origin);
  if (o.kind !== 'tuple') throw new Error(`${origin} is not a tuple origin`);
  return o;
}

const ctx: ProbeContext = { label: 'r4nd0m', attacker: 'r4nd0m.invalid' };
const TARGET = tuple('https://api.victim.com');

/**
 * A server whose answers all arrive together, one round trip at a time: every probe sent during a
 * round is answered when the round ends. Records the round each probe was sent in.
 */
async function exploreInRounds(
  allow: (origin: string) => boolean,
  target: TupleOrigin = TARGET,
): Promise<{ result: ExploreResult<null>; sent: Array<{ probe: Probe; round: number }> }> {
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
  const exploring = exploreOrigins(oracle, { target, declared: [], ctx }).finally(() => {
    finished = true;
  });
  while (!finished) {
    await new Promise((r) => setImmediate(r)); // let every chain send what it can this round
    const answers = pending;
    pending = [];
    round++;
    for (const answer of answers) answer();
  }
  return { result: await exploring, sent };
}

/** The sizes of the waves a family was sent in: its probes counted per round, in round order. */
function waves(sent: Array<{ probe: Probe; round: number }>, ...families: ProbeFamily[]): number[] {
  const perRound = new Map<number, number>();
  for (const s of sent)
    if (families.includes(s.probe.family)) perRound.set(s.round, (perRound.get(s.round) ?? 0) + 1);
  return [...perRound.entries()].sort(([a], [b]) => a - b).map(([, n]) => n);
}

describe('multi-variant families are sent in waves', () => {
  it('with no hit (a correct endpoint), 15 dev origins take 5 round trips, not 15', async () => {
    const { sent } = await exploreInRounds(() => false);
    expect(waves(sent, 'localhost')).toEqual([1, 1, 2, 4, 7]);
    expect(waves(sent, 'third-party')).toEqual([1, 1, 2, 4, 6]);
    // The prefix probe then the 17 special characters, in one chain (a prefix hit explains them all).
    expect(waves(sent, 'prefix', 'special-char')).toEqual([1, 1, 2, 4, 8, 2]);
  });

  it('a hit in the first two candidates costs no extra request', async () => {
    const { sent, result } = await exploreInRounds((o) => o === 'http://localhost:8080');
    expect(sent.filter((s) => s.probe.family === 'localhost').map((s) => s.probe.origin)).toEqual([
      'http://localhost:3000',
      'http://localhost:8080',
    ]);
    expect(result.hits.map((h) => h.probe.origin)).toContain('http://localhost:8080');
  });

  it('a hit ends the family after its wave, and the answers after the hit are not observations', async () => {
    // http://localhost:5173 and http://localhost:4200 are the 3rd and 4th dev origins: the third wave.
    const granted = new Set(['http://localhost:5173', 'http://localhost:4200']);
    const { sent, result } = await exploreInRounds((o) => granted.has(o));
    expect(waves(sent, 'localhost')).toEqual([1, 1, 2]);
    const hits = result.hits.filter((h) => h.probe.family === 'localhost').map((h) => h.probe.origin);
    expect(hits).toEqual(['http://localhost:5173']);
    const observed = result.observations.map((o) => o.probe.origin);
    expect(observed).toContain('http://localhost:5173');
    expect(observed).not.toContain('http://localhost:4200');
  });

  it('the fixed families start with discovery, and stage 3 still waits for them', async () => {
    const { sent } = await exploreInRounds(() => false);
    const rounds = (family: ProbeFamily) => sent.filter((s) => s.probe.family === family).map((s) => s.round);
    const firstRound = (family: ProbeFamily) => Math.min(...rounds(family));
    const lastRound = (family: ProbeFamily) => Math.max(...rounds(family));
    expect(firstRound('localhost')).toBe(firstRound('discovery'));
    expect(firstRound('third-party')).toBe(firstRound('discovery'));
    expect(firstRound('null')).toBe(firstRound('discovery'));
    expect(firstRound('prefix')).toBeGreaterThan(lastRound('localhost'));
  });

  it('a family that could explain a discovery candidate waits for discovery', async () => {
    // A target on a shared host: a hit on https://<r>.github.io would explain its own subdomains.
    const { sent } = await exploreInRounds(() => false, tuple('https://api.victim.github.io'));
    const rounds = (family: ProbeFamily) => sent.filter((s) => s.probe.family === family).map((s) => s.round);
    expect(Math.min(...rounds('third-party'))).toBeGreaterThan(Math.max(...rounds('discovery')));
    expect(Math.min(...rounds('localhost'))).toBe(Math.min(...rounds('discovery')));
  });
});
