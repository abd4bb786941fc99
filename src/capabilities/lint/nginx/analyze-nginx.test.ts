import { describe, expect, it } from 'vitest';
import { analyzeNginx } from './analyze-nginx.js';

const run = (text: string) => analyzeNginx({ path: 'nginx.conf', text });
const ids = (text: string) => run(text).findings.map((f) => `${f.region.line} ${f.id} ${f.severity}`);

describe('origin reflection in nginx', () => {
  it('add_header ACAO $http_origin with credentials in the same block is credentialed origin-reflected', () => {
    expect(
      ids(`location / {
  add_header Access-Control-Allow-Origin $http_origin always;
  add_header Access-Control-Allow-Credentials true always;
  add_header Vary Origin always;
}`),
    ).toEqual(['2 origin-reflected critical']);
  });
  it('credentials in the parent block do not count: nginx drops parent add_headers in a block that has its own', () => {
    expect(
      ids(`server {
  add_header Access-Control-Allow-Credentials true;
  location / {
    add_header Access-Control-Allow-Origin $http_origin;
    add_header Vary Origin;
  }
}`),
    ).toEqual(['4 origin-reflected low']);
  });
  it('add_header_inherit merge brings the parent credentials back', () => {
    expect(
      ids(`server {
  add_header_inherit merge;
  add_header Access-Control-Allow-Credentials true;
  location / {
    add_header Access-Control-Allow-Origin $http_origin;
    add_header Vary Origin;
  }
}`),
    ).toEqual(['5 origin-reflected critical']);
  });
  it('set $cors $http_origin with no guard, then add_header ACAO $cors, is origin-reflected', () => {
    expect(
      ids(
        'location / { set $c $http_origin; add_header Access-Control-Allow-Origin $c; add_header Vary Origin; }',
      ),
    ).toEqual(['1 origin-reflected low']);
  });
  it('a map whose default is $http_origin reflects every origin, reported on the default line', () => {
    const r = ids(`map $http_origin $o {
  default $http_origin;
}
server { location / { add_header Access-Control-Allow-Origin $o; add_header Vary Origin; } }`);
    expect(r).toEqual(['2 origin-reflected low']);
  });
});

describe('origin regex guards are proved (pcre, ~* case-insensitive)', () => {
  it('an unescaped dot in if ($http_origin ~* …) is unescaped-dot-bypass, with an exact fix edit', () => {
    const text = `location / {
  if ($http_origin ~* "^https://app.example.com$") {
    add_header Access-Control-Allow-Origin $http_origin;
    add_header Access-Control-Allow-Credentials true;
    add_header Vary Origin;
  }
}`;
    const f = run(text).findings;
    expect(f.map((x) => [x.id, x.severity, x.region.line, x.pattern?.flags])).toEqual([
      ['unescaped-dot-bypass', 'critical', 2, 'i'],
    ]);
    const edit = f[0]?.fix?.edit;
    expect(edit && text.slice(edit.start, edit.end)).toBe('"^https://app.example.com$"');
    expect(edit?.text).toBe('"^https://app\\.example\\.com$"');
  });
  it('the "set $cors true" gist shape links the regex to the credentialed add_header', () => {
    const f = run(`location / {
  set $cors '';
  if ($http_origin ~ '^https?://(localhost|www\\.example\\.com)') { set $cors 'true'; }
  if ($request_method = 'OPTIONS') { set $cors "\${cors}options"; }
  if ($cors = 'trueoptions') { add_header Access-Control-Allow-Origin "$http_origin"; add_header Access-Control-Allow-Credentials true; add_header Vary Origin; return 204; }
  if ($cors = 'true') { add_header Access-Control-Allow-Origin "$http_origin"; add_header Access-Control-Allow-Credentials true; add_header Vary Origin; }
}`).findings;
    expect(f.map((x) => `${x.region.line} ${x.id} ${x.severity}`)).toEqual([
      '3 prefix-match-bypass critical',
      '3 insecure-scheme-trusted medium',
    ]);
  });
  it('a map regex key with a `.*` subdomain wildcard and no dot before the domain is suffix-match-bypass', () => {
    const f = run(`map $http_origin $cors { default ""; "~*^https://.*example\\.com$" $http_origin; }
server { location / { add_header Access-Control-Allow-Origin $cors; add_header Vary Origin; } }`).findings;
    expect(f.map((x) => [x.id, x.counterexample])).toEqual([['suffix-match-bypass', 'https://xexample.com']]);
  });
  it('an unescaped dot in a map regex key gets a fix that keeps the ~* prefix', () => {
    const f = run(`map $http_origin $cors { default ""; ~*^https://app.example.com$ $http_origin; }
server { location / { add_header Access-Control-Allow-Origin $cors; add_header Vary Origin; } }`).findings;
    expect(f.map((x) => x.id)).toEqual(['unescaped-dot-bypass']);
    expect(f[0]?.fix?.edit?.text).toBe('"~*^https://app\\.example\\.com$"');
  });
  it('if ($http_origin !~ …) { return 403; } guards what follows', () => {
    expect(
      ids(`location / {
  if ($http_origin !~ '^https://app\\.example\\.com$') { return 403; }
  add_header Access-Control-Allow-Origin $http_origin;
  add_header Vary Origin;
}`),
    ).toEqual([]);
  });
  it('exact map keys are judged as listed origins: null, http://', () => {
    expect(
      ids(`map $http_origin $c { default ""; null $http_origin; http://app.example.com $http_origin; https://app.example.com $http_origin; }
server { location / { add_header Access-Control-Allow-Origin $c; add_header Vary Origin; } }`),
    ).toEqual(['1 null-origin-allowed low', '1 insecure-scheme-trusted low']);
  });
});

describe('wildcard, null and Vary', () => {
  it('* with credentials is wildcard-with-credentials; * alone is wildcard-origin (info)', () => {
    expect(
      ids(
        "location / { add_header 'Access-Control-Allow-Origin' '*'; add_header Access-Control-Allow-Credentials true; }",
      ),
    ).toEqual(['1 wildcard-with-credentials low']);
    expect(ids('location / { add_header Access-Control-Allow-Origin *; }')).toEqual([
      '1 wildcard-origin info',
    ]);
  });
  it('a literal "null" ACAO is null-origin-allowed', () => {
    expect(ids('location / { add_header Access-Control-Allow-Origin "null"; }')).toEqual([
      '1 null-origin-allowed low',
    ]);
  });
  it('a dynamic ACAO whose Vary is only in the parent block is vary-origin-missing, with an insert edit', () => {
    const text =
      'server {\n  add_header Vary Origin;\n  location / {\n    add_header Access-Control-Allow-Origin $http_origin always;\n  }\n}';
    const f = run(text).findings.filter((x) => x.id === 'vary-origin-missing');
    expect(f.map((x) => x.region.line)).toEqual([4]);
    expect(f[0]?.message).toContain('not inherited');
    expect(f[0]?.fix?.edit?.text).toBe('\n    add_header Vary Origin always;');
  });
  it('Vary "Accept-Encoding, Origin" counts, case-insensitive', () => {
    expect(
      ids(
        'location / { if ($http_origin = "https://a.example.com") { add_header Access-Control-Allow-Origin $http_origin; add_header vary "Accept-Encoding, origin"; } }',
      ),
    ).toEqual([]);
  });
});

describe('pathological nginx inputs', () => {
  it('a 100k-line file is read in well under the test timeout', () => {
    const lines = ['server {', '  location / {', '    add_header Access-Control-Allow-Origin $http_origin;'];
    for (let i = 0; i < 100_000; i++) lines.push(`    add_header X-Filler-${i} "value ${i}";`);
    lines.push('  }', '}');
    const t = Date.now();
    const r = run(lines.join('\n'));
    expect(Date.now() - t).toBeLessThan(5000);
    expect(r.findings.map((f) => f.id)).toEqual(['origin-reflected', 'vary-origin-missing']);
  });
  it('10,000 nested blocks neither overflow the stack nor go quadratic', () => {
    const depth = 10_000;
    const text = `${'location / {\n'.repeat(depth)}add_header Access-Control-Allow-Origin $http_origin;\nadd_header Vary Origin;\n${'}\n'.repeat(depth)}`;
    const r = run(text);
    expect(r.problems).toEqual([]);
    expect(r.findings.map((f) => [f.id, f.region.line])).toEqual([['origin-reflected', depth + 1]]);
  });
  it('an unterminated quote is LINT_PARSE_ERROR with its line, and the findings before it are kept', () => {
    const r = run(
      'location / { add_header Access-Control-Allow-Origin *; add_header Access-Control-Allow-Credentials true; }\nadd_header X "oops;\n',
    );
    expect(r.problems).toMatchObject([{ code: 'LINT_PARSE_ERROR', line: 2 }]);
    expect(r.findings.map((f) => f.id)).toEqual(['wildcard-with-credentials']);
  });
  it('an unbalanced brace is LINT_PARSE_ERROR', () => {
    expect(run('server {\n  location / {\n}\n').problems).toMatchObject([
      { code: 'LINT_PARSE_ERROR', line: 4 },
    ]);
  });
  it('control characters in a value are escaped in the snippet and do not break the reader', () => {
    const r = run(
      'location / { add_header Access-Control-Allow-Origin "$http_origin\u0000\u001b[2J\u2028"; add_header Vary Origin; add_header X "\\n"; }',
    );
    expect(r.problems).toEqual([]);
    expect(r.findings[0]?.snippet).toContain('\\u0000');
    // biome-ignore lint/suspicious/noControlCharactersInRegex: checking that none is left is the point
    expect(r.findings[0]?.snippet).not.toMatch(/[\u0000-\u001f\u2028]/);
  });
});
