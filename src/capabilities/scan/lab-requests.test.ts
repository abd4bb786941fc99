import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Lab } from '../lab/index.js';
import { startLab } from '../lab/index.js';
import { scanMany } from './scan-many.js';
import type { TargetResult } from './types.js';

// Requests per lab endpoint before the round-trip work of issue 15 (probes sent one after another),
// counted by the scanner and checked equal to what a proxy in front of the lab saw (bench/latency.mjs).
// A --thorough scan sends every variant of every family: sending probes together must cut its round
// trips, never add requests.
const REQUESTS_BEFORE: Readonly<Record<string, number>> = {
  '/reflect': 3,
  '/null': 77,
  '/wildcard-credentials': 71,
  '/wildcard': 71,
  '/prefix': 58,
  '/suffix': 74,
  '/substring': 53,
  '/unescaped-dot': 77,
  '/special-char': 61,
  '/subdomain': 86,
  '/insecure-scheme': 77,
  '/port-ignored': 77,
  '/localhost': 63,
  '/third-party': 65,
  '/vary-missing': 77,
  '/preflight-permissive': 77,
  '/max-age': 77,
  '/expose-sensitive': 77,
  '/private-network': 77,
  '/invalid-headers': 77,
  '/samesite-none': 77,
  '/ws': 1,
  '/safe': 77,
  '/safe-public-read': 71,
  '/ws-safe': 74,
};

let lab: Lab;
const quick = new Map<string, TargetResult>();
const thorough = new Map<string, TargetResult>();

beforeAll(async () => {
  lab = await startLab();
  for (const [results, mode] of [
    [quick, false],
    [thorough, true],
  ] as const) {
    for await (const r of scanMany(
      lab.targets.map((t) => t.url),
      { resolve: lab.resolve, insecure: true, thorough: mode },
    )) {
      results.set(new URL(r.url).pathname, r);
    }
  }
});
afterAll(() => lab.close());

/** A result's findings as `id severity origin`, the scan's random label and attacker domain blanked. */
const findings = (r: TargetResult | undefined) =>
  (r?.findings ?? []).map((f) => `${f.id} ${f.severity} ${f.origin.replace(/[a-z0-9]{8,}/g, 'R')}`).sort();

describe('requests per lab endpoint', () => {
  it('every lab endpoint has a recorded count', () => {
    expect(Object.keys(REQUESTS_BEFORE).sort()).toEqual(lab.targets.map((t) => t.endpoint.path).sort());
  });

  it('--thorough: no endpoint costs more requests than before probes were sent together', () => {
    const grown = [...thorough].filter(([path, r]) => r.requests > (REQUESTS_BEFORE[path] ?? 0));
    expect(
      grown.map(([path, r]) => `${path}: ${r.requests}`),
      'endpoints whose request count grew',
    ).toEqual([]);
  });

  it('by default a correctly configured endpoint costs at most 40 requests (median), a reflecting one at most 5', () => {
    const correct = lab.targets.filter((t) => t.endpoint.expect.length === 0).map((t) => t.endpoint.path);
    expect(correct.sort()).toEqual(['/safe', '/safe-public-read', '/ws-safe']);
    const counts = correct
      .map((path) => quick.get(path)?.requests ?? Number.POSITIVE_INFINITY)
      .sort((a, b) => a - b);
    expect(counts[Math.floor(counts.length / 2)]).toBeLessThanOrEqual(40);
    expect(quick.get('/reflect')?.requests).toBeLessThanOrEqual(5);
  });

  it('by default every endpoint reports exactly the findings of --thorough', () => {
    for (const t of lab.targets) {
      const path = t.endpoint.path;
      expect(quick.get(path)?.error, path).toBeUndefined();
      expect(findings(quick.get(path)), path).toEqual(findings(thorough.get(path)));
      expect(new Set(findings(quick.get(path)).map((f) => f.split(' ')[0])), path).toEqual(
        new Set(t.endpoint.expect),
      );
    }
  });
});
