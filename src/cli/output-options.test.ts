import { describe, expect, it } from 'vitest';
import { resolveOutputs } from './output-options.js';

function resolve(formats: string[], outputs: string[]) {
  const problems: string[] = [];
  return { outputs: resolveOutputs(formats, outputs, problems), problems };
}

describe('resolveOutputs', () => {
  it('defaults to text on stdout', () => {
    expect(resolve([], [])).toEqual({ outputs: [{ format: 'text' }], problems: [] });
  });

  it('binds one plain -o FILE to the single format otherwise on stdout', () => {
    expect(resolve(['json'], ['out.json']).outputs).toEqual([{ format: 'json', file: 'out.json' }]);
    expect(resolve([], ['report.txt']).outputs).toEqual([{ format: 'text', file: 'report.txt' }]);
  });

  it('accepts repeated --format, comma lists and -o FORMAT=FILE (which adds the format)', () => {
    const r = resolve(['text', 'sarif,html'], ['sarif=out.sarif', 'html=report.html', 'junit=junit.xml']);
    expect(r.problems).toEqual([]);
    expect(r.outputs).toEqual([
      { format: 'text' },
      { format: 'sarif', file: 'out.sarif' },
      { format: 'html', file: 'report.html' },
      { format: 'junit', file: 'junit.xml' },
    ]);
  });

  it('-o FORMAT=FILE alone writes only that file (nothing on stdout)', () => {
    expect(resolve([], ['sarif=out.sarif']).outputs).toEqual([{ format: 'sarif', file: 'out.sarif' }]);
  });

  it('reports every problem at once, each with its fix', () => {
    const { problems } = resolve(
      ['json,xml', 'json', 'html'],
      ['yaml=a.yml', 'sarif=', 'html=r.html', 'html=s.html', 'a.out', 'b.out'],
    );
    expect(problems).toEqual([
      '--format must be one of text, json, jsonl, sarif, junit, markdown, html, got "xml"',
      '--format json is given twice; name each format once',
      '-o yaml=a.yml: yaml is not a format; write -o FORMAT=FILE with FORMAT one of text, json, jsonl, sarif, junit, markdown, html',
      '-o sarif=: no file name after "sarif="; write it like -o sarif=report.sarif',
      '-o html=… is given twice; write each format to one file',
      '-o is given 2 plain file names (a.out, b.out); give at most one, and name the others -o FORMAT=FILE',
    ]);
  });

  it('refuses two formats on stdout, an ambiguous plain -o and one file for two formats', () => {
    expect(resolve(['json,html'], []).problems).toEqual([
      'only one format can go to stdout, got json, html; give the others a file with -o FORMAT=FILE',
    ]);
    expect(resolve(['json,html'], ['out'])).toMatchObject({
      problems: [
        '-o out is ambiguous with several formats (json, html); write -o json=out',
        'only one format can go to stdout, got json, html; give the others a file with -o FORMAT=FILE',
      ],
    });
    expect(resolve([], ['sarif=x', 'html=x']).problems).toEqual([
      '-o: sarif and html would both be written to x; use two files',
    ]);
    expect(resolve([], ['sarif=x', 'y']).problems).toEqual([
      '-o y: every format already has a file; write -o FORMAT=y to add one',
    ]);
  });
});
