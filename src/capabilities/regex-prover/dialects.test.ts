import { describe, expect, it } from 'vitest';
import { proveOriginRegex, toJsRegex } from './index.js';

describe('toJsRegex: each dialect as its engine applies it', () => {
  it('python re.match is anchored at the start only: a suffix gets through', () => {
    const js = toJsRegex({ source: r`https://app\.example\.com`, flags: '', dialect: 'python-match' });
    expect(new RegExp(js.source, js.flags).test('https://app.example.com.attacker.tld')).toBe(true);
    expect(new RegExp(js.source, js.flags).test('https://x.https://app.example.com')).toBe(false);
    const proof = proveOriginRegex(js);
    expect(proof.counterexamples[0]?.origin).toMatch(/^https:\/\/app\.example\.com\./);
  });
  it('python fullmatch of the same pattern is safe', () => {
    const js = toJsRegex({ source: r`https://app\.example\.com`, flags: '', dialect: 'python-fullmatch' });
    expect(proveOriginRegex(js).verdict).toBe('safe');
  });
  it('python named groups, \\A and \\Z, leading (?i)', () => {
    const js = toJsRegex({
      source: r`(?i)\A(?P<s>https)://app\.example\.com\Z`,
      flags: '',
      dialect: 'python-search',
    });
    expect(js).toEqual({ source: r`^(?<s>https):\/\/app\.example\.com$`, flags: 'i' });
  });
  it('pcre (nginx ~*) matches anywhere: an unanchored pattern is a substring check', () => {
    const js = toJsRegex({ source: r`example\.com`, flags: 'i', dialect: 'pcre' });
    const proof = proveOriginRegex(js, { trustedSite: 'example.com' });
    expect(proof.verdict).toBe('vulnerable');
  });
  it('refuses what it cannot translate exactly instead of reading it another way', () => {
    for (const source of ['a++b', '(?>atomic)', '[[:alpha:]]+', r`\Qa.b\E`, '(?x) a b']) {
      expect(() => toJsRegex({ source, flags: '', dialect: 'pcre' }), source).toThrow(
        expect.objectContaining({ code: 'REGEX_UNSUPPORTED' }),
      );
    }
  });
  it('a literal ] first in a class is kept literal', () => {
    const js = toJsRegex({ source: '^[]a]$', flags: '', dialect: 'pcre' });
    expect(new RegExp(js.source).test(']')).toBe(true);
  });
});

function r(strings: TemplateStringsArray): string {
  return strings.raw[0] ?? '';
}
