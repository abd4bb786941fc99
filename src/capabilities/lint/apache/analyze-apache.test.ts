import { describe, expect, it } from 'vitest';
import { isApacheConfig } from './accepts.js';
import { analyzeApache } from './analyze-apache.js';

const run = (text: string) => analyzeApache({ path: '.htaccess', text });
const ids = (text: string) => run(text).findings.map((f) => `${f.region.line} ${f.id} ${f.severity}`);

describe('origin reflection in Apache', () => {
  it('Header set ACAO "%{HTTP_ORIGIN}e" with credentials is credentialed origin-reflected', () => {
    expect(
      ids(
        'Header always set Access-Control-Allow-Origin "%{HTTP_ORIGIN}e" env=HTTP_ORIGIN\nHeader always set Access-Control-Allow-Credentials "true"\nHeader always merge Vary Origin',
      ),
    ).toEqual(['1 origin-reflected critical']);
  });
  it('expr=%{req:Origin} and %{Origin}i reflect too; without Vary it is vary-origin-missing as well', () => {
    expect(ids('Header set Access-Control-Allow-Origin expr=%{req:Origin}')).toEqual([
      '1 origin-reflected low',
      '1 vary-origin-missing low',
    ]);
    expect(ids('Header set Access-Control-Allow-Origin "%{Origin}i"\nHeader append Vary Origin')).toEqual([
      '1 origin-reflected low',
    ]);
  });
  it('credentials set in an enclosing section apply (mod_headers merges sections)', () => {
    expect(
      ids(
        'Header set Access-Control-Allow-Credentials "true"\n<Location /api>\nHeader set Access-Control-Allow-Origin "%{Origin}i"\nHeader merge Vary Origin\n</Location>',
      ),
    ).toEqual(['3 origin-reflected critical']);
  });
  it('RewriteRule [E=CORS:%{HTTP:Origin}] with no RewriteCond on the Origin reflects it', () => {
    expect(
      ids(
        'RewriteEngine On\nRewriteRule .* - [E=CORS:%{HTTP:Origin}]\nHeader set Access-Control-Allow-Origin "%{CORS}e" env=CORS\nHeader merge Vary Origin',
      ),
    ).toEqual(['3 origin-reflected low']);
  });
});

describe('origin regexes are proved (pcre, NoCase and [NC] case-insensitive)', () => {
  it('SetEnvIfNoCase Origin with https? is insecure-scheme-trusted, credentialed, flag i', () => {
    const f = run(
      'SetEnvIfNoCase Origin "^(https?://(www\\.)?example\\.com)$" AccessControlAllowOrigin=$0\nHeader set Access-Control-Allow-Origin %{AccessControlAllowOrigin}e env=AccessControlAllowOrigin\nHeader set Access-Control-Allow-Credentials "true"\nHeader merge Vary Origin',
    ).findings;
    expect(f.map((x) => [x.id, x.severity, x.region.line, x.pattern?.flags])).toEqual([
      ['insecure-scheme-trusted', 'medium', 1, 'i'],
    ]);
  });
  it('an unescaped dot in SetEnvIf Origin is unescaped-dot-bypass, with an exact quoted fix', () => {
    const text =
      'SetEnvIf Origin "^https://app.example.com$" CORS=$0\nHeader set Access-Control-Allow-Origin "%{CORS}e" env=CORS\nHeader merge Vary Origin';
    const f = run(text).findings;
    expect(f.map((x) => x.id)).toEqual(['unescaped-dot-bypass']);
    const edit = f[0]?.fix?.edit;
    expect(edit && text.slice(edit.start, edit.end)).toBe('"^https://app.example.com$"');
    expect(edit?.text).toMatch(/^"\^.*app\\\.example\\\.com.*\$"$/);
  });
  it('a regex missing its end anchor answered with $0 is not a bypass: the browser gets the matched part only', () => {
    expect(
      ids(
        'SetEnvIf Origin "^https://app\\.example\\.com" CORS=$0\nHeader set Access-Control-Allow-Origin "%{CORS}e" env=CORS\nHeader merge Vary Origin',
      ),
    ).toEqual([]);
  });
  it('the same regex used as a flag with %{Origin}i is prefix-match-bypass', () => {
    expect(
      ids(
        'SetEnvIf Origin "^https://app\\.example\\.com" OK\nHeader set Access-Control-Allow-Origin "%{Origin}i" env=OK\nHeader merge Vary Origin',
      ),
    ).toEqual(['1 prefix-match-bypass low']);
  });
  it('RewriteCond %{HTTP:Origin} [NC] regexes are proved; a suffix without a dot is suffix-match-bypass', () => {
    expect(
      ids(
        'RewriteCond %{HTTP:Origin} example\\.com$ [NC]\nRewriteRule .* - [E=CORS:%{HTTP:Origin}]\nHeader set Access-Control-Allow-Origin "%{CORS}e" env=CORS\nHeader merge Vary Origin',
      ),
    ).toEqual(['1 suffix-match-bypass low', '1 insecure-scheme-trusted low']);
  });
  it('an <If> =~ regex guards its Header and is proved', () => {
    expect(
      ids(
        'Header merge Vary Origin\n<If "%{HTTP:Origin} =~ m#^https://.*\\.example\\.com$#">\nHeader set Access-Control-Allow-Origin expr=%{req:Origin}\n</If>',
      ),
    ).toEqual(['2 subdomain-trusted low']);
  });
});

describe('wildcard and null in Apache', () => {
  it('Header always set ACAO "*" with credentials true is wildcard-with-credentials', () => {
    expect(
      ids(
        'Header always set Access-Control-Allow-Origin "*"\nHeader always set Access-Control-Allow-Credentials "true"',
      ),
    ).toEqual(['1 wildcard-with-credentials low']);
    expect(ids('Header set Access-Control-Allow-Origin "*"')).toEqual(['1 wildcard-origin info']);
  });
  it('"null" is null-origin-allowed', () => {
    expect(ids('Header set Access-Control-Allow-Origin "null"')).toEqual(['1 null-origin-allowed low']);
  });
});

describe('which files are Apache', () => {
  it('by name and by content, never nginx.conf', () => {
    expect(isApacheConfig('site/.htaccess')).toBe(true);
    expect(isApacheConfig('etc/httpd/conf/httpd.conf')).toBe(true);
    expect(
      isApacheConfig('etc/apache2/sites-available/000-default', '<VirtualHost *:80>\n</VirtualHost>'),
    ).toBe(true);
    expect(isApacheConfig('etc/nginx/sites-available/default', 'server { listen 80; }')).toBe(false);
    expect(isApacheConfig('etc/nginx/nginx.conf', 'Header set X y')).toBe(false);
    expect(isApacheConfig('app.js', 'Header set X y')).toBe(false);
  });
});

describe('pathological Apache inputs', () => {
  it('a 100k-line file is read quickly', () => {
    const lines = ['Header set Access-Control-Allow-Origin "%{Origin}i"'];
    for (let i = 0; i < 100_000; i++) lines.push(`Header set X-Filler-${i} "value ${i}"`);
    const t = Date.now();
    const r = run(lines.join('\n'));
    expect(Date.now() - t).toBeLessThan(5000);
    expect(r.findings.map((f) => f.id)).toEqual(['origin-reflected', 'vary-origin-missing']);
  });
  it('10,000 nested sections do not overflow the stack', () => {
    const depth = 10_000;
    const text = `Header merge Vary Origin\n${'<Directory />\n'.repeat(depth)}Header set Access-Control-Allow-Origin "%{Origin}i"\n${'</Directory>\n'.repeat(depth)}`;
    const r = run(text);
    expect(r.problems).toEqual([]);
    expect(r.findings.map((f) => [f.id, f.region.line])).toEqual([['origin-reflected', depth + 2]]);
  });
  it('an unterminated quote is LINT_PARSE_ERROR with its line, findings before it kept', () => {
    const r = run(
      'Header set Access-Control-Allow-Origin "null"\nSetEnvIf Origin "^https://a\\.example\\.com$ CORS=$0\n',
    );
    expect(r.problems).toMatchObject([{ code: 'LINT_PARSE_ERROR', line: 2 }]);
    expect(r.findings.map((f) => f.id)).toEqual(['null-origin-allowed']);
  });
  it('control characters in a value neither crash the reader nor reach the snippet', () => {
    const r = run(
      'Header set Access-Control-Allow-Origin "%{Origin}i\u0000\u001b]0;x\u0007"\nHeader merge Vary Origin',
    );
    expect(r.problems).toEqual([]);
    expect(r.findings.map((f) => f.id)).toEqual(['origin-reflected']);
    expect(r.findings[0]?.snippet).toContain('\\u001b');
  });
  it('a continuation at the end of the file is read, not lost', () => {
    expect(ids('Header set Access-Control-Allow-Origin \\\n"null" \\')).toEqual([
      '1 null-origin-allowed low',
    ]);
  });
});
