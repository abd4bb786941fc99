import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import type { Finding, TargetResult } from '../../capabilities/scan/index.js';
import { reportErrors } from '../../capabilities/scan/test-support/schema.js';
import { createWriter, type Format, SummaryBuilder, withGrade } from './index.js';

const HOSTILE = "Blocked by CORS policy: value 'x<img src=x onerror=alert(1)>``` *bold*' \u001b[31m";
const url = 'https://api.example.com/me';
const finding: Finding = {
  id: 'origin-reflected',
  severity: 'critical',
  title: 'Reflected',
  credentialed: true,
  origin: 'https://evil.invalid',
  origins: ['https://evil.invalid'],
  evidence: [
    {
      request: { method: 'GET', url, headers: { origin: 'https://evil.invalid' } },
      response: { status: 200, headers: [['access-control-allow-origin', 'https://evil.invalid']] },
    },
  ],
  explanation: 'x',
  remediation: 'y',
  verified: {
    browser: 'chromium',
    version: '156.0.1',
    kind: 'fetch-credentialed',
    read: false,
    console: [HOSTILE],
  },
};
const result: TargetResult = { url, requests: 1, durationMs: 1, findings: [finding], notes: [] };

function render(format: Format): string {
  let text = '';
  const w = createWriter(
    format,
    { write: (c: string) => (text += c) },
    { version: 't', color: false, verbose: false },
  );
  const summary = new SummaryBuilder('none');
  summary.add(withGrade(result));
  w.target(withGrade(result));
  w.end(summary.summary);
  return text;
}

describe('verified in the report formats', () => {
  it('json: valid against the schema, the field as given', () => {
    const doc = JSON.parse(render('json')) as { targets: TargetResult[] };
    expect(reportErrors(doc)).toEqual([]);
    expect(doc.targets[0]?.findings[0]?.verified?.read).toBe(false);
  });

  it('text, markdown, html: the verdict, and the console text inert', () => {
    const text = render('text');
    expect(text).toContain('verified: not read in Chromium 156.0.1 (fetch with cookies)');
    expect(text).not.toContain('\u001b[31m');
    const md = render('markdown');
    expect(md).toContain('— 🔒 verified: not read in Chromium 156.0.1 (fetch with cookies)');
    const rendered = new MarkdownIt({ html: true }).render(md);
    expect(rendered).not.toContain('<img');
    expect(rendered).not.toContain('<strong>bold');
    const html = render('html');
    expect(html).toContain('data-testid="verified" data-read="false"');
    expect(html).not.toContain('<img src=x');
  });

  it('sarif and junit: the verdict in the result', () => {
    const sarif = JSON.parse(render('sarif')) as {
      runs: Array<{ results: Array<{ message: { text: string }; properties: { verified?: unknown } }> }>;
    };
    const r = sarif.runs[0]?.results[0];
    expect(r?.properties.verified).toEqual(finding.verified);
    expect(r?.message.text).toContain('Verified: not read in Chromium 156.0.1');
    expect(render('junit')).toContain('verified: not read in Chromium 156.0.1 (fetch with cookies)');
  });
});
