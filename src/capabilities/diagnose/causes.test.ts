import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as browser from '../../core/browser/index.js';
import { withGeneratedTable } from '../../core/findings/index.js';
import { CAUSE_TABLE, CAUSES, causesTable } from './index.js';

describe('the cause table', () => {
  it('uses the one list of codes, defined in the browser model', () => {
    expect(CAUSES).toBe(browser.CAUSES);
  });

  it('has exactly one row per cause, in the published order', () => {
    expect(Object.keys(CAUSE_TABLE)).toEqual([...CAUSES]);
    expect(new Set(CAUSES).size).toBe(CAUSES.length);
  });

  it.each(CAUSES)('%s has a stage, a description and a Fetch step', (cause) => {
    const row = CAUSE_TABLE[cause];
    expect(row.description.length).toBeGreaterThan(20);
    expect(row.fetch).toMatch(/§/);
    const expected = cause === 'network-error' || cause === 'no-error' ? null : row.stage;
    expect(row.stage).toBe(expected);
    if (cause.startsWith('preflight-')) expect(row.stage).toBe('preflight');
  });

  it('quotes the browsers for every failing CORS cause', () => {
    for (const cause of CAUSES.filter(
      (c) => c.startsWith('acao-') || c.startsWith('acac-') || c.startsWith('preflight-'),
    )) {
      expect(CAUSE_TABLE[cause].chrome, cause).not.toBeNull();
      expect(CAUSE_TABLE[cause].firefox?.code, cause).toMatch(/^CORS/);
    }
  });
});

describe('docs/explain.md', () => {
  it('holds the causes table the cause table produces (npm run generate:findings)', () => {
    const doc = readFileSync(new URL('../../../docs/explain.md', import.meta.url), 'utf8');
    expect(
      withGeneratedTable(doc, 'causes-table', causesTable()) === doc,
      'run npm run generate:findings',
    ).toBe(true);
    for (const cause of CAUSES) expect(causesTable()).toContain(`| \`${cause}\` `);
  });
});
