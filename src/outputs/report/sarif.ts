import type { DiscoveryResult } from '../../capabilities/discovery/index.js';
import { explainFinding } from '../../capabilities/explain/index.js';
import { SCORE_TABLE } from '../../capabilities/grade/index.js';
import type { FindingId, Severity } from '../../capabilities/scan/index.js';
import { FINDING_CATALOG } from '../../capabilities/scan/index.js';
import { findingFingerprint } from './fingerprint.js';
import { discoveryJson, type ReportWriter, type Sink } from './json.js';
import type { ScanSummary } from './summary.js';
import type { ReportTarget } from './target.js';
import { verifiedText } from './verified.js';

/** Where code scanning sends a reader to learn about the tool (SARIF §3.19.17 informationUri). */
const INFORMATION_URI = 'https://www.npmjs.com/package/corsguard';

/** SARIF `level` of a corsguard severity. */
export const SARIF_LEVEL: Readonly<Record<Severity, 'error' | 'warning' | 'note'>> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
  info: 'note',
};

/**
 * GitHub's `security-severity` (0–10, as a string) of a severity: GitHub maps > 9 to critical, 7–8.9 to
 * high, 4–6.9 to medium and 0.1–3.9 to low.
 */
export const SECURITY_SEVERITY: Readonly<Record<Severity, string>> = {
  critical: '9.5',
  high: '8.0',
  medium: '5.5',
  low: '3.0',
  info: '1.0',
};

/** Key of corsguard's partial fingerprint in SARIF results. */
export const FINGERPRINT_KEY = 'corsguardFinding/v1';

const RULE_IDS = Object.keys(FINDING_CATALOG) as FindingId[];

const pascal = (id: string) =>
  id
    .split('-')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');

function rule(id: FindingId) {
  const row = SCORE_TABLE[id];
  const catalog = FINDING_CATALOG[id];
  return {
    id,
    name: pascal(id),
    shortDescription: { text: catalog.title },
    fullDescription: { text: `${catalog.title}. Worst case: ${row.severity}.` },
    help: {
      text: `${row.recommendation}\n\n${catalog.remediation}`,
      markdown: `**${row.recommendation}**\n\n${catalog.remediation}`,
    },
    defaultConfiguration: { level: SARIF_LEVEL[row.severity] },
    properties: { tags: ['security', 'cors'], 'security-severity': SECURITY_SEVERITY[row.severity] },
  };
}

function location(url: string, text?: string) {
  return {
    physicalLocation: { artifactLocation: { uri: url }, region: { startLine: 1 } },
    ...(text ? { message: { text } } : {}),
  };
}

/**
 * Builds the SARIF 2.1.0 log of a scan, as GitHub code scanning accepts it: one rule per finding id, one
 * result per finding located at the target URL, with a partial fingerprint stable across scans. Targets that
 * could not be scanned become error notifications of the invocation. With `--baseline` each result has
 * `baselineState` `new` or `unchanged`, and `runs[0].properties.baseline` lists the fixed findings. With
 * `scan --discover`, `runs[0].properties.discovery` is the JSON report's `discovery` object, and each result's
 * `properties.discoveredFrom` where its endpoint was found.
 *
 * @example
 * ```ts
 * sarifLog(targets, summary, '0.1.0').runs[0].results[0].ruleId; // 'origin-reflected'
 * ```
 */
export function sarifLog(
  targets: readonly ReportTarget[],
  summary: ScanSummary,
  version: string,
  discovery?: DiscoveryResult,
) {
  const results = targets.flatMap((t) =>
    t.findings.map((f) => {
      const e = explainFinding(f, t.url);
      return {
        ruleId: f.id,
        ruleIndex: RULE_IDS.indexOf(f.id),
        level: SARIF_LEVEL[f.severity],
        message: {
          text: `${f.title} at ${t.url}. ${e.attackerCan} ${e.certainty.text}${f.verified ? ` Verified: ${verifiedText(f.verified)}.` : ''}`,
        },
        locations: [location(t.url)],
        partialFingerprints: {
          [FINGERPRINT_KEY]: findingFingerprint({ id: f.id, url: t.url, origin: f.origin }),
        },
        // SARIF §3.27.24; with a baseline every result has one ("should be present on all results or none").
        ...(summary.baseline ? { baselineState: f.baseline ?? ('new' as const) } : {}),
        properties: {
          severity: f.severity,
          credentialed: f.credentialed,
          origin: f.origin,
          'security-severity': SECURITY_SEVERITY[f.severity],
          ...(f.verified ? { verified: f.verified } : {}),
          ...(t.discoveredFrom ? { discoveredFrom: t.discoveredFrom } : {}),
        },
      };
    }),
  );
  const failed = targets.filter((t) => t.error);
  const b = summary.baseline;
  // Fixed findings are not emitted as "absent" results: GitHub code scanning ignores baselineState and
  // would open an alert for each; it closes an alert by itself when its result is gone. They are listed
  // in the run's property bag instead.
  const baseline = b
    ? {
        baseline: {
          file: b.file,
          new: b.new,
          unchanged: b.unchanged,
          unverified: b.unverified,
          fixed: b.fixed.map((f) => ({
            ruleId: f.id,
            url: f.url,
            severity: f.severity,
            [FINGERPRINT_KEY]: f.fingerprint,
          })),
        },
      }
    : {};
  // With `scan --discover`, what was found and dropped (each result has its target's `discoveredFrom`).
  const found = discovery ? { discovery: discoveryJson(discovery) } : {};
  const properties = b || discovery ? { properties: { ...baseline, ...found } } : {};
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
            rules: RULE_IDS.map(rule),
          },
        },
        invocations: [
          {
            executionSuccessful: failed.length === 0,
            toolExecutionNotifications: failed.map((t) => ({
              level: 'error' as const,
              message: { text: `${t.error?.code ?? 'ERROR'}: ${t.error?.message ?? ''}` },
              locations: [location(t.url)],
            })),
          },
        ],
        results,
        ...properties,
      },
    ],
  };
}

/**
 * The `--format sarif` writer: buffers the targets and writes one SARIF 2.1.0 document at the end.
 *
 * @example
 * ```ts
 * const w = sarifWriter(stream, '0.1.0');
 * w.target(withGrade(result));
 * w.end(summary);
 * ```
 */
export function sarifWriter(out: Sink, version: string, discovery?: DiscoveryResult): ReportWriter {
  const targets: ReportTarget[] = [];
  return {
    target: (t) => void targets.push(t),
    end: (summary) =>
      void out.write(`${JSON.stringify(sarifLog(targets, summary, version, discovery), null, 2)}\n`),
  };
}
