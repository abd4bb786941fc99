// The default exploration: fewer probes, sent ahead, with the findings of the thorough one.
import { describe, expect, it } from 'vitest';
import { CorsguardError } from '../../core/errors/index.js';
import type { Probe } from '../../core/probes/index.js';
import { byPreference, exploreOrigins, type Oracle } from './explore.js';
import { ctx, exploreInRounds, tuple } from './test-support/rounds.js';

const FRONTENDS = ['https://app.victim.com', 'https://www.victim.com'];
const exact = (o: string) => FRONTENDS.includes(o);

/** Hits as `family origin`, the way a report shows them. */
const hitsOf = (r: { result: { hits: ReadonlyArray<{ probe: Probe }> } }) =>
  r.result.hits.map((h) => `${h.probe.family} ${h.probe.origin}`).sort();

/**
 * The findings hits make: one per family, headed by its first hit. (--thorough also mutates the second
 * trusted origin with the narrow look-alikes, so it may list a second example origin in a finding.)
 */
const findingsOf = (r: { result: { hits: ReadonlyArray<{ probe: Probe }> } }) => {
  const heads = new Map<string, string>();
  for (const h of r.result.hits) if (!heads.has(h.probe.family)) heads.set(h.probe.family, h.probe.origin);
  return [...heads].map(([family, origin]) => `${family} ${origin}`).sort();
};

describe('default exploration of a correct endpoint', () => {
  it('takes two round trips: the first probe with two front ends, then everything else', async () => {
    // The front ends found in round one are mutated in round two, beside discovery and the fixed families.
    const quick = await exploreInRounds(exact);
    expect(quick.rounds).toBe(2);
    expect(quick.result.hits).toEqual([]);
    const thorough = await exploreInRounds(exact, { thorough: true });
    expect(thorough.rounds).toBeGreaterThan(quick.rounds);
  });

  it('sends under half the probes of --thorough, each origin once', async () => {
    const quick = await exploreInRounds(exact);
    const thorough = await exploreInRounds(exact, { thorough: true });
    const origins = quick.sent.map((s) => s.probe.origin);
    expect(new Set(origins).size).toBe(origins.length);
    expect(origins.length).toBeLessThanOrEqual(25);
    expect(origins.length * 2).toBeLessThan(thorough.sent.length);
  });

  it('sends the two likeliest front ends with the first probe, so their mutations leave in round two', async () => {
    const { sent } = await exploreInRounds(exact);
    expect(sent.filter((s) => s.round === 0).map((s) => s.probe.origin)).toEqual([
      `https://${ctx.attacker}`,
      'https://www.victim.com',
      'https://app.victim.com',
    ]);
    const combined = sent.filter((s) => s.probe.family === 'combined');
    expect(combined.map((s) => s.round)).toEqual([1, 1]);
  });
});

describe('default exploration of a faulty endpoint', () => {
  it('a reflect-all server: three probes sent, one observed (the arbitrary origin explains the rest)', async () => {
    const { result, sent } = await exploreInRounds(() => true);
    expect(sent).toHaveLength(3);
    expect(result.observations.map((o) => o.probe.family)).toEqual(['arbitrary']);
    expect(hitsOf({ result })).toEqual([`arbitrary https://${ctx.attacker}`]);
    expect(result.trusted).toEqual([]);
  });

  it('a granted combined probe is split into the probes it stands for, and is not itself an observation', async () => {
    const startsWith = (o: string) => o.startsWith('https://app.victim.com');
    const quick = await exploreInRounds(startsWith);
    expect(quick.sent.some((s) => s.probe.family === 'combined')).toBe(true);
    expect(quick.result.observations.some((o) => o.probe.family === 'combined' && o.allowed)).toBe(false);
    expect(hitsOf(quick)).toEqual([`prefix https://app.victim.com.${ctx.attacker}`]);
    expect(hitsOf(quick)).toEqual(hitsOf(await exploreInRounds(startsWith, { thorough: true })));
  });

  it.each<[string, (o: string) => boolean]>([
    ['startsWith', (o) => o.startsWith('https://app.victim.com')],
    ['endsWith', (o) => o.endsWith('victim.com')],
    ['includes', (o) => o.includes('victim.com')],
    ['unanchored subdomain regex', (o) => /^https:\/\/([a-z0-9-]+\.)*victim\.com/.test(o)],
    ['any subdomain', (o) => /^https:\/\/([a-z0-9-]+\.)*victim\.com$/.test(o)],
    ['unescaped dots', (o) => /^https:\/\/(app|www).victim.com$/.test(o)],
    ['http twin', (o) => /^https?:\/\/(app|www)\.victim\.com$/.test(o)],
    [
      'host stops at [^a-z0-9.:-]',
      (o) => FRONTENDS.includes(`https://${/^https:\/\/([a-z0-9.:-]*)/.exec(o)?.[1]}`),
    ],
    [
      'port ignored',
      (o) => ['app.victim.com', 'www.victim.com'].includes(URL.canParse(o) ? new URL(o).hostname : ''),
    ],
    ['localhost:4200 left in', (o) => exact(o) || o === 'http://localhost:4200'],
    ['vercel previews', (o) => exact(o) || /^https:\/\/[a-z0-9-]+\.vercel\.app$/.test(o)],
    ['null', (o) => exact(o) || o === 'null'],
    ['nothing', () => false],
  ])('%s: the same findings as --thorough', async (_name, allow) => {
    const quick = await exploreInRounds(allow);
    const thorough = await exploreInRounds(allow, { thorough: true });
    expect(findingsOf(quick)).toEqual(findingsOf(thorough));
    // Fewer subdomain candidates: a server trusting them all shows fewer, the first ones of the same list.
    expect(thorough.result.trusted.slice(0, quick.result.trusted.length)).toEqual(quick.result.trusted);
  });

  it('the price of the default: a dev origin past the first six is found by --thorough only', async () => {
    const rare = (o: string) => exact(o) || o === 'http://10.0.0.1';
    expect(hitsOf(await exploreInRounds(rare))).toEqual([]);
    expect(hitsOf(await exploreInRounds(rare, { thorough: true }))).toEqual(['localhost http://10.0.0.1']);
  });

  it('rejects when the first probe fails, and every probe sent with it has settled first', async () => {
    const settled: string[] = [];
    const oracle: Oracle<null> = async (probe) => {
      await new Promise((r) => setTimeout(r, probe.family === 'arbitrary' ? 1 : 20));
      settled.push(probe.origin);
      if (probe.family === 'arbitrary') throw new CorsguardError('CONNECTION_RESET', 'reset');
      return { probe, allowed: false, exchange: null };
    };
    await expect(
      exploreOrigins(oracle, { target: tuple('https://api.victim.com'), declared: [], ctx }),
    ).rejects.toMatchObject({ code: 'CONNECTION_RESET' });
    expect(settled).toHaveLength(3);
  });
});

describe('the preferred trusted origin', () => {
  it('declared first, then www., app., the others, and the target itself last; ties keep their order', () => {
    const own = 'https://api.victim.com';
    const found = [own, 'https://victim.com', 'https://app.victim.com', 'https://www.victim.com'];
    expect(byPreference(found, [], own)).toEqual([
      'https://www.victim.com',
      'https://app.victim.com',
      'https://victim.com',
      own,
    ]);
    expect(byPreference(found, ['https://victim.com'], own)[0]).toBe('https://victim.com');
  });
});
