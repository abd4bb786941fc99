import { describe, expect, it } from 'vitest';
import { FINDING_CATALOG } from './findings/catalog.js';
import { REPORT_SCHEMA } from './test-support/schema.js';
import { type FindingId, SEVERITIES } from './types.js';

/**
 * Every FindingId, checked by the compiler both ways: a missing id or an unknown key fails `tsc`.
 */
const ALL_FINDING_IDS = Object.keys({
  'origin-reflected': true,
  'null-origin-allowed': true,
  'wildcard-with-credentials': true,
  'wildcard-origin': true,
  'prefix-match-bypass': true,
  'suffix-match-bypass': true,
  'substring-match-bypass': true,
  'unescaped-dot-bypass': true,
  'special-char-bypass': true,
  'subdomain-trusted': true,
  'insecure-scheme-trusted': true,
  'port-ignored': true,
  'localhost-trusted': true,
  'third-party-origin-trusted': true,
  'vary-origin-missing': true,
  'preflight-permissive': true,
  'max-age-excessive': true,
  'expose-headers-sensitive': true,
  'private-network-allowed': true,
  'websocket-origin-unchecked': true,
  'invalid-cors-headers': true,
  'samesite-none-cookie': true,
} satisfies Record<FindingId, true>);

const sorted = (xs: Iterable<string>): string[] => [...xs].sort();

describe('schema/report.schema.json matches the code', () => {
  it('every finding id has exactly one catalog row, and the catalog has no other rows', () => {
    expect(sorted(Object.keys(FINDING_CATALOG))).toEqual(sorted(ALL_FINDING_IDS));
  });

  it('every catalog row has a title, an explanation and a fix', () => {
    for (const [id, rule] of Object.entries(FINDING_CATALOG)) {
      expect(rule.title, id).not.toBe('');
      expect(rule.remediation, id).not.toBe('');
      expect(
        rule.explain({ origin: 'https://evil.example', url: 'https://api.example/', credentialed: true }),
        id,
      ).not.toBe('');
      for (const sev of Object.values(rule.severity)) expect(SEVERITIES, id).toContain(sev);
    }
  });

  it('the findingId enum lists exactly the catalog ids, each once', () => {
    const ids = REPORT_SCHEMA.$defs.findingId.enum;
    expect(new Set(ids).size).toBe(ids.length);
    expect(sorted(ids)).toEqual(sorted(Object.keys(FINDING_CATALOG)));
  });

  it('the severity enum equals SEVERITIES, most severe first', () => {
    expect(REPORT_SCHEMA.$defs.severity.enum).toEqual([...SEVERITIES]);
  });
});
