import { describe, expect, it } from 'vitest';
import type { OriginRegex } from '../regex-prover/index.js';
import { LineIndex, regexFindings, safeRegexSource, stringCheckRegex } from './index.js';

const text = 'line one\nconst re = /x/;\n';
const at = {
  file: 'app.js',
  lines: new LineIndex(text),
  start: 20,
  end: 23,
  language: 'javascript' as const,
  rule: 'js/origin-regex',
  reach: 'credentialed' as const,
  describe: 'the origin regex',
};
const js = (source: string, flags = ''): OriginRegex => ({ source, flags, dialect: 'js' });
const ids = (r: ReturnType<typeof regexFindings>) => r.findings.map((f) => [f.id, f.counterexample]);

describe('regexFindings: the scanner id each attacker witness stands for', () => {
  it('an unescaped dot in the host is unescaped-dot-bypass, with a lookalike domain', () => {
    const r = regexFindings(js('^https://api.example\\.com$'), at);
    expect(ids(r)).toEqual([['unescaped-dot-bypass', 'https://api-example.com']]);
    expect(r.findings[0]?.region).toEqual({ line: 2, column: 12, endLine: 2, endColumn: 15 });
    expect(r.findings[0]?.severity).toBe('critical');
    expect(r.findings[0]?.fix?.description).toContain('^https://api\\.example\\.com$');
  });
  it('a missing end anchor is prefix-match-bypass', () => {
    expect(ids(regexFindings(js('^https://app\\.example\\.com'), at))[0]?.[0]).toBe('prefix-match-bypass');
  });
  it('.* in front of the domain without a dot is suffix-match-bypass', () => {
    expect(ids(regexFindings(js('^https://.*example\\.com$'), at))[0]).toEqual([
      'suffix-match-bypass',
      'https://xexample.com',
    ]);
  });
  it('an alternation of hosts without an end anchor is prefix-match-bypass, not substring', () => {
    expect(ids(regexFindings(js('^https://(app|admin)\\.example\\.com'), at))[0]).toEqual([
      'prefix-match-bypass',
      'https://app.example.com.x.com',
    ]);
  });
  it('\\w* or a class with a dot in front of the domain is suffix-match-bypass (the class is not a host)', () => {
    expect(ids(regexFindings(js('^https://\\w*example\\.com$'), at))[0]?.[0]).toBe('suffix-match-bypass');
    expect(ids(regexFindings(js('^https://[a-z0-9.-]*example\\.com$'), at))[0]).toEqual([
      'suffix-match-bypass',
      'https://xexample.com',
    ]);
  });
  it('no anchors at all is substring-match-bypass', () => {
    expect(ids(regexFindings(js('example\\.com'), at))[0]?.[0]).toBe('substring-match-bypass');
  });
  it('http and null are their own findings', () => {
    expect(ids(regexFindings(js('^(https?://app\\.example\\.com|null)$'), at)).map((x) => x[0])).toEqual([
      'insecure-scheme-trusted',
      'null-origin-allowed',
    ]);
  });
  it('every subdomain, dot required, is subdomain-trusted (what the scanner reports), not a bypass', () => {
    expect(ids(regexFindings(js('^https://([a-z0-9-]+\\.)*example\\.com$'), at))).toEqual([
      ['subdomain-trusted', 'https://corsguard-attacker.example.com'],
    ]);
  });
  it('an exact allowlist regex has no finding', () => {
    expect(regexFindings(js('^https://(www|app)\\.example\\.com$'), at)).toEqual({
      findings: [],
      problems: [],
    });
  });
  it('a regex the prover refuses is a problem with its code and line, not a pass', () => {
    const r = regexFindings(js('^https://(?!evil)[a-z]+\\.example\\.com$'), at);
    expect(r.findings).toEqual([]);
    expect(r.problems[0]).toMatchObject({ file: 'app.js', line: 2, code: 'REGEX_UNSUPPORTED' });
  });
});

describe('string checks decided by the same prover', () => {
  it('endsWith without the dot is suffix-match-bypass; with the dot it is subdomain-trusted', () => {
    expect(ids(regexFindings(stringCheckRegex('endsWith', 'example.com', 'origin'), at))[0]?.[0]).toBe(
      'suffix-match-bypass',
    );
    // A host check ignores the scheme: http:// origins get through too.
    expect(
      ids(regexFindings(stringCheckRegex('endsWith', '.example.com', 'host'), at)).map((x) => x[0]),
    ).toEqual(['insecure-scheme-trusted', 'subdomain-trusted']);
  });
  it('startsWith an origin is prefix-match-bypass; includes is substring-match-bypass; equals is safe', () => {
    expect(
      ids(regexFindings(stringCheckRegex('startsWith', 'https://app.example.com', 'origin'), at))[0]?.[0],
    ).toBe('prefix-match-bypass');
    expect(ids(regexFindings(stringCheckRegex('includes', 'example.com', 'origin'), at))[0]?.[0]).toBe(
      'substring-match-bypass',
    );
    expect(
      regexFindings(stringCheckRegex('equals', 'https://app.example.com', 'origin'), at).findings,
    ).toEqual([]);
  });
});

describe('safeRegexSource', () => {
  it('escapes the dots and anchors, and offers it only when proven safe', () => {
    expect(safeRegexSource(js('https://api.example.com'), 'example.com')).toBe(
      '^https://api\\.example\\.com$',
    );
    expect(safeRegexSource(js('https://(www|api).example.com'), 'example.com')).toBe(
      '^https://(www|api)\\.example\\.com$',
    );
    expect(safeRegexSource(js('^https://.*\\.example\\.com$'), 'example.com')).toBeUndefined();
  });
});
