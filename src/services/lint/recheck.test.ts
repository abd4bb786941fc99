import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import {
  LineIndex,
  type LintFinding,
  type LintPattern,
  regexFindings,
} from '../../capabilities/lint/index.js';
import { recheckCounterexamples } from './index.js';

function available(command: string, args: string[]): string | null {
  try {
    execFileSync(command, args, { stdio: ['pipe', 'ignore', 'ignore'], input: 'a\n' });
    return null;
  } catch {
    if (process.env.CORSGUARD_REQUIRE_SERVERS === '1') throw new Error(`${command} is required on CI`);
    return `${command} is not available`;
  }
}

const at = {
  file: 'x',
  lines: new LineIndex('x'),
  start: 0,
  end: 1,
  language: 'nginx' as const,
  rule: 'r',
  reach: 'anonymous' as const,
  describe: 'd',
};

function findingsOf(patterns: LintPattern[]): LintFinding[] {
  return patterns.flatMap((p) => regexFindings(p, at).findings.filter((f) => f.counterexample));
}

const PCRE: LintPattern[] = [
  { source: 'https?://(.*\\.)?example\\.com', flags: 'i', dialect: 'pcre' },
  { source: '^https://(www|app)\\.example\\.com', flags: '', dialect: 'pcre' },
  { source: '(?i)^https://app.example.com$', flags: '', dialect: 'pcre' },
  { source: 'example\\.com$', flags: 'i', dialect: 'pcre' },
  { source: '^https://[a-z]+\\.example\\.com(:[0-9]+)?$|^null$', flags: '', dialect: 'pcre' },
];
const PYTHON: LintPattern[] = [
  { source: 'https://.*\\.example\\.com', flags: '', dialect: 'python-match' },
  { source: 'https://app\\.example\\.com', flags: '', dialect: 'python-match' },
  { source: 'https://(?P<sub>[a-z]+)\\.example.com', flags: '', dialect: 'python-fullmatch' },
  { source: '^https?://.*example\\.com$', flags: 'i', dialect: 'python-search' },
  { source: '\\Ahttps://api\\.example\\.com|null\\Z', flags: '', dialect: 'python-fullmatch' },
];

describe('counterexamples re-checked where the pattern really runs', () => {
  const noGrep = available('grep', ['-qP', 'a']);
  it.skipIf(noGrep !== null)('PCRE2 (grep -P) accepts every counterexample of nginx/Apache patterns', () => {
    const findings = findingsOf(PCRE);
    expect(findings.length).toBeGreaterThanOrEqual(5);
    const checks = recheckCounterexamples(findings);
    for (const f of findings)
      expect(checks.get(f), `${f.pattern?.source} ${f.counterexample}`).toEqual({
        engine: 'pcre2',
        accepted: true,
      });
  });
  const noPython = available('python3', ['-c', 'import re']);
  it.skipIf(noPython !== null)(
    "CPython's re (match / fullmatch / search) accepts every counterexample",
    () => {
      const findings = findingsOf(PYTHON);
      expect(findings.length).toBeGreaterThanOrEqual(5);
      const checks = recheckCounterexamples(findings);
      for (const f of findings)
        expect(checks.get(f), `${f.pattern?.source} ${f.counterexample}`).toEqual({
          engine: 'cpython',
          accepted: true,
        });
    },
  );
  it.skipIf(noPython !== null || noGrep !== null)(
    'a counterexample the real engine rejects is reported as rejected, not confirmed',
    () => {
      const [f] = findingsOf([{ source: 'https://app\\.example\\.com', flags: '', dialect: 'python-match' }]);
      expect(f).toBeDefined();
      const wrong = { ...(f as LintFinding), counterexample: 'https://x.app.example.com.evil.tld' };
      const pcre = {
        ...wrong,
        pattern: { source: '^https://app\\.example\\.com$', flags: '', dialect: 'pcre' as const },
      };
      const checks = recheckCounterexamples([wrong, pcre]);
      expect(checks.get(wrong)).toEqual({ engine: 'cpython', accepted: false });
      expect(checks.get(pcre)).toEqual({ engine: 'pcre2', accepted: false });
    },
  );
});
