import { describe, expect, it } from 'vitest';
import { explains } from './explain.js';
import type { Probe } from './probe.js';

interface Row {
  /** The faulty rule the hit demonstrates, in words. */
  readonly rule: string;
  readonly hit: Probe;
  /** Origins that rule also lets through: probing them teaches nothing new. */
  readonly accepts: readonly string[];
  /** Origins that rule refuses: they must still be probed. */
  readonly rejects: readonly string[];
}

const TABLE: readonly Row[] = [
  {
    rule: 'reflect any origin',
    hit: { family: 'arbitrary', origin: 'https://r.invalid' },
    accepts: ['https://evil.example', 'null', 'http://localhost:3000', 'https://app.victim.com_.r.invalid'],
    rejects: [],
  },
  {
    rule: "origin === 'null'",
    hit: { family: 'null', origin: 'null' },
    accepts: ['null'],
    rejects: ['https://r.invalid', 'https://null', 'Null'],
  },
  {
    rule: "origin.includes('victim.com')",
    hit: {
      family: 'substring',
      origin: 'https://rapp.victim.com.r.invalid',
      basedOn: 'https://app.victim.com',
    },
    accepts: [
      'https://app.victim.com.r.invalid',
      'https://rvictim.com',
      'https://r.victim.com',
      'https://app.victim.com_.r.invalid',
      'https://appxvictim.com',
      'http://app.victim.com',
      'https://app.victim.com:8443',
    ],
    rejects: [
      'https://r.invalid',
      'https://victim.co',
      'https://app.victimxcom',
      'http://localhost:3000',
      'null',
    ],
  },
  {
    rule: "origin.includes('victim.co.uk') (multi-level suffix)",
    hit: {
      family: 'substring',
      origin: 'https://rapi.victim.co.uk.r.invalid',
      basedOn: 'https://api.victim.co.uk:8443',
    },
    accepts: ['https://rvictim.co.uk', 'https://victim.co.uk.r.invalid'],
    rejects: ['https://victim.com', 'https://victimxco.uk'],
  },
  {
    rule: "origin.startsWith('https://app.victim.com')",
    hit: { family: 'prefix', origin: 'https://app.victim.com.r.invalid', basedOn: 'https://app.victim.com' },
    accepts: [
      'https://app.victim.com.other.invalid',
      'https://app.victim.com:9443',
      'https://app.victim.com_.r.invalid',
      'https://app.victim.comx',
    ],
    rejects: [
      'https://xapp.victim.com',
      'http://app.victim.com.r.invalid',
      'https://rvictim.com',
      'https://r.victim.com',
    ],
  },
  {
    rule: "host.endsWith('victim.com')",
    hit: { family: 'suffix', origin: 'https://rvictim.com', basedOn: 'victim.com' },
    accepts: [
      'https://appxvictim.com',
      'https://r.victim.com',
      'http://evilvictim.com:8080',
      'https://a.b.victim.com',
    ],
    rejects: [
      'https://victim.com.r.invalid',
      'https://app.victim.com_.r.invalid',
      'https://app.victimxcom',
      'null',
    ],
  },
  {
    rule: 'any subdomain of victim.com',
    hit: { family: 'subdomain', origin: 'https://r.victim.com', basedOn: 'victim.com' },
    accepts: ['https://other.victim.com', 'http://a.b.victim.com:81'],
    rejects: ['https://rvictim.com', 'https://appxvictim.com', 'https://victim.com.r.invalid'],
  },
  {
    rule: '/^https:\\/\\/app.victim.com$/ (dots unescaped)',
    hit: { family: 'unescaped-dot', origin: 'https://appxvictim.com', basedOn: 'https://app.victim.com' },
    accepts: [
      'https://appxvictim.com',
      'https://app-victim.com',
      'https://app.victimxcom',
      'https://appyvictimzcom',
    ],
    rejects: [
      'https://app.victim.com.r.invalid',
      'https://appxxvictim.com',
      'http://appxvictim.com',
      'https://appxvictim.com:8443',
    ],
  },
  {
    rule: 'unescaped dots with a port in the trusted origin',
    hit: {
      family: 'unescaped-dot',
      origin: 'https://apixvictim.co.uk:8443',
      basedOn: 'https://api.victim.co.uk:8443',
    },
    accepts: ['https://api.victimxco.uk:8443', 'https://apixvictim.co.uk:8443'],
    rejects: ['https://apixvictim.co.uk', 'https://apixvictim.co.uk:9443'],
  },
  {
    rule: 'host read up to the first character outside [a-z0-9.:-]',
    hit: {
      family: 'special-char',
      origin: 'https://app.victim.com_.r.invalid',
      basedOn: 'https://app.victim.com',
    },
    accepts: [
      'https://app.victim.com`.r.invalid',
      'https://app.victim.com%60.r.invalid',
      'https://app.victim.com!.x',
    ],
    rejects: [
      'https://app.victim.com.r.invalid',
      'https://app.victim.com:8443',
      'https://app.victim.com',
      'https://app.victim.comx',
      'https://xapp.victim.com_.r.invalid',
    ],
  },
  {
    rule: 'http twin trusted (exact)',
    hit: { family: 'insecure-scheme', origin: 'http://app.victim.com', basedOn: 'https://app.victim.com' },
    accepts: ['http://app.victim.com'],
    rejects: ['http://www.victim.com', 'http://app.victim.com:8080', 'https://app.victim.com'],
  },
  {
    rule: 'host compared, port ignored',
    hit: { family: 'port', origin: 'https://app.victim.com:8443', basedOn: 'https://app.victim.com' },
    accepts: ['https://app.victim.com:9443', 'https://app.victim.com:1'],
    rejects: ['https://app.victim.com', 'http://app.victim.com:8443', 'https://www.victim.com:8443'],
  },
  {
    rule: 'port ignored on an IPv6 host',
    hit: { family: 'port', origin: 'https://[::1]:8443', basedOn: 'https://[::1]' },
    accepts: ['https://[::1]:9443'],
    rejects: ['https://[::1]', 'https://[::2]:9443'],
  },
  {
    rule: 'development origins trusted',
    hit: { family: 'localhost', origin: 'http://localhost:3000' },
    accepts: [
      'http://localhost:5173',
      'https://127.0.0.1',
      'http://[::1]:3000',
      'http://192.168.0.1',
      'http://10.0.0.1',
    ],
    rejects: ['null', 'https://r.invalid', 'https://localhost.r.invalid', 'http://8.8.8.8'],
  },
  {
    rule: 'any *.vercel.app',
    hit: { family: 'third-party', origin: 'https://r.vercel.app', basedOn: 'vercel.app' },
    accepts: ['https://other.vercel.app', 'https://a.b.vercel.app'],
    rejects: ['https://r.github.io', 'https://vercel.app', 'https://rvercel.app'],
  },
  {
    rule: 'a discovered trusted origin (exact)',
    hit: { family: 'discovery', origin: 'https://app.victim.com' },
    accepts: ['https://app.victim.com'],
    rejects: ['https://www.victim.com', 'https://app.victim.com:8443'],
  },
];

describe('explains: each family hypothesis accepts what its faulty rule accepts and nothing else', () => {
  for (const row of TABLE) {
    describe(`${row.hit.family}: ${row.rule}`, () => {
      it('explains its own probe', () => {
        expect(explains(row.hit, row.hit.origin)).toBe(true);
      });
      it.each(row.accepts.map((o) => [o]))('explains %s (already covered: not sent)', (origin) => {
        expect(explains(row.hit, origin)).toBe(true);
      });
      if (row.rejects.length > 0) {
        it.each(row.rejects.map((o) => [o]))('does not explain %s (still probed)', (origin) => {
          expect(explains(row.hit, origin)).toBe(false);
        });
      }
    });
  }

  it('a hit without basedOn explains nothing for the families that need one', () => {
    for (const family of [
      'substring',
      'prefix',
      'suffix',
      'subdomain',
      'unescaped-dot',
      'special-char',
    ] as const) {
      expect(explains({ family, origin: 'https://x.invalid' }, 'https://anything.example'), family).toBe(
        false,
      );
    }
  });

  it('regex metacharacters in the trusted origin are taken literally by the unescaped-dot hypothesis', () => {
    const hit: Probe = {
      family: 'unescaped-dot',
      origin: 'https://a-bxc.example',
      basedOn: 'https://a-b.c.example',
    };
    expect(explains(hit, 'https://a-b.c.example')).toBe(true);
    expect(explains(hit, 'https://a-bbc.example')).toBe(true);
    expect(explains(hit, 'https://a-b.c.example+')).toBe(false);
  });
});
