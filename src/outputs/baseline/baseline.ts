import { readFile } from 'node:fs/promises';
import { SEVERITIES, type Severity } from '../../capabilities/scan/index.js';
import { CorsguardError } from '../../core/errors/index.js';
import { normalizeUrl } from '../../core/origin/index.js';
import type {
  BaselineFinding,
  BaselineSummary,
  ReportFinding,
  ReportTarget,
  TargetBaseline,
} from '../report/index.js';
import { findingFingerprint } from '../report/index.js';

/** One finding of the baseline report. */
export type BaselineEntry = BaselineFinding;

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
 * Compares scans with a baseline as they arrive. `compare` marks each finding of a target `new` or
 * `unchanged` (nothing is removed: the grade and the reports see every finding), lists the target's
 * baseline findings that a complete scan no longer finds as `fixed`, and adds it all to `summary`.
 * Absence proves nothing when the scan did not complete, nor for a baseline target not scanned now: those
 * findings are `unverified`, never fixed; `finish` counts the latter once every target was compared.
 *
 * @example
 * ```ts
 * const cmp = new BaselineComparison(baseline);
 * writer.target(cmp.compare(withGrade(result)));
 * summary.baseline = cmp.finish();
 * ```
 */
export class BaselineComparison {
  readonly #baseline: Baseline;
  /** Baseline URLs scanned so far (only those: memory stays bounded by the baseline). */
  readonly #scannedUrls = new Set<string>();
  #finished = false;
  readonly summary: BaselineSummary;

  constructor(baseline: Baseline) {
    this.#baseline = baseline;
    this.summary = { file: baseline.file, new: 0, unchanged: 0, fixed: [], unverified: 0 };
  }

  compare(target: ReportTarget): ReportTarget {
    const seen = new Set<string>();
    const findings = target.findings.map((f): ReportFinding => {
      const fp = findingFingerprint({ id: f.id, url: target.url, origin: f.origin });
      seen.add(fp);
      return { ...f, baseline: this.#baseline.byFingerprint.has(fp) ? 'unchanged' : 'new' };
    });
    const unchanged = findings.filter((f) => f.baseline === 'unchanged').length;
    const url = normalizeUrl(target.url);
    const entries = this.#baseline.byUrl.get(url);
    const gone =
      !entries || this.#scannedUrls.has(url)
        ? [] // not in the baseline, or the same URL twice: its absent findings were already counted
        : entries.filter((e) => !seen.has(e.fingerprint));
    if (entries) this.#scannedUrls.add(url);
    // An errored scan cannot prove that a finding is gone.
    const fixed = target.error ? [] : gone.map((e) => ({ ...e }));
    const result: TargetBaseline = {
      new: findings.length - unchanged,
      unchanged,
      fixed,
      unverified: target.error ? gone.length : 0,
    };
    this.summary.new += result.new;
    this.summary.unchanged += result.unchanged;
    this.summary.fixed.push(...fixed);
    this.summary.unverified += result.unverified;
    return { ...target, findings, baseline: result };
  }

  /** Counts the findings of baseline targets not scanned now as unverified (once); returns `summary`. */
  finish(): BaselineSummary {
    if (!this.#finished) {
      this.#finished = true;
      for (const [url, entries] of this.#baseline.byUrl) {
        if (!this.#scannedUrls.has(url)) this.summary.unverified += entries.length;
      }
    }
    return this.summary;
  }
}
