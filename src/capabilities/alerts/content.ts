import { oneLine, safeUrl, scrub } from './sanitize.js';
import type { AlertFinding, MonitorChange, MonitorChangeKind } from './types.js';

/**
 * A {@link MonitorChange} made safe to show: every string on one line (control characters gone), cut to
 * a bounded length, URLs without userinfo or query values. Sinks build their payloads only from this
 * and escape it for their format.
 *
 * @example
 * ```ts
 * const c: AlertContent = alertContent(change);
 * c.target; // no userinfo, query values redacted
 * ```
 */
export interface AlertContent {
  readonly kind: MonitorChangeKind;
  /** One line saying what happened, e.g. `2 new CORS findings on https://api.example.com/me`. */
  readonly headline: string;
  readonly target: string;
  readonly group: string;
  readonly runId: string;
  readonly at: string;
  readonly grade?: { readonly before?: string; readonly after?: string };
  readonly added: readonly AlertFinding[];
  readonly removed: readonly AlertFinding[];
  readonly error?: { readonly code: string; readonly message: string };
  readonly drift?: readonly string[];
  readonly link?: string;
}

/**
 * Most findings or drift lines an alert lists; the rest are counted ("and 12 more").
 *
 * @example
 * ```ts
 * webhookPayload(change).added.length <= MAX_LISTED; // true
 * ```
 */
export const MAX_LISTED = 200;

const finding = (f: AlertFinding): AlertFinding => ({
  id: oneLine(f.id, 100),
  severity: oneLine(f.severity, 20),
  title: scrub(f.title, [], 300),
});

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

function headline(change: MonitorChange, target: string): string {
  const before = change.grade?.before === undefined ? '?' : oneLine(change.grade.before, 10);
  const after = change.grade?.after === undefined ? '?' : oneLine(change.grade.after, 10);
  switch (change.kind) {
    case 'new-findings':
      return `${plural(change.added.length, 'new CORS finding')} on ${target}`;
    case 'fixed':
      return `${plural(change.removed.length, 'CORS finding')} fixed on ${target}`;
    case 'changed':
      return `CORS findings changed on ${target}: ${change.added.length} new, ${change.removed.length} fixed`;
    case 'grade-changed':
      return `Grade ${before} → ${after} on ${target}`;
    case 'policy-drift':
      return `Policy drift on ${target}: ${plural(change.drift?.length ?? 0, 'violation')}`;
    case 'unreachable':
      return `${target} stopped answering${change.error ? ` (${oneLine(change.error.code, 40)})` : ''}`;
    case 'recovered':
      return `${target} answers again`;
  }
}

/**
 * Turns a change into {@link AlertContent}: the one place hostile values are flattened and secrets
 * are stripped, before any sink formats them.
 *
 * @example
 * ```ts
 * alertContent({ kind: 'unreachable', target: 'https://u:p@api.example.com/?key=k', group: 'prod',
 *   runId: 'r1', at: '2026-05-01T10:00:00Z', added: [], removed: [],
 *   error: { code: 'TIMEOUT', message: 'no answer in 10 s' } }).headline;
 * // 'https://api.example.com/?key=[redacted] stopped answering (TIMEOUT)'
 * ```
 */
export function alertContent(change: MonitorChange): AlertContent {
  const target = oneLine(safeUrl(change.target), 500);
  const grade =
    change.grade === undefined
      ? undefined
      : {
          ...(change.grade.before === undefined ? {} : { before: oneLine(change.grade.before, 10) }),
          ...(change.grade.after === undefined ? {} : { after: oneLine(change.grade.after, 10) }),
        };
  return {
    kind: change.kind,
    headline: headline(change, target),
    target,
    group: oneLine(change.group, 100),
    runId: oneLine(change.runId, 100),
    at: oneLine(change.at, 40),
    ...(grade === undefined ? {} : { grade }),
    added: change.added.slice(0, MAX_LISTED).map(finding),
    removed: change.removed.slice(0, MAX_LISTED).map(finding),
    ...(change.error === undefined
      ? {}
      : { error: { code: oneLine(change.error.code, 40), message: scrub(change.error.message) } }),
    ...(change.drift === undefined ? {} : { drift: change.drift.slice(0, MAX_LISTED).map((d) => scrub(d)) }),
    ...(change.link === undefined ? {} : { link: oneLine(safeUrl(change.link), 500) }),
  };
}

/**
 * How many items of a list the content left out (over {@link MAX_LISTED}).
 *
 * @example
 * ```ts
 * omitted(change.added, content.added); // 0 unless the change had more than 200 new findings
 * ```
 */
export const omitted = (all: readonly unknown[] | undefined, shown: readonly unknown[] | undefined): number =>
  (all?.length ?? 0) - (shown?.length ?? 0);

/**
 * One titled part of an alert's text: label/value facts, or a list of lines.
 *
 * @example
 * ```ts
 * const [first]: readonly AlertSection[] = alertSections(alertContent(change), 20);
 * first?.title; // 'New findings (1)'
 * ```
 */
export interface AlertSection {
  readonly title: string;
  readonly lines: readonly string[];
  /** How many lines were left out of `lines`. */
  readonly more: number;
}

/**
 * The label/value facts every alert shows (target, group, grade, run, time), already safe to show.
 *
 * @example
 * ```ts
 * alertFacts(alertContent(change)); // [['Target', 'https://api.example.com/me'], ['Group', 'prod'], …]
 * ```
 */
export function alertFacts(c: AlertContent): ReadonlyArray<readonly [string, string]> {
  const facts: Array<readonly [string, string]> = [
    ['Target', c.target],
    ['Group', c.group],
  ];
  if (c.grade !== undefined) facts.push(['Grade', `${c.grade.before ?? '?'} → ${c.grade.after ?? '?'}`]);
  facts.push(['Run', c.runId], ['At', c.at]);
  return facts;
}

const findingLine = (f: AlertFinding): string => `[${f.severity}] ${f.title} (${f.id})`;

/**
 * The lists of an alert, each cut at `max` lines: new findings, fixed findings, the error of an
 * unreachable target, policy-drift violations. Lines are already one-line and secret-free; the caller
 * escapes them for its format.
 *
 * @example
 * ```ts
 * alertSections(alertContent(change), 20).map((s) => s.title); // ['New findings (1)']
 * ```
 */
export function alertSections(c: AlertContent, max: number, change?: MonitorChange): readonly AlertSection[] {
  const out: AlertSection[] = [];
  const list = (title: string, lines: readonly string[], total: number): void => {
    if (total === 0) return;
    out.push({
      title: `${title} (${total})`,
      lines: lines.slice(0, max),
      more: total - Math.min(max, lines.length),
    });
  };
  list('New findings', c.added.map(findingLine), change?.added.length ?? c.added.length);
  list('Fixed findings', c.removed.map(findingLine), change?.removed.length ?? c.removed.length);
  if (c.error !== undefined)
    out.push({ title: 'Error', lines: [`${c.error.code}: ${c.error.message}`], more: 0 });
  if (c.drift !== undefined) list('Policy drift', c.drift, change?.drift?.length ?? c.drift.length);
  return out;
}
