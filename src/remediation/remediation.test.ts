import { describe, expect, it } from 'vitest';
import { finding, target } from '../report/test-support/results.js';
import { remediationPlan, STACKS, snippetsFor } from './index.js';
import { detectStacks } from './stacks.js';

describe('detectStacks', () => {
  it.each([
    [{ server: 'nginx/1.25.3' }, ['nginx']],
    [{ server: 'Apache/2.4.62 (Debian)' }, ['apache']],
    [{ poweredBy: 'Express' }, ['express']],
    [{ server: 'nginx', poweredBy: 'Next.js' }, ['next', 'nginx']],
    [{ server: 'WSGIServer/0.2 CPython/3.11.2' }, ['django']],
    [{ poweredBy: 'Hono' }, ['hono']],
    [{ server: 'fastify' }, ['fastify']],
    [{ server: 'cloudflare' }, []],
  ])('%j → %j', (stackHints, expected) => {
    expect(detectStacks(target('https://a/', [], { stackHints }))).toEqual(expected);
  });

  it('falls back to the Server note of reports without stackHints', () => {
    expect(detectStacks(target('https://a/', [], { notes: ['Server: nginx/1.18.0.'] }))).toEqual(['nginx']);
  });
});

describe('remediationPlan', () => {
  const t = target(
    'https://api.example.com/',
    [
      finding('low', { id: 'vary-origin-missing' }),
      finding('critical'),
      finding('info', { id: 'max-age-excessive' }),
      finding('low', { id: 'samesite-none-cookie' }),
    ],
    { stackHints: { poweredBy: 'Express' }, notes: ['Trusted origins found: https://app.example.com.'] },
  );

  it('orders steps most dangerous first, then by grade points, one per finding id', () => {
    const plan = remediationPlan(t);
    expect(plan.steps.map((s) => [s.order, s.id, s.points])).toEqual([
      [1, 'origin-reflected', 60],
      [2, 'vary-origin-missing', 8],
      [3, 'samesite-none-cookie', 5],
      [4, 'max-age-excessive', 2],
    ]);
    expect(plan.steps[0]?.recommendation).toMatch(/^Stop reflecting the Origin header/);
    expect(plan.steps[0]?.remediation).toMatch(/explicit allowlist/);
  });

  it('uses --stack over the detected stack', () => {
    expect(remediationPlan(t)).toMatchObject({
      stack: 'express',
      stackSource: 'detected',
      detected: ['express'],
    });
    expect(remediationPlan(t, { stack: 'nginx' })).toMatchObject({ stack: 'nginx', stackSource: 'option' });
    expect(remediationPlan(target('https://a/', [finding('critical')]))).toMatchObject({
      stack: null,
      stackSource: null,
    });
  });

  it('has the snippet seam in place, empty until the generators land', () => {
    for (const stack of STACKS) {
      expect(
        snippetsFor(stack, {
          url: t.url,
          finding: finding('critical'),
          allowedOrigins: [],
          credentials: true,
        }),
      ).toEqual([]);
    }
    expect(remediationPlan(t).steps.every((s) => s.snippets.length === 0)).toBe(true);
  });
});
