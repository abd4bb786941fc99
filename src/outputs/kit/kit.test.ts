import { describe, expect, it } from 'vitest';
import {
  codeSpan,
  colorEnabled,
  EXIT,
  escapeMarkdown,
  escapeTerminal,
  escapeXml,
  exitCodeOf,
  junitXml,
  painter,
} from './index.js';
import { validateJunit, xmllintMissing } from './test-support/junit-schema.js';

describe('colorEnabled', () => {
  const tty = { isTTY: true };
  it('follows --color / --no-color, else a terminal without NO_COLOR and not a file', () => {
    expect(colorEnabled({ stream: tty, env: {} })).toBe(true);
    expect(colorEnabled({ stream: tty, env: { NO_COLOR: '1' } })).toBe(false);
    expect(colorEnabled({ stream: tty, env: { NO_COLOR: '' } })).toBe(true);
    expect(colorEnabled({ stream: tty, env: {}, toFile: true })).toBe(false);
    expect(colorEnabled({ stream: {}, env: {} })).toBe(false);
    expect(colorEnabled({ flag: true, stream: {}, env: { NO_COLOR: '1' }, toFile: true })).toBe(true);
    expect(colorEnabled({ flag: false, stream: tty, env: {} })).toBe(false);
  });

  it('paints with ANSI styles only when asked, even into a pipe', () => {
    expect(painter(true)('red', 'x')).toBe('\u001b[31mx\u001b[39m');
    expect(painter(false)('red', 'x')).toBe('x');
  });
});

describe('exitCodeOf', () => {
  it('keeps the one precedence: failing, then errors, then ok', () => {
    expect(EXIT).toEqual({ ok: 0, findings: 1, usage: 2, targetError: 3 });
    expect(exitCodeOf({ failing: 0, errors: 0 })).toBe(0);
    expect(exitCodeOf({ failing: 0, errors: 1 })).toBe(3);
    expect(exitCodeOf({ failing: 2, errors: 1 })).toBe(1);
  });
});

describe('escapeXml', () => {
  it('replaces every character XML 1.0 cannot carry with U+FFFD and keeps tab, newline and CR', () => {
    expect(escapeXml('a\u0000b\u0008c\u000bd\u001fe\uD800f\uFFFEg\uFFFF')).toBe(
      'a\uFFFDb\uFFFDc\uFFFDd\uFFFDe\uFFFDf\uFFFDg\uFFFD',
    );
    expect(escapeXml('\t\n\r')).toBe('\t\n&#13;');
    expect(escapeXml('\uD83D\uDE00')).toBe('\uFFFD\uFFFD');
  });
});

describe('junitXml', () => {
  const doc = junitXml({
    name: 'n',
    timestamp: '2026-01-02T03:04:05',
    hostname: 'h',
    suites: [
      {
        name: 's',
        cases: [
          { name: 'pass', classname: 'c' },
          { name: 'fail', classname: 'c', outcome: { kind: 'failure', type: 't', message: 'm', body: 'b' } },
          { name: 'err', classname: 'c', outcome: { kind: 'error', type: 'E', message: 'm', body: 'b' } },
          { name: 'skip', classname: 'c', outcome: { kind: 'skipped', message: 'why' } },
          { name: 'out', classname: 'c', systemOut: 'info' },
        ],
      },
    ],
  });

  it('computes the counts from the cases', () => {
    expect(doc).toContain('<testsuites name="n" tests="5" failures="1" errors="1">');
    expect(doc).toContain(
      '<testsuite name="s" tests="5" failures="1" errors="1" skipped="1" time="0.000" timestamp="2026-01-02T03:04:05" hostname="h">',
    );
    expect(doc).toContain('    <testcase name="pass" classname="c" time="0.000"/>\n');
    expect(doc).toContain('      <failure message="m" type="t">b</failure>\n');
  });

  it.skipIf(xmllintMissing() !== null)('is valid against the JUnit XSD', () => {
    expect(() => validateJunit(doc)).not.toThrow();
  });
});

describe('escapeTerminal', () => {
  it('replaces escape sequences, CR, newlines, C1 controls and bidi overrides, keeps other text', () => {
    expect(escapeTerminal('a\x1b[31mb\rc\nd\u009be\u202ef')).toBe('a\uFFFD[31mb\uFFFDc\uFFFDd\uFFFDe\uFFFDf');
    expect(escapeTerminal('héllo ✓ <x>\t')).toBe('héllo ✓ <x>\uFFFD');
  });
});

describe('escapeMarkdown and codeSpan', () => {
  it('flatten a lone CR, which CommonMark reads as a line ending', () => {
    expect(escapeMarkdown('a\r# b\r\nc\nd')).toBe('a \\# b c d');
    expect(codeSpan('a\rb')).toBe('`a b`');
  });
});
