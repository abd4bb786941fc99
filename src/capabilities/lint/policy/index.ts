import { parse } from 'yaml';
import type { FindingId } from '../../../core/findings/index.js';
import { type PolicyFileIssue, type PolicyFileIssueCode, parsePolicyFile } from '../../policy-file/index.js';
import { lintFinding } from '../finding.js';
import { LineIndex } from '../region.js';
import type { Analyzer, AnalyzerResult, LintFinding, LintProblem, SourceFile } from '../types.js';

/**
 * The policy file's own checks that are misconfigurations the scanner also finds, by finding id. Every
 * other issue (a typo, an unknown key, a YAML error) means the file cannot be used at all: a problem.
 */
const AS_FINDING: Partial<Record<PolicyFileIssueCode, FindingId>> = {
  'origin-null': 'null-origin-allowed',
  'origin-wildcard-credentials': 'wildcard-with-credentials',
  'origin-insecure-credentials': 'insecure-scheme-trusted',
  'origin-pattern-public-suffix': 'subdomain-trusted',
  'production-localhost': 'localhost-trusted',
  'private-network-any-origin': 'private-network-allowed',
  'method-wildcard-credentials': 'preflight-permissive',
  'request-header-wildcard-credentials': 'preflight-permissive',
  'expose-header-wildcard-credentials': 'expose-headers-sensitive',
  'max-age-range': 'max-age-excessive',
};

/** `credentials: true` in the issue's environment (or in `defaults`): the reach of what it grants. */
function credentialed(data: unknown, path: readonly (string | number)[]): boolean {
  const doc = (data ?? {}) as {
    defaults?: { credentials?: unknown };
    environments?: Record<string, { credentials?: unknown }>;
  };
  const env =
    path[0] === 'environments' && typeof path[1] === 'string' ? doc.environments?.[path[1]] : undefined;
  return (env?.credentials ?? doc.defaults?.credentials) === true;
}

function finding(
  file: SourceFile,
  lines: LineIndex,
  issue: PolicyFileIssue,
  id: FindingId,
  data: unknown,
): LintFinding {
  const start = lines.offset(issue.line, issue.column);
  return lintFinding({
    id,
    reach: credentialed(data, issue.path) ? 'credentialed' : 'anonymous',
    message: issue.message,
    rule: `policy/${issue.code}`,
    language: 'policy',
    file: file.path,
    lines,
    start,
    end: start,
    fix: { description: issue.fix },
  });
}

/**
 * The corsguard policy file (`cors.policy.yaml`), read by the same validator `corsguard check` uses: its
 * refusals that are misconfigurations (`null`, `*` with credentials, `http://` with credentials,
 * localhost in production, …) become findings with the scanner's ids; a file the validator cannot read
 * at all is a problem with its line.
 *
 * @example
 * ```ts
 * policyAnalyzer.analyze({ path: 'cors.policy.yaml', text: 'version: 1\nenvironments:\n  production:\n    origins: ["null"]\n' });
 * ```
 */
export const policyAnalyzer: Analyzer = {
  language: 'policy',
  accepts: (path) => /(?:^|\/)(?:[\w-]+[.-])?(?:cors|corsguard)[.-]policy\.ya?ml$/i.test(path),
  analyze(file: SourceFile): AnalyzerResult {
    const result = parsePolicyFile(file.text, file.path);
    if (result.ok) return { findings: [], problems: [] };
    const lines = new LineIndex(file.text);
    let data: unknown;
    try {
      data = parse(file.text, { maxAliasCount: 100 });
    } catch {
      data = undefined; // the validator reported why already
    }
    const findings: LintFinding[] = [];
    const problems: LintProblem[] = [];
    for (const issue of result.issues) {
      const id = AS_FINDING[issue.code];
      if (id) findings.push(finding(file, lines, issue, id, data));
      else
        problems.push({
          file: file.path,
          line: issue.line,
          code: 'LINT_POLICY_INVALID',
          message: `${issue.message} (${issue.code}); ${issue.fix}`,
        });
    }
    return { findings, problems };
  },
};
