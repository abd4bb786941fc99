import { describe, expect, it } from 'vitest';
import { finding, target } from '../scan/test-support/results.js';
import { PLACEHOLDER_ORIGIN, remediationPlan, remediationPolicy, STACKS, snippetsFor } from './index.js';
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

  it('writes a fix for every stack with the generators, from the trusted origins the scan saw', () => {
    for (const stack of STACKS) {
      const snippets = snippetsFor(stack, {
        url: t.url,
        finding: finding('critical'),
        allowedOrigins: ['https://app.example.com', 'http://app.example.com', 'https://api.example.com'],
        credentials: true,
      });
      expect(snippets, stack).toHaveLength(1);
      const code = snippets[0]?.code ?? '';
      expect(code, stack).toContain('app.example.com');
      // The http twin cannot carry credentials safely: the fix drops it.
      expect(code, stack).not.toContain('http://app.example.com');
    }
    expect(remediationPlan(t, { stack: 'nginx' }).steps.every((s) => s.snippets.length === 1)).toBe(true);
  });

  it('uses a placeholder front end, and says so, when the scan found no origin worth keeping', () => {
    const context = {
      url: t.url,
      finding: finding('critical'),
      allowedOrigins: ['null', 'http://x.example'],
      credentials: true,
    };
    expect(remediationPolicy(context)).toMatchObject({ placeholder: true });
    expect(snippetsFor('django', context)[0]?.code).toContain(`replace ${PLACEHOLDER_ORIGIN}`);
  });
});
