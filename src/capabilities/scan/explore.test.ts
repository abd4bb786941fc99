import { describe, expect, it } from 'vitest';
import { CorsguardError } from '../../core/errors/index.js';
import { FAMILY_FINDING, FINDINGS } from '../../core/findings/index.js';
import { parseOrigin, type TupleOrigin } from '../../core/origin/index.js';
import type { Probe, ProbeContext, ProbeFamily } from '../../core/probes/index.js';
import { type ExploreResult, exploreOrigins, MAX_MUTATED_ORIGINS, type Oracle } from './explore.js';

function tuple(origin: string): TupleOrigin {
  const o = parseOrigin(origin);
  if (o.kind !== 'tuple') throw new Error(`${origin} is not a tuple origin`);
  return o;
}

const ctx: ProbeContext = { label: 'r4nd0m', attacker: 'r4nd0m.invalid' };
const TARGET = tuple('https://api.victim.com');
const FRONTENDS = ['https://app.victim.com', 'https://www.victim.com'];

/** An in-memory server: `allow` is its (possibly faulty) origin check; records every probe sent. */
function fakeServer(allow: (origin: string) => boolean, fail?: (probe: Probe) => boolean) {
  const sent: Probe[] = [];
  const oracle: Oracle<null> = async (probe) => {
    sent.push(probe);
    if (fail?.(probe)) throw new CorsguardError('CONNECTION_RESET', `reset while sending ${probe.origin}`);
    return { probe, allowed: allow(probe.origin), exchange: null };
  };
  return { oracle, sent };
}

async function explore(
  allow: (origin: string) => boolean,
  options: {
    target?: TupleOrigin;
    declared?: readonly string[];
    fail?: (probe: Probe) => boolean;
    thorough?: boolean;
  } = {},
): Promise<{ result: ExploreResult<null>; sent: Probe[]; families: Set<ProbeFamily> }> {
  const server = fakeServer(allow, options.fail);
  // What is sent one stage after another is the thorough mode's (the default sends probes ahead).
  const result = await exploreOrigins(server.oracle, {
    target: options.target ?? TARGET,
    declared: options.declared ?? [],
    ctx,
    thorough: options.thorough ?? true,
  });
  return { result, sent: server.sent, families: new Set(result.hits.map((h) => h.probe.family)) };
}

function hostname(origin: string): string | undefined {
  try {
    return new URL(origin).hostname;
  } catch {
    return undefined;
  }
}

describe('substring matching is confirmed before it is reported', () => {
  it('a subdomain pattern missing its end anchor is not called substring matching (it is a prefix bypass)', async () => {
    // /^https:\/\/([a-z0-9-]+\.)*victim\.com/ without $: grants https://<r>app.victim.com.<attacker>
    // (the substring probe) but not https://<r>xvictim.com.<attacker> (the substring-only probe).
    const unanchored = /^https:\/\/([a-z0-9-]+\.)*victim\.com/;
    const { families, sent } = await explore((o) => unanchored.test(o));
    expect(sent.some((p) => p.origin === `https://${ctx.label}xvictim.com.${ctx.attacker}`)).toBe(true);
    expect(families.has('substring')).toBe(false);
    expect(families.has('prefix')).toBe(true);
    expect(families.has('subdomain')).toBe(true);
  });

  it("includes('victim.com') is still substring matching, proven by the substring-only probe", async () => {
    const { families, result } = await explore((o) => o.includes('victim.com'));
    expect(families.has('substring')).toBe(true);
    const hit = result.hits.find((h) => h.probe.family === 'substring');
    expect(hit?.probe.origin).toBe(`https://${ctx.label}api.victim.com.${ctx.attacker}`);
  });
});

describe('exploreOrigins against realistic faulty validators', () => {
  it.each<[string, (o: string) => boolean, ProbeFamily[]]>([
    ["startsWith('https://app.victim.com')", (o) => FRONTENDS.some((f) => o.startsWith(f)), ['prefix']],
    ["endsWith('victim.com')", (o) => o.endsWith('victim.com'), ['suffix']],
    ["includes('victim.com')", (o) => o.includes('victim.com'), ['substring']],
    [
      '/^https:\\/\\/(app|www).victim.com$/ (dots unescaped)',
      (o) => /^https:\/\/(app|www).victim.com$/.test(o),
      ['unescaped-dot'],
    ],
    [
      '/^https:\\/\\/([a-z0-9-]+\\.)*victim\\.com$/ (any subdomain)',
      (o) => /^https:\/\/([a-z0-9-]+\.)*victim\.com$/.test(o),
      ['subdomain'],
    ],
    [
      '/^https?:\\/\\/(app|www)\\.victim\\.com$/ (http allowed)',
      (o) => /^https?:\/\/(app|www)\.victim\.com$/.test(o),
      ['insecure-scheme'],
    ],
    [
      'https + hostname-only compare (port ignored)',
      (o) => o.startsWith('https://') && ['app.victim.com', 'www.victim.com'].includes(hostname(o) ?? ''),
      ['port'],
    ],
    [
      'exact list plus http://localhost:3000',
      (o) => FRONTENDS.includes(o) || o === 'http://localhost:3000',
      ['localhost'],
    ],
    [
      'exact list plus any *.vercel.app',
      (o) => FRONTENDS.includes(o) || /^https:\/\/[a-z0-9-]+\.vercel\.app$/.test(o),
      ['third-party'],
    ],
    ["exact list plus 'null'", (o) => FRONTENDS.includes(o) || o === 'null', ['null']],
    ['exact allowlist (correct)', (o) => FRONTENDS.includes(o), []],
    ['nothing allowed (no CORS)', () => false, []],
  ])('%s → hits %j, by default and with --thorough', async (_name, allow, expected) => {
    for (const thorough of [false, true]) {
      const { result, families } = await explore(allow, { thorough });
      expect([...families].sort()).toEqual([...expected].sort());
      expect(result.errors).toEqual([]);
    }
  });

  it('a startsWith check yields a prefix hit only: the special-char and port variants are explained and never sent', async () => {
    const { result, sent } = await explore((o) => o.startsWith('https://app.victim.com'));
    expect(result.hits.map((h) => h.probe.family)).toEqual(['prefix']);
    expect(result.hits[0]?.probe.origin).toBe('https://app.victim.com.r4nd0m.invalid');
    const sentFamilies = new Set(sent.map((p) => p.family));
    expect(sentFamilies.has('special-char')).toBe(false);
    expect(sent.some((p) => p.family === 'port' && p.origin.startsWith('https://app.victim.com'))).toBe(
      false,
    );
  });

  it('a suffix hit explains the subdomain and unescaped-dot look-alikes, so they are not sent', async () => {
    const { sent, result } = await explore((o) => o.endsWith('victim.com'));
    expect(result.hits.map((h) => h.probe.origin)).toEqual(['https://r4nd0mvictim.com']);
    expect(sent.filter((p) => p.family === 'subdomain' || p.family === 'unescaped-dot')).toEqual([]);
  });

  it('a reflect-all server costs exactly one probe: the arbitrary origin explains every other one', async () => {
    const { result, sent } = await explore(() => true);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toEqual({ family: 'arbitrary', origin: 'https://r4nd0m.invalid' });
    expect(result.hits.map((h) => h.probe.family)).toEqual(['arbitrary']);
    expect(result.trusted).toEqual([]);
  });

  it('never sends the same origin twice, whatever the validator', async () => {
    const validators: Array<(o: string) => boolean> = [
      (o) => o.startsWith('https://app.victim.com'),
      (o) => o.endsWith('victim.com'),
      (o) => o.includes('victim.com'),
      (o) => /^https:\/\/([a-z0-9-]+\.)*victim\.com$/.test(o),
      (o) => FRONTENDS.includes(o) || o.startsWith('http://localhost'),
      () => false,
    ];
    for (const allow of validators) {
      const origins = (await explore(allow)).sent.map((p) => p.origin);
      expect(new Set(origins).size).toBe(origins.length);
    }
  });

  it('a general root cause found in an earlier stage keeps the narrower families from being sent at all', async () => {
    // includes('victim.com') is found by the substring probe in stage 2: prefix, suffix, special-char,
    // subdomain, unescaped-dot, insecure-scheme and port probes all contain victim.com and are skipped.
    const { sent } = await explore((o) => o.includes('victim.com'));
    const narrower = sent.filter((p) =>
      ['prefix', 'suffix', 'special-char', 'subdomain', 'unescaped-dot', 'insecure-scheme', 'port'].includes(
        p.family,
      ),
    );
    expect(narrower).toEqual([]);
  });

  it('reports the trusted origins discovery found, and mutates at most MAX_MUTATED_ORIGINS of them', async () => {
    const { result, sent } = await explore((o) => o.endsWith('victim.com'));
    expect(result.trusted).toContain('https://api.victim.com');
    expect(result.trusted).toContain('https://app.victim.com');
    expect(result.trusted.length).toBeGreaterThan(MAX_MUTATED_ORIGINS);
    const prefixBases = new Set(sent.filter((p) => p.family === 'prefix').map((p) => p.basedOn));
    expect(prefixBases.size).toBe(MAX_MUTATED_ORIGINS);
  });

  it('mutates the target own origin when no trusted origin is found', async () => {
    const { sent } = await explore(() => false);
    expect(sent.find((p) => p.family === 'prefix')?.origin).toBe('https://api.victim.com.r4nd0m.invalid');
  });

  it('observes a declared origin once, during discovery, mutates it, and never reports it', async () => {
    const declared = ['https://partner.example'];
    const { result, sent } = await explore((o) => o.startsWith('https://partner.example'), { declared });
    expect(sent.filter((p) => p.origin === 'https://partner.example').map((p) => p.family)).toEqual([
      'discovery',
    ]);
    expect(result.hits.map((h) => h.probe.origin)).toEqual(['https://partner.example.r4nd0m.invalid']);
  });

  it('does not report a declared development origin as localhost-trusted', async () => {
    const declared = ['http://localhost:3000'];
    const { result } = await explore((o) => o === 'http://localhost:3000', { declared });
    expect(result.hits).toEqual([]);
  });

  it('does not send localhost probes to a target that is itself local', async () => {
    const { sent } = await explore(() => false, { target: tuple('http://localhost:8080') });
    expect(sent.filter((p) => p.family === 'localhost')).toEqual([]);
    expect(sent.filter((p) => p.family === 'insecure-scheme')).toEqual([]);
  });

  it('stops a multi-variant family at its first hit (one localhost request for the first dev origin)', async () => {
    const { sent } = await explore((o) => o.startsWith('http://localhost'));
    expect(sent.filter((p) => p.family === 'localhost').map((p) => p.origin)).toEqual([
      'http://localhost:3000',
    ]);
  });
});

describe('exploreOrigins follows the stages of the finding registry', () => {
  const stageOf = (family: ProbeFamily): number => {
    const id = FAMILY_FINDING[family];
    const source = id ? FINDINGS[id].source : undefined;
    if (!source || !('stage' in source)) throw new Error(`${family}: no registry entry with a stage`);
    return source.stage;
  };

  it('sends every registry family, in the order of its registry stage', async () => {
    const { sent } = await explore(() => false, { declared: FRONTENDS });
    const probes = sent.filter((p) => p.family !== 'discovery');
    const stages = probes.map((p) => stageOf(p.family));
    expect(stages[0]).toBe(1);
    expect(stages, probes.map((p) => `${p.family}@${stageOf(p.family)}`).join(' ')).toEqual(
      [...stages].sort((a, b) => a - b),
    );
    const registryFamilies = Object.entries(FAMILY_FINDING).filter(([, id]) => id !== null);
    for (const [family] of registryFamilies) expect(new Set(probes.map((p) => p.family))).toContain(family);
  });
});

describe('exploreOrigins failures', () => {
  it('rejects when the first probe fails: the target cannot be scanned', async () => {
    const server = fakeServer(
      () => true,
      () => true,
    );
    await expect(
      exploreOrigins(server.oracle, { target: TARGET, declared: [], ctx, thorough: true }),
    ).rejects.toMatchObject({
      code: 'CONNECTION_RESET',
    });
    expect(server.sent).toHaveLength(1);
  });

  it('collects later failures in errors and keeps exploring', async () => {
    const failing = new Set(['null', 'https://www.victim.com', 'http://localhost:3000']);
    const { result, sent } = await explore((o) => o.startsWith('https://app.victim.com'), {
      fail: (p) => failing.has(p.origin),
    });
    expect(result.errors).toHaveLength(3);
    for (const e of result.errors) {
      expect(e).toBeInstanceOf(CorsguardError);
      expect(e.code).toBe('CONNECTION_RESET');
    }
    // The failed probes were attempted once and are not observations; the rest of the scan still ran.
    expect(sent.filter((p) => failing.has(p.origin))).toHaveLength(3);
    expect(result.observations.some((o) => failing.has(o.probe.origin))).toBe(false);
    expect(result.hits.map((h) => h.probe.family)).toEqual(['prefix']);
    // The localhost family went on to its next variant after the failure.
    expect(sent.filter((p) => p.family === 'localhost').length).toBeGreaterThan(1);
  });
});
