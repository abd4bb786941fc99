import { describe, expect, it } from 'vitest';
import { ifCondition } from './condition.js';
import { onlyVariable, parseNginx, variablesOf } from './tree.js';

describe('the nginx tokenizer reads words the way ngx_conf_read_token does', () => {
  it('quoted words lose their quotes, keep regex escapes and turn \\" into a quote', () => {
    const conf = parseNginx(`add_header X "a\\"b" 'c\\\\d' "^https://app\\.example\\.com$";`);
    expect(conf.error).toBeUndefined();
    expect(conf.all[0]?.args.map((w) => w.value)).toEqual([
      'X',
      'a"b',
      'c\\d',
      '^https://app\\.example\\.com$',
    ]);
  });
  it('a comment runs to the end of the line, also after a directive', () => {
    const conf = parseNginx('# add_header A b;\nadd_header C d; # add_header E f;\n');
    expect(conf.all.map((d) => d.args[0]?.value)).toEqual(['C']);
  });
  it('the braces of \u0024{var} do not open a block; a quote followed by ) ends an if condition', () => {
    const conf = parseNginx(
      'set $cors "\u0024{cors}options";\nif ($http_origin ~* "^https://a\\.example\\.com$") { return 204; }',
    );
    expect(conf.error).toBeUndefined();
    expect(conf.all[0]?.args[1]?.value).toBe('\u0024{cors}options');
    expect(variablesOf('\u0024{cors}options')).toEqual(['cors']);
    expect(onlyVariable('$http_origin')).toBe('http_origin');
    const c = conf.all[1] && ifCondition(conf.all[1]);
    expect(c).toMatchObject({
      variable: 'http_origin',
      op: '~*',
      operand: { value: '^https://a\\.example\\.com$' },
    });
  });
  it('an unquoted regex with the ) glued to it is read without the )', () => {
    const conf = parseNginx('if ($http_origin ~ ^https://a\\.example\\.com$) { }');
    const c = conf.all[0] && ifCondition(conf.all[0]);
    expect(c?.operand?.value).toBe('^https://a\\.example\\.com$');
  });
  it('blocks nest and directives know their block', () => {
    const conf = parseNginx('server { location / { add_header Vary Origin; } }');
    const add = conf.all[2];
    expect(add?.parent.owner?.name).toBe('location');
    expect(add?.parent.parent?.owner?.name).toBe('server');
  });
});

describe('nginx syntax errors are reported with their offset, what came before is kept', () => {
  it('an unterminated quote', () => {
    const conf = parseNginx('add_header A b;\nadd_header C "d;\n');
    expect(conf.all.map((d) => d.args[0]?.value)).toEqual(['A']);
    expect(conf.error?.message).toContain('unterminated');
    expect(conf.error?.offset).toBe(29);
  });
  it('an unbalanced } and a missing }', () => {
    expect(parseNginx('server { }\n}').error?.message).toContain('no block is open');
    expect(parseNginx('server { location / {').error?.message).toContain('expecting "}"');
  });
  it('a directive without ; at the end of the file', () => {
    expect(parseNginx('add_header A b').error?.message).toContain('expecting ";"');
  });
  it('text glued after a quoted word', () => {
    expect(parseNginx('add_header A "b"c;').error?.message).toContain('after a quoted string');
  });
});
