import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FINDING_IDS, withSchemaFindingIds } from '../../core/findings/index.js';
import { FINDING_CATALOG } from './findings/catalog.js';
import { REPORT_SCHEMA } from './test-support/schema.js';
import { SEVERITIES } from './types.js';

const SCHEMA_TEXT = readFileSync(new URL('../../../schema/report.schema.json', import.meta.url), 'utf8');

const sorted = (xs: Iterable<string>): string[] => [...xs].sort();

describe('schema/report.schema.json matches the code', () => {
  it('every finding id has exactly one catalog row, and the catalog has no other rows', () => {
    expect(sorted(Object.keys(FINDING_CATALOG))).toEqual(sorted(FINDING_IDS));
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

  it('the findingId enum is the registry, in registry order (npm run generate:findings writes it)', () => {
    const missing = FINDING_IDS.filter((id) => !REPORT_SCHEMA.$defs.findingId.enum.includes(id));
    expect(missing, 'ids missing from the schema enum: run npm run generate:findings').toEqual([]);
    expect(REPORT_SCHEMA.$defs.findingId.enum, 'run npm run generate:findings').toEqual([...FINDING_IDS]);
    expect(withSchemaFindingIds(SCHEMA_TEXT) === SCHEMA_TEXT, 'run npm run generate:findings').toBe(true);
  });

  it('the severity enum equals SEVERITIES, most severe first', () => {
    expect(REPORT_SCHEMA.$defs.severity.enum).toEqual([...SEVERITIES]);
  });
});
