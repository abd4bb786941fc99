import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FINDING_IDS, findingsTable, scoreTable, withGeneratedTable, withSchemaFindingIds } from './index.js';

const read = (path: string) => readFileSync(new URL(`../../../${path}`, import.meta.url), 'utf8');
const STALE = 'out of date with src/core/findings/: run npm run generate:findings';

describe('docs tables generated from the registry', () => {
  it('docs/findings.md holds the findings table the registry produces', () => {
    const doc = read('docs/findings.md');
    expect(
      withGeneratedTable(doc, 'findings-table', findingsTable()) === doc,
      `docs/findings.md ${STALE}`,
    ).toBe(true);
  });

  it('docs/grading.md holds the score table the registry produces', () => {
    const doc = read('docs/grading.md');
    expect(withGeneratedTable(doc, 'score-table', scoreTable()) === doc, `docs/grading.md ${STALE}`).toBe(
      true,
    );
  });

  it('have one row per finding id (after the header and the rule)', () => {
    for (const table of [findingsTable(), scoreTable()]) {
      const ids = table
        .split('\n')
        .slice(2)
        .map((row) => /^\| `([a-z-]+)`/.exec(row)?.[1]);
      expect([...ids].sort()).toEqual([...FINDING_IDS].sort());
    }
  });

  it('orders the score table by severity, then by modifier', () => {
    const rows = scoreTable().split('\n').slice(2);
    expect(rows[0]).toMatch(/^\| `origin-reflected` +\| critical \| +−60 \| Stop reflecting/);
    expect(rows.at(-1)).toMatch(/^\| `max-age-excessive` +\| info +\| +−2 \|/);
  });

  it('replaces only the marked block, and refuses a document without it', () => {
    const doc = 'intro\n<!-- t:start (generated) -->\n\nold\n\n<!-- t:end -->\noutro\n';
    expect(withGeneratedTable(doc, 't', 'new')).toBe(
      'intro\n<!-- t:start (generated) -->\n\nnew\n\n<!-- t:end -->\noutro\n',
    );
    expect(() => withGeneratedTable('no markers', 't', 'new')).toThrow(/<!-- t:start -->/);
  });
});

describe('withSchemaFindingIds', () => {
  it('writes the registry ids into the enum and keeps the rest of the text', () => {
    const schema =
      '{\n  "findingId": {\n    "enum": [\n      "old-id"\n    ],\n    "description": "x"\n  }\n}\n';
    const ids = FINDING_IDS.map((id) => `      "${id}"`).join(',\n');
    expect(withSchemaFindingIds(schema)).toBe(
      `{\n  "findingId": {\n    "enum": [\n${ids}\n    ],\n    "description": "x"\n  }\n}\n`,
    );
    expect(() => withSchemaFindingIds('{}')).toThrow(/findingId/);
  });
});
