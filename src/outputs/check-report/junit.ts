import type { CheckRun, CheckUrlResult } from '../../capabilities/check/index.js';
import { type JunitCase, junitXml } from '../kit/index.js';
import { formatViolationDiff } from './text.js';

function probeCase(r: CheckUrlResult, id: string, classname: string): JunitCase {
  const base = { name: id, classname };
  const violations = r.violations.filter((v) => v.probe === id);
  if (violations.length > 0) {
    return {
      ...base,
      outcome: {
        kind: 'failure',
        type: [...new Set(violations.map((v) => v.code))].join(' '),
        message: violations.map((v) => v.message).join('; '),
        body: violations.map((v) => [v.message, ...formatViolationDiff(v)].join('\n')).join('\n\n'),
      },
    };
  }
  const error = r.errors.find((e) => e.probe === id);
  if (error === undefined) return base;
  return {
    ...base,
    outcome: {
      kind: 'error',
      type: error.code,
      message: error.message,
      body: `${error.code}: ${error.message}`,
    },
  };
}

/**
 * The `--format junit` report, written by the output kit's JUnit writer (the one `scan` uses): one
 * `<testsuite>` per URL and one `<testcase>` per probe, a `<failure>` (with the diffs) for a probe with
 * violations and an `<error>` for a probe that could not be sent. CI systems (GitHub, GitLab, Jenkins)
 * render it as test results.
 *
 * @example
 * ```ts
 * writeFileSync('cors-check.xml', formatCheckJunit(run));
 * ```
 */
export function formatCheckJunit(run: CheckRun): string {
  const classname = `corsguard.check.${run.environment}`;
  return junitXml({
    name: 'corsguard check',
    suites: run.results.map((r) => ({
      name: r.url,
      cases: r.probeIds.map((id) => probeCase(r, id, classname)),
    })),
  });
}
