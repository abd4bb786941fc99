import { describe, expect, it } from 'vitest';
import { LineIndex } from './index.js';

describe('LineIndex', () => {
  it('maps offsets to 1-based lines and columns, and back', () => {
    const lines = new LineIndex('ab\r\ncd\n\nef');
    expect(lines.position(0)).toEqual({ line: 1, column: 1 });
    expect(lines.position(4)).toEqual({ line: 2, column: 1 });
    expect(lines.line(8)).toBe(4);
    expect(lines.offset(2, 2)).toBe(5);
    expect(lines.lineText(1)).toBe('ab'); // the CR of CRLF is not part of the line
    expect(lines.lineText(3)).toBe('');
    expect(lines.region(1, 5)).toEqual({ line: 1, column: 2, endLine: 2, endColumn: 2 });
  });

  it('clamps what is outside the text instead of failing', () => {
    const empty = new LineIndex('');
    expect(empty.position(10)).toEqual({ line: 1, column: 11 });
    expect(empty.offset(5, 5)).toBe(0);
    expect(empty.lineText(3)).toBe('');
  });

  it('a text of a million lines is indexed once and looked up by binary search', () => {
    const text = 'x\n'.repeat(1_000_000);
    const lines = new LineIndex(text);
    expect(lines.line(text.length - 1)).toBe(1_000_000);
  });
});
