import { describe, expect, it } from 'vitest';
import { finding, target } from '../../../capabilities/scan/test-support/results.js';
import { SummaryBuilder } from '../summary.js';
import { withGrade } from '../target.js';
import { htmlReport, targetSection } from './render.js';

const HOSTILE = '"><script>window.__xss=1</script>';

describe("targetSection's explain links", () => {
  const t = withGrade(
    target('https://a.example/', [finding('critical', { origin: `https://e.example${HOSTILE}` })]),
  );

  it('are off by default, and so absent from the static report (no page to link to)', () => {
    expect(targetSection(t, 0, undefined)).not.toContain('explain-link');
    const s = new SummaryBuilder('high');
    s.add(t);
    expect(htmlReport([t], s.summary, { version: '0' })).not.toContain('explain-link');
  });

  it('link each finding where explainHref says, escaped', () => {
    const html = targetSection(t, 0, undefined, { explainHref: (f) => `/explain?finding=${f.id}&x="<>` });
    expect(html).toContain(
      '<a href="/explain?finding=origin-reflected&amp;x=&quot;&lt;&gt;" data-testid="explain-link">',
    );
    expect(html).toContain('&lt;script&gt;window.__xss=1&lt;/script&gt;');
    expect(html).not.toContain('<script>window');
    const none = targetSection(t, 0, undefined, { explainHref: () => undefined });
    expect(none).not.toContain('explain-link');
  });
});
