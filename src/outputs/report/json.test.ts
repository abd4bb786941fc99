import { describe, expect, it } from 'vitest';
import type { TargetResult } from '../../capabilities/scan/index.js';
import { failed, finding, target } from '../../capabilities/scan/test-support/results.js';
import { reportErrors, targetErrors } from '../../capabilities/scan/test-support/schema.js';
import { jsonlWriter, jsonWriter, REPORT_FORMAT_VERSION } from './json.js';
import { SummaryBuilder } from './summary.js';
import { withGrade } from './target.js';

function collect(): { write(chunk: string): void; chunks: string[]; text(): string } {
  const chunks: string[] = [];
  return { chunks, write: (c) => void chunks.push(c), text: () => chunks.join('') };
}

function writeJson(results: readonly TargetResult[]) {
  const out = collect();
  const summary = new SummaryBuilder('high');
  const w = jsonWriter(out, '9.9.9');
  const afterHeader = out.chunks.length;
  const perTarget: number[] = [];
  for (const r of results) {
    const graded = withGrade(r);
    w.target(graded);
    summary.add(graded);
    perTarget.push(out.chunks.length);
  }
  w.end(summary.summary);
  return { out, afterHeader, perTarget, summary: summary.summary };
}

describe('jsonWriter', () => {
  it.each([
    ['no targets', []],
    ['one target', [target('https://a.example/', [finding('critical')])]],
    [
      'many targets',
      [
        target('https://a.example/', [finding('critical')]),
        failed('https://b.example/'),
        target('https://c.example/', [], { notes: ['no CORS headers at all'] }),
        ...Array.from({ length: 50 }, (_, i) => target(`https://t${i}.example/`, [finding('low')])),
      ],
    ],
  ] as const)('streams a valid report document for %s', (_name, results) => {
    const { out, summary } = writeJson(results);
    const doc = JSON.parse(out.text()) as { targets: unknown[]; summary: unknown };
    expect(reportErrors(doc)).toEqual([]);
    expect(doc).toEqual({
      tool: { name: 'corsguard', version: '9.9.9' },
      format: REPORT_FORMAT_VERSION,
      targets: JSON.parse(JSON.stringify(results.map(withGrade))),
      summary: JSON.parse(JSON.stringify(summary)),
    });
  });

  it('writes each target as soon as it is given, before the document ends', () => {
    const { afterHeader, perTarget } = writeJson([
      target('https://a.example/'),
      target('https://b.example/'),
    ]);
    expect(afterHeader).toBe(1);
    expect(perTarget).toEqual([2, 3]);
  });

  it('ends the document with a newline', () => {
    expect(writeJson([]).out.text().endsWith('}\n')).toBe(true);
  });
});

describe('jsonlWriter', () => {
  it('writes one schema-valid target object per line and nothing at the end', () => {
    const out = collect();
    const w = jsonlWriter(out);
    const results = [target('https://a.example/', [finding('high')]), failed('https://b.example/')];
    for (const r of results) w.target(withGrade(r));
    w.end(new SummaryBuilder('high').summary);
    const lines = out.text().split('\n');
    expect(lines.pop()).toBe('');
    expect(lines).toHaveLength(2);
    for (const [i, line] of lines.entries()) {
      const value: unknown = JSON.parse(line);
      expect(targetErrors(value)).toEqual([]);
      expect(value).toEqual(JSON.parse(JSON.stringify(withGrade(results[i] ?? failed('x')))));
    }
  });
});

describe('the report schema helper', () => {
  it('rejects documents that break the contract (so a passing validation means something)', () => {
    expect(reportErrors({})).not.toEqual([]);
    const doc = JSON.parse(writeJson([target('https://a.example/', [finding('high')])]).out.text()) as {
      targets: Array<{ findings: Array<{ id: string }> }>;
    };
    const f = doc.targets[0]?.findings[0];
    if (!f) throw new Error('no finding');
    f.id = 'made-up-id';
    expect(reportErrors(doc).map((e) => e.instancePath)).toContain('/targets/0/findings/0/id');
    expect(
      targetErrors({ url: 'x', requests: 1, durationMs: 1, findings: [], notes: [], grade: null, extra: 1 }),
    ).not.toEqual([]);
  });
});
