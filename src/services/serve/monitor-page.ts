import { LETTERS } from '../../capabilities/grade/index.js';
import type { MonitorResult, StoredAlert, StoredChange } from '../../capabilities/store/index.js';
import { escapeHtml as h } from '../../outputs/kit/index.js';
import type { ResolvedServeOptions } from './options.js';
import { layout } from './pages.js';

interface Snapshot {
  readonly target: string;
  readonly grade?: string;
  readonly findings?: ReadonlyArray<{ id?: unknown; severity?: unknown; title?: unknown }>;
  readonly error?: { code?: unknown; message?: unknown };
}
interface Change {
  readonly kind?: unknown;
  readonly grade?: { before?: unknown; after?: unknown };
  readonly added?: ReadonlyArray<{ id?: unknown; severity?: unknown; title?: unknown }>;
  readonly removed?: ReadonlyArray<{ id?: unknown; severity?: unknown; title?: unknown }>;
  readonly error?: { code?: unknown; message?: unknown };
  readonly drift?: readonly unknown[];
}

const text = (v: unknown): string => (typeof v === 'string' ? v : '');
const letterOf = (v: unknown): string | undefined =>
  typeof v === 'string' && (LETTERS as readonly string[]).includes(v) ? v : undefined;
const when = (d: Date) => d.toISOString().replace('T', ' ').slice(0, 19);
const targetHref = (url: string) => `/monitor/target?url=${encodeURIComponent(url)}`;

function gradeCell(s: Snapshot): string {
  if (s.error)
    return `<span class="status-down" data-testid="target-down">no answer (${h(text(s.error.code))})</span>`;
  const letter = letterOf(s.grade);
  return letter ? `<strong class="grade-letter">${h(letter)}</strong>` : '—';
}

const KIND_LABEL: Record<string, string> = {
  'new-findings': 'new findings',
  fixed: 'fixed',
  changed: 'findings changed',
  'grade-changed': 'grade changed',
  'policy-drift': 'policy drift',
  unreachable: 'stopped answering',
  recovered: 'answers again',
};

function findingItems(list: Change['added'], sign: '+' | '−'): string {
  return (list ?? [])
    .map(
      (f) =>
        `<li class="${sign === '+' ? 'added' : 'removed'}"><span aria-hidden="true">${sign}</span> <code>${h(text(f.id))}</code> ${h(text(f.severity))} — ${h(text(f.title))}</li>`,
    )
    .join('');
}

/** One change as a diff: grade before → after, findings added and removed, drift, the error. */
function changeDiff(c: StoredChange): string {
  const change = c.change as Change;
  const kind = text(change.kind);
  const before = letterOf(change.grade?.before);
  const after = letterOf(change.grade?.after);
  const grade =
    before || after ? `<p>Grade ${h(before ?? '—')} → <strong>${h(after ?? '—')}</strong></p>` : '';
  const error = change.error ? `<p>${h(text(change.error.code))}: ${h(text(change.error.message))}</p>` : '';
  const drift = (change.drift ?? []).map((d) => `<li>${h(text(d))}</li>`).join('');
  const items = findingItems(change.added, '+') + findingItems(change.removed, '−');
  return `<li class="change" data-testid="change" data-kind="${h(kind)}"><p><time>${h(when(c.at))}</time> · <strong>${h(KIND_LABEL[kind] ?? kind)}</strong> · <a href="${h(targetHref(c.target))}">${h(c.target)}</a> <span class="notes">(${h(c.group)})</span></p>${grade}${error}${items ? `<ul class="diff" data-testid="diff">${items}</ul>` : ''}${drift ? `<ul class="diff">${drift}</ul>` : ''}</li>`;
}

function alertLog(alerts: readonly StoredAlert[], changes: ReadonlyMap<string, StoredChange>): string {
  if (alerts.length === 0)
    return '<p class="notes">No alert sent yet: alerts go out only when something changes.</p>';
  const rows = alerts
    .map((a) => {
      const c = changes.get(a.changeId);
      const d = a.detail as { error?: unknown; status?: unknown };
      const outcome = a.ok
        ? `<span class="ok">sent</span>`
        : `<span class="failed">failed</span>${d.error ? ` — ${h(text(d.error))}` : ''}`;
      return `<tr data-testid="alert-row"><td><time>${h(when(a.at))}</time></td><td>${h(a.sink)}</td><td>${h(KIND_LABEL[c?.kind ?? ''] ?? c?.kind ?? '')}</td><td>${c ? `<a href="${h(targetHref(c.target))}">${h(c.target)}</a>` : ''}</td><td>${outcome}</td><td>${a.attempts}</td></tr>`;
    })
    .join('');
  return `<table class="alerts" data-testid="alert-log"><thead><tr><th scope="col">When</th><th scope="col">Sink</th><th scope="col">Change</th><th scope="col">Target</th><th scope="col">Delivery</th><th scope="col">Attempts</th></tr></thead><tbody>${rows}</tbody></table>`;
}

/**
 * The grade and the number of findings of a target over its runs (oldest left), as an inline SVG: grade
 * on the upper band (A+ at the top), findings as bars below, a gap marked for runs it did not answer.
 * Numbers and fixed letters only; no external asset.
 *
 * @example
 * ```ts
 * monitorTimeline(await store.monitor.timeline(url));
 * ```
 */
export function monitorTimeline(results: readonly MonitorResult[]): string {
  if (results.length === 0) return '';
  const w = 640;
  const step = results.length > 1 ? (w - 60) / (results.length - 1) : 0;
  const x = (i: number) => 40 + i * step;
  const yOf = (letter: string) => 20 + LETTERS.indexOf(letter as (typeof LETTERS)[number]) * 16;
  const maxFindings = Math.max(1, ...results.map((r) => ((r.snapshot as Snapshot).findings ?? []).length));
  const points: string[] = [];
  const marks: string[] = [];
  results.forEach((r, i) => {
    const s = r.snapshot as Snapshot;
    const n = (s.findings ?? []).length;
    const bar = Math.round((n / maxFindings) * 50);
    marks.push(
      `<rect x="${(x(i) - 4).toFixed(1)}" y="${180 - bar}" width="8" height="${bar}" fill="#cf222e" opacity="0.7"><title>${n} findings</title></rect>`,
    );
    const letter = letterOf(s.grade);
    if (s.error || !letter) {
      marks.push(
        `<text x="${x(i).toFixed(1)}" y="${yOf('F') + 16}" font-size="11" text-anchor="middle" fill="#57606a">×</text>`,
      );
      return;
    }
    points.push(`${x(i).toFixed(1)},${yOf(letter)}`);
    marks.push(
      `<circle cx="${x(i).toFixed(1)}" cy="${yOf(letter)}" r="4" fill="#0969da"></circle><text x="${x(i).toFixed(1)}" y="${yOf(letter) - 7}" font-size="11" text-anchor="middle">${h(letter)}</text>`,
    );
  });
  const axis = LETTERS.map(
    (l) => `<text x="4" y="${yOf(l) + 4}" font-size="10" fill="#57606a">${h(l)}</text>`,
  ).join('');
  const label = results.map((r) => letterOf((r.snapshot as Snapshot).grade) ?? 'down').join(', ');
  return `<svg class="timeline" data-testid="monitor-timeline" role="img" aria-label="Grade over the last ${results.length} runs: ${h(label)}" width="${w}" height="190" viewBox="0 0 ${w} 190">${axis}<line x1="30" y1="130" x2="${w - 10}" y2="130" stroke="#d0d7de"></line><text x="4" y="180" font-size="10" fill="#57606a">findings</text><polyline points="${points.join(' ')}" fill="none" stroke="#0969da" stroke-width="2"></polyline>${marks.join('')}</svg>`;
}

/**
 * `/monitor`: every watched target with its current grade, the latest changes as diffs, and the alert log.
 *
 * @example
 * ```ts
 * reply.send(monitorPage(options, await store.monitor.targets(), await store.monitor.changes(), await store.monitor.alerts()));
 * ```
 */
export function monitorPage(
  options: ResolvedServeOptions,
  targets: readonly MonitorResult[],
  changes: readonly StoredChange[],
  alerts: readonly StoredAlert[],
): string {
  const rows = targets
    .map((t) => {
      const s = t.snapshot as Snapshot;
      return `<tr data-testid="watched-target"><td>${h(t.group)}</td><td><a href="${h(targetHref(t.target))}">${h(t.target)}</a></td><td>${gradeCell(s)}</td><td>${(s.findings ?? []).length}</td><td><time>${h(when(t.at))}</time></td></tr>`;
    })
    .join('');
  const byId = new Map(changes.map((c) => [c.id, c]));
  const body = `<h1>Monitoring</h1>
<p>What <code>corsguard monitor</code> watches, as of its last run of each target.</p>
${
  targets.length === 0
    ? '<p class="notes" data-testid="monitor-empty">Nothing watched yet: run <code>corsguard monitor --config corsguard.monitor.yaml</code> with this store, or start this server with <code>--monitor corsguard.monitor.yaml</code>.</p>'
    : `<table class="targets" data-testid="watched-targets"><thead><tr><th scope="col">Group</th><th scope="col">Target</th><th scope="col">Grade</th><th scope="col">Findings</th><th scope="col">Last run</th></tr></thead><tbody>${rows}</tbody></table>`
}
<section class="panel-box" data-testid="changes"><h2>Changes</h2>${changes.length ? `<ul class="changes">${changes.map(changeDiff).join('')}</ul>` : '<p class="notes">No change seen yet.</p>'}</section>
<section class="panel-box"><h2>Alert log</h2>${alertLog(alerts, byId)}</section>`;
  return layout({ title: 'Monitoring', body, options });
}

/**
 * `/monitor/target?url=…`: one target's timeline (grade and findings over its runs) and its changes.
 *
 * @example
 * ```ts
 * reply.send(monitorTargetPage(options, url, await store.monitor.timeline(url), await store.monitor.changes({ target: url })));
 * ```
 */
export function monitorTargetPage(
  options: ResolvedServeOptions,
  url: string,
  timeline: readonly MonitorResult[],
  changes: readonly StoredChange[],
): string {
  const latest = timeline.at(-1);
  const s = latest?.snapshot as Snapshot | undefined;
  const findings = (s?.findings ?? [])
    .map((f) => `<li><code>${h(text(f.id))}</code> ${h(text(f.severity))} — ${h(text(f.title))}</li>`)
    .join('');
  const body = `<p><a href="/monitor">← Monitoring</a></p><h1>${h(url)}</h1>
${latest && s ? `<p>Now: ${gradeCell(s)} · ${(s.findings ?? []).length} findings · last run <time>${h(when(latest.at))}</time></p>` : '<p class="notes">Not watched by this store.</p>'}
${monitorTimeline(timeline)}
${findings ? `<section class="panel-box"><h2>Current findings</h2><ul>${findings}</ul></section>` : ''}
<section class="panel-box" data-testid="changes"><h2>Changes</h2>${changes.length ? `<ul class="changes">${changes.map(changeDiff).join('')}</ul>` : '<p class="notes">No change seen yet.</p>'}</section>`;
  return layout({ title: `Monitoring ${url}`, body, options });
}
