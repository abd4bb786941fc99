import { afterEach, describe, expect, it, vi } from 'vitest';
import { FINDING_CATALOG, type TargetResult } from '../../capabilities/scan/index.js';
import { failed, finding, target } from '../../capabilities/scan/test-support/results.js';
import { SummaryBuilder } from './summary.js';
import { withGrade } from './target.js';
import { textWriter } from './text.js';

const ANSI = '\x1b[';

function render(
  results: readonly TargetResult[],
  opts: { color: boolean; verbose?: boolean; stack?: 'nginx' | 'express' },
): string {
  let text = '';
  const w = textWriter({ write: (s: string) => (text += s) }, opts);
  const summary = new SummaryBuilder('high');
  for (const r of results) {
    w.target(withGrade(r));
    summary.add(r);
  }
  w.end(summary.summary);
  return text;
}

const RESULTS = [
  target('https://api.example.com/me', [
    finding('critical'),
    finding('medium', { id: 'vary-origin-missing', title: 'Vary: Origin is missing' }),
  ]),
  target('https://api.example.com/safe', [], { notes: ['Only https://app.example.com is trusted.'] }),
  failed('https://down.example/'),
];

describe('textWriter', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('writes no ANSI escape sequences when color is false', () => {
    expect(render(RESULTS, { color: false })).not.toContain(ANSI);
    expect(render(RESULTS, { color: false, verbose: true })).not.toContain(ANSI);
  });

  it('colours severities when color is true, even when the process stdout cannot show colours', () => {
    // What `--color` means when piping into `less -R`: the caller decided, the environment does not.
    vi.stubEnv('FORCE_COLOR', undefined);
    vi.stubEnv('NO_COLOR', '1');
    const text = render(RESULTS, { color: true });
    expect(text).toContain(`\x1b[31m✗\x1b[39m`);
    expect(text).toContain('\x1b[1mhttps://api.example.com/me\x1b[22m');
    expect(text).toContain('\x1b[33mMEDIUM');
    expect(text).toContain('\x1b[32m      Fix: ');
    expect(text).toContain('\x1b[1mSummary\x1b[22m');
  });

  it('shows each target, each finding id with its fix, errors, notes and a Summary line', () => {
    const text = render(RESULTS, { color: false });
    expect(text).toContain('https://api.example.com/me');
    expect(text).toContain('origin-reflected');
    expect(text).toContain('vary-origin-missing');
    expect(text).toContain('Fix: Compare the Origin header with an explicit allowlist.');
    expect(text).toContain('(+1 more)');
    expect(text).toContain('error CONNECTION_REFUSED:');
    expect(text).toContain('note: Only https://app.example.com is trusted.');
    expect(text).toMatch(
      /\nSummary: 3 target\(s\), 1 error\(s\), findings: 1 critical, 0 high, 1 medium, 0 low, 0 info; \d+ requests in [\d.]+ s; 1 target\(s\) at or above high; grade F \(worst target: https:\/\/api\.example\.com\/me\)\n$/,
    );
  });

  it('explains who can attack and how sure we are with -v', () => {
    const text = render(RESULTS, { color: false, verbose: true });
    expect(text).toContain(
      'Attacker: A page hosted by any website at all (we used the made-up https://evil.example)',
    );
    expect(text).toContain('How sure (confirmed): We sent GET with Origin: https://evil.example');
  });

  it('never prints a secret that was redacted in the evidence', () => {
    // The scanner redacts before findings reach the writer; the writer must not re-add anything.
    const f = finding('critical', {
      evidence: [
        {
          request: {
            method: 'GET',
            url: 'https://api.example.com/me',
            headers: { origin: 'https://evil.example', cookie: '[redacted]', 'x-api-key': '[redacted]' },
          },
          response: {
            status: 200,
            headers: [
              ['access-control-allow-origin', 'https://evil.example'],
              ['set-cookie', 'session=[redacted]; Path=/; Secure; SameSite=None'],
            ],
          },
        },
      ],
    });
    for (const color of [false, true]) {
      const text = render([target('https://api.example.com/me', [f])], { color, verbose: true });
      expect(text).toContain('session=[redacted]');
      expect(text).not.toMatch(/session=(?!\[redacted\])/);
    }
  });

  it('with a baseline, shows an F target with only unchanged findings as still open, never ✓ or 0 finding(s)', () => {
    let text = '';
    const w = textWriter({ write: (s: string) => (text += s) }, { color: false });
    const unchanged = { ...finding('critical'), baseline: 'unchanged' as const };
    const fixed = {
      url: 'https://api.example.com/me',
      id: 'x\x1b[2Jy',
      severity: 'low' as const,
      title: 't\rz',
      fingerprint: '0'.repeat(32),
    };
    w.target({
      ...withGrade(target('https://api.example.com/me', [unchanged])),
      baseline: { new: 0, unchanged: 1, fixed: [fixed], unverified: 0 },
    });
    const [head, ...rest] = text.split('\n');
    expect(head).toMatch(
      /^✗ https:\/\/api\.example\.com\/me {2}1 finding\(s\): 0 new, 1 unchanged, 1 fixed, .* grade F/,
    );
    expect(rest.join('\n')).toContain(
      'unchanged since the baseline (1), still open:\n    CRITICAL origin-reflected',
    );
    expect(text).not.toContain('Fix:');
    expect(text).toContain('fixed x\uFFFD[2Jy  t\uFFFDz');
  });
});

describe('the top fix in the text report', () => {
  // The finding as the scanner reports it: its fix is the catalog's text, which names an example origin.
  const reported = finding('critical', { remediation: FINDING_CATALOG['origin-reflected'].remediation });
  const reflected = target('https://api.victim.test/me', [reported], {
    trustedOrigins: ['https://app.victim.test', 'https://partner.example'],
    stackHints: { poweredBy: 'Express' },
  });

  it('--stack nginx shows the nginx snippet of the first step, headed with its name, and the trusted origins seen', () => {
    const text = render([reflected], { color: false, stack: 'nginx' });
    expect(text).toContain('Trusted origins seen: https://app.victim.test, https://partner.example');
    expect(text).toContain('Top fix for nginx (--stack) — origin-reflected, cors.conf:');
    expect(text).toMatch(/map \$http_origin/);
    expect(text).toContain('"https://app.victim.test"');
    expect(text).not.toContain('"https://app.example.com"');
  });

  it('without --stack, the detected stack (Express here) is used and says so', () => {
    const text = render([reflected], { color: false });
    expect(text).toContain('Top fix for Express (detected)');
    expect(text).toContain("'https://app.victim.test'");
  });

  it('the fix text names the trusted origins instead of the catalog example', () => {
    const text = render([reflected], { color: false }).replace(/\s+/g, ' ');
    expect(text).toContain('new Set(["https://app.victim.test","https://partner.example"]).has(origin)');
  });

  it('with no stack detected and none given, says how to get a snippet; with no trusted origin, says so', () => {
    const text = render([target('https://api.victim.test/me', [finding('critical')])], { color: false });
    expect(text).toContain('Trusted origins seen: none');
    expect(text).toContain('no stack detected from the headers; add --stack');
  });
});
