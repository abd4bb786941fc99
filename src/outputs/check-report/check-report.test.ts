import { describe, expect, it } from 'vitest';
import type { CheckRun, Violation } from '../../capabilities/check/index.js';
import { summarizeCheck } from '../../capabilities/check/index.js';
import { finding, target } from '../../capabilities/scan/test-support/results.js';
import { EXIT, escapeXml } from '../kit/index.js';
import { validateJunit, xmllintMissing } from '../kit/test-support/junit-schema.js';
import { junitXml, SummaryBuilder, withGrade } from '../report/index.js';
import {
  checkExitCode,
  formatCheckJunit,
  formatCheckReport,
  formatCheckText,
  formatViolation,
} from './index.js';

// Text from the network with every kind of character XML 1.0 cannot carry: C0 controls (NUL, SOH, ESC),
// a lone surrogate and U+FFFF. The check report used to drop some of them and keep others (invalid XML);
// scan replaced them with U+FFFD. Both now go through the kit's one escapeXml.
const HOSTILE = 'evil\u0000\u0001\u001b[31m\uD800\uFFFF </failure><x a="b"> & done';

const violation = (over: Partial<Violation> = {}): Violation => ({
  code: 'vary-missing',
  probe: 'allowed https://app.example.com GET',
  message: 'the answer depends on Origin but Vary does not say so',
  expected: ['Access-Control-Allow-Origin: https://app.example.com', 'Vary: Origin'],
  observed: ['Access-Control-Allow-Origin: https://app.example.com'],
  ...over,
});

function run(violations: Violation[], errors: CheckRun['results'][number]['errors'] = []): CheckRun {
  const probeIds = [
    'allowed https://app.example.com GET',
    'hostile null GET',
    'hostile https://e.example GET',
  ];
  return {
    policyFile: 'cors.policy.yaml',
    environment: 'production',
    results: [
      {
        url: 'https://api.example.com/v1/me',
        probes: probeIds.length,
        violations,
        errors,
        path: null,
        probeIds,
      },
    ],
  };
}

describe('check JUnit report', () => {
  const missing = xmllintMissing();

  it.skipIf(missing !== null)('is valid JUnit, escaping control characters as scan does (regression)', () => {
    const checkXml = formatCheckJunit(
      run(
        [violation({ message: HOSTILE, observed: [`Access-Control-Allow-Origin: ${HOSTILE}`] })],
        [{ probe: 'hostile null GET', code: 'TIMEOUT', message: HOSTILE }],
      ),
    );
    expect(() => validateJunit(checkXml)).not.toThrow();
    const scanTarget = withGrade(
      target('https://api.example.com/', [finding('critical', { title: HOSTILE })]),
    );
    const summary = new SummaryBuilder('high');
    summary.add(scanTarget);
    const scanXml = junitXml([scanTarget], summary.summary);
    expect(() => validateJunit(scanXml)).not.toThrow();
    const escaped = escapeXml(HOSTILE);
    expect(escaped).toBe(
      'evil\uFFFD\uFFFD\uFFFD[31m\uFFFD\uFFFD &lt;/failure&gt;&lt;x a=&quot;b&quot;&gt; &amp; done',
    );
    expect(checkXml).toContain(`message="${escaped}"`);
    expect(scanXml).toContain(`message="critical: ${escaped}"`);
    for (const xml of [checkXml, scanXml]) {
      // biome-ignore lint/suspicious/noControlCharactersInRegex: asserting they are gone
      expect(xml).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\uFFFF]/);
    }
  });

  it.skipIf(missing !== null)(
    'gives a probe with several violations one failure, as the schema allows',
    () => {
      const xml = formatCheckJunit(
        run([violation(), violation({ code: 'credentials-missing', message: 'no credentials header' })]),
      );
      expect(() => validateJunit(xml)).not.toThrow();
      expect(xml.match(/<failure /g)).toHaveLength(1);
      expect(xml).toContain('type="vary-missing credentials-missing"');
      expect(xml).toMatch(
        /^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="corsguard check" tests="3" failures="1" errors="0">/,
      );
    },
  );
});

describe('check text report', () => {
  it('colours with the same painter as the scan report, and not at all without --color', () => {
    const v = violation();
    expect(formatViolation(v, { color: true })).toContain('\u001b[31m- Vary: Origin\u001b[39m');
    expect(formatViolation(v, { color: true })).toContain('\u001b[1mvary-missing\u001b[22m');
    expect(formatViolation(v)).toBe(
      'vary-missing  allowed https://app.example.com GET\n  the answer depends on Origin but Vary does not say so\n    Access-Control-Allow-Origin: https://app.example.com\n  - Vary: Origin',
    );
    expect(formatCheckText(run([v]))).not.toContain('\u001b[');
    expect(formatCheckReport(run([v]), 'text', { version: '0' })).toBe(formatCheckText(run([v])));
  });

  it('exits with the kit codes: violations before probe errors before success', () => {
    const error = { probe: 'hostile null GET', code: 'TIMEOUT', message: 'timed out' };
    expect(checkExitCode(summarizeCheck(run([]).results))).toBe(EXIT.ok);
    expect(checkExitCode(summarizeCheck(run([], [error]).results))).toBe(EXIT.targetError);
    expect(checkExitCode(summarizeCheck(run([violation()], [error]).results))).toBe(EXIT.findings);
  });
});
