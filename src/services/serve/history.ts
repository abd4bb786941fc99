import { LETTERS } from '../../capabilities/grade/index.js';
import type { StoredScan } from '../../capabilities/store/index.js';
import { BaselineComparison, parseBaseline } from '../../outputs/baseline/index.js';
import { escapeHtml as h } from '../../outputs/kit/index.js';
import type { ReportTarget } from '../../outputs/report/index.js';

/** A stored scan's grade letter and score, when it has a valid one (anything else from the store is dropped). */
export function gradeOf(scan: StoredScan): { letter: string; score: number } | undefined {
  const g = (scan.result as { grade?: { letter?: unknown; score?: unknown } } | undefined)?.grade;
  if (
    !g ||
    typeof g.letter !== 'string' ||
    !(LETTERS as readonly string[]).includes(g.letter) ||
    typeof g.score !== 'number'
  )
    return undefined;
  return { letter: g.letter, score: Math.max(0, Math.min(100, Math.round(g.score))) };
}

/** True once a scan is `done` or `failed`: from then on it never changes. */
export const hasEnded = (scan: StoredScan): boolean => scan.status === 'done' || scan.status === 'failed';

/** The findings of a stored result, as the report shows them. */
export const targetOf = (scan: StoredScan): ReportTarget | undefined =>
  scan.status === 'done' && scan.result ? (scan.result as unknown as ReportTarget) : undefined;

/** What changed between the previous complete scan of a URL and this one. */
export interface Changes {
  readonly previous: StoredScan;
  readonly added: ReadonlyArray<{ id: string; severity: string; title: string }>;
  readonly fixed: ReadonlyArray<{ id: string; severity: string; title: string }>;
  /** The earlier scan's findings the current one could not re-check (it did not complete). */
  readonly unverified: number;
}

/**
 * Compares a scan with the previous complete one of the same URL (the baseline comparison of
 * `corsguard scan --baseline`): findings new in it, and fixed since.
 *
 * @example
 * ```ts
 * const c = changesSince(current, history.scans); // { previous, added: [...], fixed: [...] } or undefined
 * ```
 */
export function changesSince(current: StoredScan, history: readonly StoredScan[]): Changes | undefined {
  const now = targetOf(current);
  const previous = history.find((s) => s.createdAt < current.createdAt && targetOf(s) && !targetOf(s)?.error);
  const before = previous ? targetOf(previous) : undefined;
  if (!now || !previous || !before) return undefined;
  const baseline = parseBaseline(
    'the previous scan',
    JSON.stringify({ tool: { name: 'corsguard' }, targets: [before] }),
  );
  const compared = new BaselineComparison(baseline).compare(now);
  return {
    previous,
    added: compared.findings
      .filter((f) => f.baseline === 'new')
      .map((f) => ({ id: f.id, severity: f.severity, title: f.title })),
    fixed: (compared.baseline?.fixed ?? []).map((f) => ({ id: f.id, severity: f.severity, title: f.title })),
    unverified: compared.baseline?.unverified ?? 0,
  };
}

/** An inline SVG of the grade over time (oldest left): numbers and fixed letters only. */
export function gradeTimeline(scans: readonly StoredScan[]): string {
  const points = scans
    .map((s) => ({ s, g: gradeOf(s) }))
    .filter((p): p is { s: StoredScan; g: { letter: string; score: number } } => p.g !== undefined)
    .reverse();
  if (points.length < 2) return '';
  const w = 320;
  const step = (w - 40) / (points.length - 1);
  const xy = points.map((p, i) => [20 + i * step, 90 - p.g.score * 0.8] as const);
  const line = xy.map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`).join(' ');
  const dots = points
    .map((p, i) => {
      const [x, y] = xy[i] as readonly [number, number];
      return `<circle cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="4" fill="#0969da"></circle><text x="${x.toFixed(1)}" y="${(y - 8).toFixed(1)}" font-size="11" text-anchor="middle">${h(p.g.letter)}</text>`;
    })
    .join('');
  return `<svg class="timeline" data-testid="grade-timeline" role="img" aria-label="Grade over the last ${points.length} scans: ${points.map((p) => h(p.g.letter)).join(', ')}" width="${w}" height="100" viewBox="0 0 ${w} 100"><polyline points="${line}" fill="none" stroke="#0969da" stroke-width="2"></polyline>${dots}</svg>`;
}
