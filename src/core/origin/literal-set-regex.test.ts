import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { literalSetRegex } from './literal-set-regex.js';

describe('literalSetRegex', () => {
  it('writes shared prefixes once', () => {
    expect(literalSetRegex(['https://app.example.com', 'https://www.example.com'])).toBe(
      '^https://(?:app\\.example\\.com|www\\.example\\.com)$',
    );
    expect(literalSetRegex(['https://a.example', 'https://a.example:8443'])).toBe(
      '^https://a\\.example(?::8443)?$',
    );
    expect(literalSetRegex(['https://a.example'])).toBe('^https://a\\.example$');
  });

  it('an unescaped dot never slips in: a look-alike host is refused', () => {
    const re = new RegExp(literalSetRegex(['https://api.victim.com', 'https://app.victim.com']));
    for (const bad of [
      'https://apixvictim.com',
      'https://api.victimxcom',
      'https://app.victim.com.evil.test',
    ])
      expect(re.test(bad), bad).toBe(false);
  });

  it('matches exactly the strings of the set, whatever the set (property)', () => {
    const word = fc.string({ unit: fc.constantFrom('a', 'b', '.', ':', '/', '-', '1'), maxLength: 8 });
    fc.assert(
      fc.property(
        fc.uniqueArray(word, { minLength: 1, maxLength: 30 }),
        fc.array(word, { maxLength: 30 }),
        (set, others) => {
          const re = new RegExp(literalSetRegex(set));
          for (const s of set) expect(re.test(s)).toBe(true);
          const members = new Set(set);
          // Non-members: random strings, and every member with a character added or removed.
          const probes = [...others, ...set.flatMap((s) => [`${s}a`, `a${s}`, s.slice(1), s.slice(0, -1)])];
          for (const p of probes) expect(re.test(p), JSON.stringify({ set, p })).toBe(members.has(p));
        },
      ),
      { numRuns: 500 },
    );
  });

  it("ends with the dialect's end anchor (PCRE \\z, Python \\Z), as originRegex does", () => {
    expect(literalSetRegex(['https://a.example'], 'pcre')).toBe('^https://a\\.example\\z');
    expect(literalSetRegex(['https://a.example'], 'python')).toBe('^https://a\\.example\\Z');
  });

  it('stays linear in size for 10,000 origins (one pass, no backtracking blow-up)', () => {
    const origins = Array.from({ length: 10_000 }, (_, i) => `https://tenant-${i}.customers.example`);
    const source = literalSetRegex(origins);
    expect(source.length).toBeLessThan(origins.join('').length);
    const re = new RegExp(source);
    expect(re.test('https://tenant-9999.customers.example')).toBe(true);
    expect(re.test('https://tenant-10000.customers.example')).toBe(false);
    expect(re.test(`https://tenant-1${'1'.repeat(5000)}.customers.example`)).toBe(false);
  });
});
