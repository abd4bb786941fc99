import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Lab } from '../lab/index.js';
import { startLab } from '../lab/index.js';
import { scanMany } from './scan-many.js';

// Requests per lab endpoint before the round-trip work of issue 15 (probes sent one after another),
// counted by the scanner and checked equal to what a proxy in front of the lab saw (bench/latency.mjs).
// Sending probes together must cut round trips, never add requests.
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
const requests = new Map<string, number>();

beforeAll(async () => {
  lab = await startLab();
  for await (const r of scanMany(
    lab.targets.map((t) => t.url),
    { resolve: lab.resolve, insecure: true },
  )) {
    requests.set(new URL(r.url).pathname, r.requests);
  }
});
afterAll(() => lab.close());

describe('requests per lab endpoint', () => {
  it('every lab endpoint has a recorded count', () => {
    expect(Object.keys(REQUESTS_BEFORE).sort()).toEqual(lab.targets.map((t) => t.endpoint.path).sort());
  });

  it('no endpoint costs more requests than before probes were sent together', () => {
    const grown = [...requests].filter(([path, n]) => n > (REQUESTS_BEFORE[path] ?? 0));
    expect(grown, 'endpoints whose request count grew').toEqual([]);
  });
});
