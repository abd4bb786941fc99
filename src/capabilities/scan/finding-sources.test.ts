import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FINDING_IDS, FINDINGS, type FindingId } from '../../core/findings/index.js';

const ROOT = new URL('.', import.meta.url).pathname;

/** The scanner's production sources, without JSDoc lines (their examples call makeFinding too). */
const SOURCES = readdirSync(ROOT, { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.includes('test-support'))
  .map((f) => readFileSync(join(ROOT, f), 'utf8').replace(/^\s*\*.*$/gm, ''));

/** Every `makeFinding('id'` call, with the top-level function it sits in. */
const CALLS = SOURCES.flatMap((text) =>
  text.split(/\n(?=(?:export )?(?:async )?function )/).flatMap((chunk) => {
    const fn = /^(?:export )?(?:async )?function (\w+)/.exec(chunk)?.[1];
    return [...chunk.matchAll(/makeFinding\('([a-z-]+)'/g)].map((m) => ({ fn, id: m[1] as FindingId }));
  }),
);

// analyzePreflightReflection also raises `origin-reflected` (a preflight-only reflection): its registry
// source is the `arbitrary` probe family, found by the origin-trust analyzer.
const SECOND_SOURCES: ReadonlyArray<{ fn: string; id: FindingId }> = [
  { fn: 'analyzePreflightReflection', id: 'origin-reflected' },
];

describe('the registry names the analyzer that raises each finding', () => {
  it('every analyzer-sourced id is raised by that analyzer', () => {
    for (const id of FINDING_IDS) {
      const source = FINDINGS[id].source;
      if (!('analyzer' in source)) continue;
      expect(CALLS, `${id}: no makeFinding('${id}', …) in ${source.analyzer}`).toContainEqual({
        fn: source.analyzer,
        id,
      });
    }
  });

  it('every makeFinding call of the scanner sits in the analyzer its registry entry names', () => {
    expect(CALLS.length).toBeGreaterThan(0);
    for (const call of CALLS) {
      const source = FINDINGS[call.id].source;
      if ('analyzer' in source) expect(call.fn, call.id).toBe(source.analyzer);
      else expect(SECOND_SOURCES, `${call.id} raised by ${call.fn}`).toContainEqual(call);
    }
  });
});
