import { describe, expect, it } from 'vitest';
import { escapeHtml, escapeMarkdown, escapeSlack, oneLine, safeJson, safeUrl, scrub } from './index.js';

describe('sanitizing values for alerts', () => {
  it('oneLine replaces CR, LF, NUL, ESC, C1 and bidi overrides with spaces and cuts long values', () => {
    expect(oneLine('a\r\nX-Injected: 1')).toBe('a X-Injected: 1');
    expect(oneLine('a\u0000b\u001bc\u0085d\u202ee\u2028f')).toBe('a b c d e f');
    expect(oneLine('x'.repeat(500), 100)).toBe(`${'x'.repeat(99)}…`);
  });

  it('safeUrl strips userinfo, redacts query values and drops the fragment', () => {
    expect(safeUrl('https://bob:hunter2@api.example.com/me?token=abc&x=1#frag')).toBe(
      'https://api.example.com/me?token=[redacted]&x=[redacted]',
    );
    expect(safeUrl('http://api.example.com:8080/')).toBe('http://api.example.com:8080/');
    expect(safeUrl('not a url //u:p@h?x=1')).toBe('not a url //h');
  });

  it('scrub redacts URLs inside text and the given secrets', () => {
    expect(scrub('connect to https://u:p@h.example/?k=v failed')).toBe(
      'connect to https://h.example/?k=[redacted] failed',
    );
    expect(scrub('auth failed for s3cret', ['s3cret'])).toBe('auth failed for [redacted]');
  });

  it('escapes for HTML, Slack, Markdown and HTML-safe JSON', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
    expect(escapeSlack('<!channel> & <https://evil|x>')).toBe(
      '&lt;!channel&gt; &amp; &lt;https://evil|x&gt;',
    );
    expect(escapeMarkdown('[click](https://evil) *x*')).toBe('\\[click\\]\\(https://evil\\) \\*x\\*');
    expect(safeJson({ t: '<script>&' })).toBe('{"t":"\\u003cscript\\u003e\\u0026"}');
    expect(JSON.parse(safeJson({ t: '<script>&\u2028' }))).toEqual({ t: '<script>&\u2028' });
  });
});
