// The discovery block of the reports: values from the scanned site (URLs, notes) stay inert in every format.
import { describe, expect, it } from 'vitest';
import type { DiscoveryResult } from '../../capabilities/discovery/index.js';
import { discoveryDigest, sourceLabel } from './discovery.js';
import { htmlReport } from './html/index.js';
import { markdownReport } from './markdown.js';
import { SummaryBuilder } from './summary.js';
import { type ReportTarget, withGrade } from './target.js';
import { textWriter } from './text.js';

const EVIL = 'https://shop.test/x`</sub></details><img src=x onerror=alert(1)>';
const from = { url: `${EVIL}.js`, kind: 'script' as const, line: 3 };
const discovery: DiscoveryResult = {
  site: 'https://shop.test/',
  scope: 'shop.test',
  endpoints: [{ url: 'https://api.shop.test/me', from: [from] }],
  dropped: [{ url: EVIL, reason: 'third-party', from }],
  droppedTotal: 3,
  documents: [],
  notes: ['Dropped 3 URL(s)\u001b[31m, not on the site'],
};
const target: ReportTarget = {
  ...withGrade({ url: 'https://api.shop.test/me', requests: 5, durationMs: 1, findings: [], notes: [] }),
  discoveredFrom: [from],
};
const summary = () => {
  const s = new SummaryBuilder('none');
  s.add(target);
  return s.summary;
};

describe('the discovery block', () => {
  it('says the site, the notes, the URLs dropped and how many more were not listed', () => {
    const d = discoveryDigest(discovery);
    expect(d.heading).toBe('Discovery from https://shop.test/ (site shop.test)');
    expect(d.dropped).toEqual([`dropped (third-party): ${EVIL}, from ${sourceLabel(from)}`]);
    expect(d.more).toBe(2);
    expect(sourceLabel(from)).toBe(`script ${EVIL}.js:3`);
  });

  it('HTML: a hostile URL from the site is text, never markup', () => {
    const html = htmlReport([target], summary(), { version: 'test', discovery });
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('… and 2 more');
  });

  it('Markdown: a hostile URL stays inside its code span (no closing tag, no raw HTML escapes it)', () => {
    const md = markdownReport([target], summary(), { discovery });
    // Every occurrence of the hostile text is inside a code span longer than its backtick run.
    for (const line of md.split('\n').filter((l) => l.includes('<img'))) {
      expect(line).toMatch(/``[^`].*<img src=x onerror=alert\(1\)>.*[^`]``/);
    }
    expect(md.split('\n').filter((l) => l === '</details>')).toHaveLength(1);
  });

  it('text: terminal escapes from the site are made inert', () => {
    const chunks: string[] = [];
    const w = textWriter({ write: (s: string) => void chunks.push(s) }, { color: false, discovery });
    w.target(target);
    w.end(summary());
    const out = chunks.join('');
    expect(out).not.toContain('\u001b[31m');
    expect(out).toContain('Discovery from https://shop.test/ (site shop.test):');
  });
});
