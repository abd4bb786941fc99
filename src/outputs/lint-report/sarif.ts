import { createHash } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import type { LintFinding, LintRegion, LintRun } from '../../capabilities/lint/index.js';
import { FINDING_IDS, FINDINGS, type FindingId, worstSeverity } from '../../core/findings/index.js';
import { SARIF_LEVEL, SECURITY_SEVERITY } from '../report/index.js';

/** Key of the partial fingerprint of lint results (stable when lines move: id, file and the line's text). */
export const LINT_FINGERPRINT_KEY = 'corsguardLint/v1';

const INFORMATION_URI = 'https://www.npmjs.com/package/corsguard';

function rule(id: FindingId) {
  const d = FINDINGS[id];
  const worst = worstSeverity(d.severity);
  return {
    id,
    name: id
      .split('-')
      .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
      .join(''),
    shortDescription: { text: d.title },
    fullDescription: { text: `${d.title}. Worst case: ${worst}.` },
    help: {
      text: `${d.score.recommendation}\n\n${d.remediation}`,
      markdown: `**${d.score.recommendation}**\n\n${d.remediation}`,
    },
    defaultConfiguration: { level: SARIF_LEVEL[worst] },
    properties: { tags: ['security', 'cors'], 'security-severity': SECURITY_SEVERITY[worst] },
  };
}

/** SARIF regions are 1-based with an exclusive end column (§3.30), as lint's regions are. */
function region(r: LintRegion) {
  return { startLine: r.line, startColumn: r.column, endLine: r.endLine, endColumn: r.endColumn };
}

/** A path under the working directory is relative to `%SRCROOT%`; one outside it is an absolute `file://` URI (§3.4.3). */
function artifact(file: string) {
  return file.startsWith('/')
    ? { uri: pathToFileURL(file).href }
    : { uri: encodeURI(file), uriBaseId: '%SRCROOT%' };
}

function fixes(f: LintFinding) {
  const edit = f.fix?.edit;
  if (!f.fix || !edit?.region) return {};
  return {
    fixes: [
      {
        description: { text: f.fix.description },
        artifactChanges: [
          {
            artifactLocation: artifact(f.file),
            replacements: [{ deletedRegion: region(edit.region), insertedContent: { text: edit.text } }],
          },
        ],
      },
    ],
  };
}

/**
 * The SARIF 2.1.0 log of a lint run, for GitHub code scanning: one rule per finding id of the registry (the
 * scanner's), one result per finding with its file/line/column region, the fix text in the message and the
 * exact edit as a SARIF `fix`, a partial fingerprint that survives moved lines. Files that could not be
 * checked fully are notifications of the invocation.
 *
 * @example
 * ```ts
 * lintSarif(run, '0.1.0').runs[0].results[0].locations[0].physicalLocation.region.startLine; // 14
 * ```
 */
export function lintSarif(run: LintRun, version: string) {
  const results = run.findings.map((f) => {
    const extra = [
      f.counterexample ? `Attacker origin that gets through: ${f.counterexample}.` : '',
      f.fix ? `Fix: ${f.fix.description}.` : '',
    ].filter(Boolean);
    return {
      ruleId: f.id,
      ruleIndex: FINDING_IDS.indexOf(f.id),
      level: SARIF_LEVEL[f.severity],
      message: { text: [`${f.title}: ${f.message}.`, ...extra].join(' ') },
      locations: [{ physicalLocation: { artifactLocation: artifact(f.file), region: region(f.region) } }],
      partialFingerprints: {
        [LINT_FINGERPRINT_KEY]: createHash('sha256')
          .update(`${f.id}\n${f.file}\n${f.snippet}`)
          .digest('hex')
          .slice(0, 32),
      },
      ...fixes(f),
      properties: {
        severity: f.severity,
        rule: f.rule,
        language: f.language,
        'security-severity': SECURITY_SEVERITY[f.severity],
        ...(f.counterexample ? { counterexample: f.counterexample } : {}),
        ...(f.confirmedBy ? { confirmedBy: f.confirmedBy } : {}),
      },
    };
  });
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0' as const,
    runs: [
      {
        tool: {
          driver: {
            name: 'corsguard',
            informationUri: INFORMATION_URI,
            semanticVersion: version,
            version,
            rules: FINDING_IDS.map(rule),
          },
        },
        invocations: [
          {
            executionSuccessful: true,
            toolExecutionNotifications: run.problems.map((p) => ({
              level: 'warning' as const,
              message: { text: `${p.code}: ${p.message}` },
              locations: [
                {
                  physicalLocation: {
                    artifactLocation: artifact(p.file),
                    ...(p.line === undefined ? {} : { region: { startLine: p.line } }),
                  },
                },
              ],
            })),
          },
        ],
        results,
      },
    ],
  };
}
