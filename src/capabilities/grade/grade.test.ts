import { describe, expect, it } from 'vitest';
import { FINDING_CATALOG, SEVERITIES } from '../scan/index.js';
import { failed, finding, target } from '../scan/test-support/results.js';
import { findingCost, gradeTarget, letterOf, ScanGrader } from './grade.js';
import { SCORE_TABLE } from './score-table.js';

describe('SCORE_TABLE', () => {
  it('has exactly one row per finding id and no other rows', () => {
    expect(Object.keys(SCORE_TABLE).sort()).toEqual(Object.keys(FINDING_CATALOG).sort());
  });

  it('uses the worst catalog severity of each id, a positive modifier and a recommendation', () => {
    for (const [id, row] of Object.entries(SCORE_TABLE)) {
      const catalog = FINDING_CATALOG[id as keyof typeof FINDING_CATALOG].severity;
      const worst = SEVERITIES.find((s) => Object.values(catalog).includes(s));
      expect(row.severity, id).toBe(worst);
      expect(row.modifier, id).toBeGreaterThan(0);
      expect(row.recommendation.trim(), id).not.toBe('');
    }
  });

  it('orders modifiers by severity: a worse row never costs less than a milder one', () => {
    const rows = Object.values(SCORE_TABLE);
    for (const a of rows)
      for (const b of rows)
        if (SEVERITIES.indexOf(a.severity) < SEVERITIES.indexOf(b.severity))
          expect(a.modifier).toBeGreaterThan(b.modifier);
  });
});

describe('gradeTarget', () => {
  it('gives A+ (100) to a target without any finding', () => {
    expect(gradeTarget(target('https://a.example/'))).toEqual({ score: 100, letter: 'A+', deductions: [] });
  });

  it('caps any critical finding at F and any high finding at C', () => {
    const crit = gradeTarget(target('https://a/', [finding('critical', { id: 'wildcard-origin' })]));
    expect(crit).toMatchObject({ letter: 'F', score: 59, cap: 'a critical finding caps the grade at F' });
    // wildcard-origin raised to high costs 16 points: 84 would be a B, the high finding caps it at 79.
    const high = gradeTarget(target('https://a/', [finding('high', { id: 'wildcard-origin' })]));
    expect(high).toMatchObject({ letter: 'C', score: 79, cap: 'a high finding caps the grade at C' });
    const pna = gradeTarget(target('https://a/', [finding('high', { id: 'private-network-allowed' })]));
    expect(pna).toMatchObject({ letter: 'D', score: 65 });
    expect(pna?.cap).toBeUndefined();
  });

  it('gives no grade to a target that errored', () => {
    expect(gradeTarget(failed('https://down/'))).toBeNull();
    expect(
      gradeTarget(target('https://a/', [finding('low')], { error: { code: 'TIMEOUT', message: 't' } })),
    ).toBeNull();
  });

  it('charges each finding id once, at its worst severity', () => {
    const g = gradeTarget(
      target('https://a/', [
        finding('low', { id: 'vary-origin-missing' }),
        finding('low', { id: 'vary-origin-missing' }),
      ]),
    );
    expect(g).toMatchObject({
      score: 92,
      letter: 'A',
      deductions: [{ id: 'vary-origin-missing', points: 8 }],
    });
  });

  it('costs less when the browser model downgraded the finding', () => {
    expect(findingCost('origin-reflected', 'critical')).toBe(60);
    expect(findingCost('origin-reflected', 'low')).toBe(15);
    expect(findingCost('origin-reflected', 'info')).toBe(6);
    expect(findingCost('max-age-excessive', 'info')).toBe(2);
    expect(gradeTarget(target('https://a/', [finding('low')]))).toMatchObject({ score: 85, letter: 'B' });
  });

  it('never goes below 0', () => {
    const all = Object.keys(SCORE_TABLE).map((id) => finding('critical', { id: id as never }));
    expect(gradeTarget(target('https://a/', all))?.score).toBe(0);
  });
});

describe('letterOf', () => {
  it.each([
    [100, 'A+'],
    [99, 'A'],
    [90, 'A'],
    [89, 'B'],
    [80, 'B'],
    [79, 'C'],
    [70, 'C'],
    [69, 'D'],
    [60, 'D'],
    [59, 'F'],
    [0, 'F'],
  ] as const)('%i is %s', (score, letter) => expect(letterOf(score)).toBe(letter));
});

describe('ScanGrader', () => {
  it('grades a scan by its worst target and counts ungraded ones', () => {
    const g = new ScanGrader();
    g.add('https://safe/', gradeTarget(target('https://safe/')));
    g.add('https://bad/', gradeTarget(target('https://bad/', [finding('critical')])));
    g.add('https://down/', null);
    expect(g.grade).toEqual({ score: 40, letter: 'F', target: 'https://bad/', graded: 2, ungraded: 1 });
  });

  it('is null when nothing could be graded', () => {
    const g = new ScanGrader();
    g.add('https://down/', null);
    expect(g.grade).toBeNull();
  });
});
