import { describe, expect, it } from 'vitest';
import {
  type BrowserRequest,
  buildExplanation,
  diagnoseExchange,
  type ExchangeInput,
  type Explanation,
} from '../../capabilities/diagnose/index.js';
import { explanationHtml } from './html.js';
import { formatExplanationText } from './text.js';

const XSS = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>';

function explain(request: BrowserRequest, exchange: Omit<ExchangeInput, 'request'>): Explanation {
  const ex = { request, ...exchange };
  return buildExplanation({ request, exchange: ex, diagnosis: diagnoseExchange(ex), source: 'observed' });
}

const put: BrowserRequest = {
  url: 'https://api.example.com/v1',
  origin: 'https://app.example.com',
  method: 'PUT',
  headers: ['X-Request-Id'],
};

describe('explanationHtml: the text output as HTML', () => {
  it('has every part of the text output, with the steps marked, the delta as -/+ lines and the snippet', () => {
    const e = explain(put, {
      preflight: {
        status: 204,
        headers: [
          ['Server', 'nginx/1.25.3'],
          ['Access-Control-Allow-Origin', 'https://app.example.com'],
          ['Access-Control-Allow-Methods', 'GET, POST'],
        ],
      },
    });
    expect(e.verdict).toBe('fix-server');
    const html = explanationHtml(e);
    expect(html).toContain('data-cause="preflight-method" data-verdict="fix-server"');
    expect(html).toContain('Blocked at the preflight: <code>preflight-method</code>');
    for (const part of [
      e.description,
      e.fetchStep,
      e.wording.chrome ?? '',
      e.summary,
      ...e.steps.map((s) => s.detail),
    ]) {
      expect(html).toContain(part.replaceAll("'", '&#39;').replaceAll('"', '&quot;'));
    }
    expect(html).toMatch(
      /<li class="step" data-testid="step" data-ok="false"><span class="mark fail" aria-hidden="true">✗<\/span><span class="sr-only">failed: <\/span><code>preflight-methods<\/code>/,
    );
    expect(html).toContain('<span class="add">+ Access-Control-Allow-Methods: ');
    expect(html).toMatch(/<pre class="snippet" data-testid="fix-snippet" data-language="nginx">/);
    expect(html).toContain('(detected from the server headers)');
    // The text output says the same things.
    const text = formatExplanationText(e);
    for (const word of ['preflight-method', 'fix-server', e.fix?.snippet.filename ?? '?'])
      expect(text).toContain(word);
  });

  it('escapes every value a hostile server sends (evidence, wording, steps, snippet) and the request', () => {
    const hostile: BrowserRequest = {
      ...put,
      url: `https://api.example.com/v1?q=${encodeURIComponent(XSS)}`,
      origin: 'https://app.example.com',
      headers: ['X-Request-Id'],
    };
    const e = explain(hostile, {
      preflight: {
        status: 204,
        headers: [
          ['Server', XSS],
          ['Access-Control-Allow-Origin', `https://app.example.com ${XSS}`],
          ['Access-Control-Allow-Methods', XSS],
        ],
      },
    });
    const html = explanationHtml(e);
    expect(JSON.stringify(e)).toContain('<script>window.__xss=2</script>');
    expect(html).not.toMatch(/<script|<img/);
    expect(html).toContain('&lt;script&gt;window.__xss=2&lt;/script&gt;');
  });

  it('a never-trusted origin: working-as-intended, the alternatives, no fix', () => {
    const e = explain(
      { url: 'https://api.example.com/me', origin: 'null', credentials: 'include' },
      { response: { status: 200, headers: [] } },
    );
    const html = explanationHtml(e);
    expect(html).toContain('data-verdict="working-as-intended"');
    expect(html).toContain('data-testid="advice"');
    expect(html).not.toContain('fix-snippet');
  });

  it('not blocked: the ✓ headline, and the other-stacks line and heading level as the page wants', () => {
    const e = explain(
      { url: 'https://api.example.com/me', origin: 'https://app.example.com' },
      { response: { status: 200, headers: [['Access-Control-Allow-Origin', '*']] } },
    );
    expect(e.verdict).toBe('not-blocked');
    const html = explanationHtml(e, { level: 3 });
    expect(html).toContain(
      '<h3 id="explanation-cause" class="cause" data-testid="cause"><span class="mark ok" aria-hidden="true">✓</span> Not blocked',
    );
    expect(html).not.toContain('<h2');
  });
});
