import { describe, expect, it } from 'vitest';
import { FINDING_IDS, FINDINGS } from '../../core/findings/index.js';
import type { EndpointDef } from './definition.js';
import { LAB_ENDPOINT_DEFS, LAB_ENDPOINTS } from './endpoints.js';

function def(path: string): EndpointDef {
  const found = LAB_ENDPOINT_DEFS.find((d) => d.path === path);
  if (!found) throw new Error(`no lab endpoint ${path}`);
  return found;
}

describe('LAB_ENDPOINTS', () => {
  it('has unique paths and at most one expected id per endpoint', () => {
    expect(new Set(LAB_ENDPOINTS.map((e) => e.path)).size).toBe(LAB_ENDPOINTS.length);
    for (const e of LAB_ENDPOINTS) expect(e.expect.length).toBeLessThanOrEqual(1);
  });

  it('covers every finding id exactly once, on the endpoint its registry entry names', () => {
    for (const id of FINDING_IDS) {
      const owners = LAB_ENDPOINTS.filter((e) => e.expect.includes(id)).map((e) => e.path);
      expect(owners, `${id}: add a lab endpoint at ${FINDINGS[id].lab} (endpoints.ts)`).toEqual([
        FINDINGS[id].lab,
      ]);
    }
  });

  it('has an endpoint for every lab path of the registry, and every id names a distinct one', () => {
    const paths = new Set(LAB_ENDPOINT_DEFS.map((d) => d.path));
    for (const id of FINDING_IDS)
      expect(paths.has(FINDINGS[id].lab), `${id}: ${FINDINGS[id].lab}`).toBe(true);
    expect(new Set(FINDING_IDS.map((id) => FINDINGS[id].lab)).size).toBe(FINDING_IDS.length);
  });

  it('has the three correct endpoints expecting nothing', () => {
    const clean = LAB_ENDPOINTS.filter((e) => e.expect.length === 0).map((e) => e.path);
    expect(clean.sort()).toEqual(['/safe', '/safe-public-read', '/ws-safe']);
  });

  it('exposes metadata only (no policy functions)', () => {
    for (const e of LAB_ENDPOINTS)
      expect(Object.keys(e).sort()).toEqual(['description', 'expect', 'path', 'scheme']);
  });
});

// [path, origins the buggy check lets through, origins it still refuses]
const CHECKS: ReadonlyArray<readonly [string, readonly string[], readonly string[]]> = [
  ['/reflect', ['https://evil.example', 'null'], []],
  ['/null', ['null', 'https://app.victim.test'], ['https://evil.example']],
  ['/prefix', ['https://app.victim.test.evil.example'], ['https://evil.example', 'null']],
  ['/suffix', ['https://evilvictim.test'], ['https://victim.test.evil.example', 'null']],
  ['/substring', ['https://victim.test.evil.example'], ['https://evil.example']],
  [
    '/unescaped-dot',
    ['https://appxvictim.test', 'https://www.victim-test'],
    ['https://app.victim.test.evil.example'],
  ],
  [
    '/special-char',
    ['https://app.victim.test_.evil.example', 'https://www.victim.test!.evil.example'],
    ['https://app.victim.test.evil.example', 'https://app.victim.test:8443', 'http://app.victim.test'],
  ],
  [
    '/subdomain',
    ['https://anything.victim.test', 'https://victim.test'],
    ['https://evilvictim.test', 'http://app.victim.test'],
  ],
  ['/insecure-scheme', ['http://app.victim.test', 'http://www.victim.test'], ['http://evil.victim.test']],
  ['/port-ignored', ['https://app.victim.test:8443'], ['http://app.victim.test', 'https://evil.example']],
  ['/localhost', ['http://localhost:3000'], ['http://localhost:3001', 'http://127.0.0.1:3000']],
  [
    '/third-party',
    ['https://attacker.vercel.app'],
    ['https://vercel.app', 'https://attacker.vercel.app.evil.example'],
  ],
  ['/safe', [], ['https://app.victim.test.evil.example', 'https://app.victim.test:443', 'null']],
  ['/safe-public-read', [], ['https://app.victim.test']],
  ['/ws', ['https://evil.example'], []],
  ['/ws-safe', [], ['https://evil.example', 'http://app.victim.test']],
];

describe('endpoint origin checks', () => {
  it.each(CHECKS)('%s lets the intended origins through and no others', (path, accepted, refused) => {
    const { allow } = def(path);
    for (const origin of accepted) expect(allow(origin), origin).toBe(true);
    for (const origin of refused) expect(allow(origin), origin).toBe(false);
  });

  it('every endpoint except /safe-public-read trusts the legitimate front-ends', () => {
    for (const d of LAB_ENDPOINT_DEFS) {
      if (d.path === '/safe-public-read') continue;
      expect(d.allow('https://app.victim.test'), d.path).toBe(true);
      expect(d.allow('https://www.victim.test'), d.path).toBe(true);
    }
  });

  it('only the origin-check classes let a foreign origin through', () => {
    const permissive = LAB_ENDPOINT_DEFS.filter((d) => d.allow('https://evil.example')).map((d) => d.path);
    expect(permissive.sort()).toEqual(['/reflect', '/wildcard', '/wildcard-credentials', '/ws']);
  });
});

// One canonical probe origin per origin-check class. Buggy checks inevitably accept some other classes'
// probes too (a suffix check also lets subdomains in); this matrix pins exactly which, so the scanner can
// attribute each endpoint to its one root cause.
const PROBES = {
  foreign: 'https://evil.example',
  null: 'null',
  prefix: 'https://app.victim.test.evil.example',
  suffix: 'https://evilvictim.test',
  substring: 'https://victim.test.evil.example',
  dot: 'https://appxvictim.test',
  special: 'https://app.victim.test_.evil.example',
  subdomain: 'https://evil.victim.test',
  insecure: 'http://app.victim.test',
  port: 'https://app.victim.test:8443',
  localhost: 'http://localhost:3000',
  thirdParty: 'https://evil.vercel.app',
} as const;
const ALL_PROBES = Object.keys(PROBES);

const ACCEPTED_PROBES: Readonly<Record<string, readonly string[]>> = {
  '/reflect': ALL_PROBES,
  '/null': ['null'],
  '/wildcard-credentials': ALL_PROBES,
  '/wildcard': ALL_PROBES,
  '/prefix': ['prefix', 'special', 'port'],
  '/suffix': ['suffix', 'dot', 'subdomain', 'insecure'],
  '/substring': ['prefix', 'suffix', 'substring', 'dot', 'special', 'subdomain', 'insecure', 'port'],
  '/unescaped-dot': ['dot'],
  '/special-char': ['special'],
  '/subdomain': ['subdomain'],
  '/insecure-scheme': ['insecure'],
  '/port-ignored': ['port'],
  '/localhost': ['localhost'],
  '/third-party': ['thirdParty'],
  '/ws': ALL_PROBES,
};

describe('probe matrix', () => {
  it.each(LAB_ENDPOINT_DEFS.map((d) => d.path))('%s accepts exactly the documented probes', (path) => {
    const { allow } = def(path);
    const accepted = Object.entries(PROBES)
      .filter(([, origin]) => allow(origin))
      .map(([name]) => name);
    expect(accepted).toEqual(ACCEPTED_PROBES[path] ?? []);
  });
});
