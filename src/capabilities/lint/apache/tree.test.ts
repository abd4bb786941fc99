import { describe, expect, it } from 'vitest';
import { parseApache } from './tree.js';

describe('the Apache reader follows httpd syntax', () => {
  it('a trailing backslash continues the directive on the next line', () => {
    const conf = parseApache('SetEnvIf Origin \\\n   "^https://app\\.example\\.com$" \\\n   CORS=$0\n');
    expect(conf.error).toBeUndefined();
    expect(conf.all[0]?.args.map((w) => w.value)).toEqual([
      'Origin',
      '^https://app\\.example\\.com$',
      'CORS=$0',
    ]);
    expect(conf.all[0]?.args[1]?.start).toBe(21);
  });
  it('# starts a comment only at the start of a line', () => {
    const conf = parseApache('  # Header set A b\nHeader set X "#not a comment"\n');
    expect(conf.all.map((d) => d.args[2]?.value)).toEqual(['#not a comment']);
  });
  it('quotes keep backslashes except before the quote', () => {
    const conf = parseApache('Header set X "a\\"b\\.c"');
    expect(conf.all[0]?.args[2]?.value).toBe('a"b\\.c');
  });
  it('sections nest, names are case-insensitive, <If "…"> keeps its expression', () => {
    const conf = parseApache(
      '<VirtualHost *:443>\n<If "%{HTTP:Origin} =~ /x/">\nHeader set A b\n</if>\n</VirtualHost>',
    );
    expect(conf.error).toBeUndefined();
    const header = conf.all[2];
    expect(header?.section.owner?.name).toBe('If');
    expect(header?.section.owner?.args[0]?.value).toBe('%{HTTP:Origin} =~ /x/');
    expect(header?.section.parent?.owner?.name).toBe('VirtualHost');
  });
});

describe('Apache syntax errors', () => {
  it('an unterminated quote is an error at its line; what came before is kept', () => {
    const conf = parseApache('Header set A b\nHeader set B "c\n');
    expect(conf.all).toHaveLength(1);
    expect(conf.error?.message).toContain('unterminated');
  });
  it('a section closed that is not open, or left open', () => {
    expect(parseApache('</Directory>').error?.message).toContain('not open');
    expect(parseApache('<Directory />\n').error?.message).toContain('not closed');
    expect(parseApache('<Directory />\n</Location>').error?.message).toContain('closes <Directory>');
  });
});
