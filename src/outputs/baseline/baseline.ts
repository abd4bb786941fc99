import { readFile } from 'node:fs/promises';
import { SEVERITIES, type Severity } from '../../capabilities/scan/index.js';
import { CorsguardError } from '../../core/errors/index.js';
import { normalizeUrl } from '../../core/origin/index.js';
import type { BaselineSummary, ReportTarget } from '../report/index.js';
import { findingFingerprint } from '../report/index.js';

/** One finding of the baseline report. */
export interface BaselineEntry {
  readonly url: string;
  readonly id: string;
  readonly severity: Severity;
  readonly title: string;
  readonly fingerprint: string;
}

/** A loaded baseline: its findings by fingerprint and by normalized URL. */
export interface Baseline {
  readonly file: string;
  readonly byFingerprint: ReadonlyMap<string, BaselineEntry>;
  readonly byUrl: ReadonlyMap<string, readonly BaselineEntry[]>;
}

function usage(file: string, problem: string): CorsguardError {
  return new CorsguardError(
    'USAGE',
    `--baseline ${file}: ${problem}; give a report written by corsguard scan --format json -o FILE`,
  );
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/**
 * Parses a previous `--format json` report into a baseline. Checks only what matching needs (targets with
 * url and findings with id and origin), so reports of older corsguard versions load too; anything else is a
 * USAGE error naming the file and the problem.
 *
 * @example
 * ```ts
 * const b = parseBaseline('previous.json', text);
 * b.byFingerprint.size; // 12
 * ```
 */
export function parseBaseline(file: string, text: string): Baseline {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw usage(file, `not JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  if (!isObject(doc) || !isObject(doc.tool) || doc.tool.name !== 'corsguard' || !Array.isArray(doc.targets)) {
    throw usage(file, 'not a corsguard JSON report (no tool.name "corsguard" and targets array)');
  }
  const byFingerprint = new Map<string, BaselineEntry>();
  const byUrl = new Map<string, BaselineEntry[]>();
  for (const [i, t] of doc.targets.entries()) {
    if (!isObject(t) || typeof t.url !== 'string' || !Array.isArray(t.findings)) {
      throw usage(file, `targets[${i}] has no url and findings`);
    }
    const url = normalizeUrl(t.url);
    if (!byUrl.has(url)) byUrl.set(url, []);
    for (const [j, f] of t.findings.entries()) {
      if (!isObject(f) || typeof f.id !== 'string' || typeof f.origin !== 'string') {
        throw usage(file, `targets[${i}].findings[${j}] has no id and origin`);
      }
      const severity = SEVERITIES.includes(f.severity as Severity) ? (f.severity as Severity) : 'info';
      const entry: BaselineEntry = {
        url: t.url,
        id: f.id,
        severity,
        title: typeof f.title === 'string' ? f.title : f.id,
        fingerprint: findingFingerprint({ id: f.id, url: t.url, origin: f.origin }),
      };
      byFingerprint.set(entry.fingerprint, entry);
      byUrl.get(url)?.push(entry);
    }
  }
  return { file, byFingerprint, byUrl };
}

/**
 * Reads and parses a baseline file; a missing or unreadable file is a USAGE error.
 *
 * @example
 * ```ts
 * const baseline = await loadBaseline('previous.json');
 * ```
 */
export async function loadBaseline(file: string): Promise<Baseline> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    const code = isObject(e) && typeof e.code === 'string' ? e.code : 'unreadable';
    throw usage(file, `cannot be read (${code})`);
  }
  return parseBaseline(file, text);
}

/**
 * Compares scans with a baseline as they arrive: `filter` keeps only each target's new findings and
 * records unchanged and fixed ones; `summary` is the result for the report.
 *
 * @example
 * ```ts
 * const cmp = new BaselineComparison(baseline);
 * writer.target(cmp.filter(withGrade(result)));
 * summary.baseline = cmp.summary;
 * ```
 */
export class BaselineComparison {
  readonly #baseline: Baseline;
  readonly summary: BaselineSummary;

  constructor(baseline: Baseline) {
    this.#baseline = baseline;
    this.summary = { file: baseline.file, new: 0, unchanged: 0, fixed: [] };
  }

  filter(target: ReportTarget): ReportTarget {
    const seen = new Set<string>();
    const fresh = target.findings.filter((f) => {
      const fp = findingFingerprint({ id: f.id, url: target.url, origin: f.origin });
      seen.add(fp);
      return !this.#baseline.byFingerprint.has(fp);
    });
    this.summary.new += fresh.length;
    this.summary.unchanged += target.findings.length - fresh.length;
    // An errored scan cannot prove that a finding is gone.
    if (!target.error) {
      for (const entry of this.#baseline.byUrl.get(normalizeUrl(target.url)) ?? []) {
        if (!seen.has(entry.fingerprint)) this.summary.fixed.push({ ...entry });
      }
    }
    return { ...target, findings: fresh };
  }
}
