import { describe, expect, it } from 'vitest';
import type { ProbeFamily } from '../../core/probes/index.js';
import { exploreInRounds as inRounds, tuple, waves } from './test-support/rounds.js';

const exploreInRounds = (allow: (origin: string) => boolean, target = tuple('https://api.victim.com')) =>
  inRounds(allow, { target, thorough: true });

describe('multi-variant families are sent in waves (--thorough)', () => {
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
