import { FINDING_IDS, FINDINGS, type FindingId } from './registry.js';
import { SEVERITIES, worstSeverity } from './severity.js';

type Align = 'left' | 'right';

/** A markdown table with every column padded to its widest cell (the layout Prettier writes). */
/**
 * A Markdown table padded the way the formatter writes it (so a generated copy stays byte-identical).
 *
 * @example
 * ```ts
 * markdownTable(['id', 'n'], [['a', '1']], ['left', 'right']); // '| id | n |\n| -- | -: |\n| a  | 1 |'
 * ```
 */
export function markdownTable(
  header: readonly string[],
  rows: readonly string[][],
  align: readonly Align[],
): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const pad = (cell: string, i: number) =>
    align[i] === 'right' ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0);
  const line = (cells: readonly string[]) => `| ${cells.map(pad).join(' | ')} |`;
  const rule = widths.map((w, i) => (align[i] === 'right' ? `${'-'.repeat(w - 1)}:` : '-'.repeat(w)));
  return [line(header), `| ${rule.join(' | ')} |`, ...rows.map(line)].join('\n');
}

const code = (id: string) => `\`${id}\``;
const probeFirst = (id: FindingId) => ('family' in FINDINGS[id].source ? 0 : 1);

/**
 * Documentation order: the origin-trust findings (raised by a probe family), costliest first, then the
 * findings of the other analyzers in registry order.
 */
function docsOrder(): FindingId[] {
  return [...FINDING_IDS].sort(
    (a, b) =>
      probeFirst(a) - probeFirst(b) ||
      (probeFirst(a) === 0 ? FINDINGS[b].score.modifier - FINDINGS[a].score.modifier : 0),
  );
}

/** The severity column of docs/findings.md: the docs' own text, or `credentialed / anonymous`. */
function severityCell(id: FindingId): string {
  const { docs, severity } = FINDINGS[id];
  if (docs.severity !== undefined) return docs.severity;
  return severity.credentialed === severity.anonymous
    ? severity.credentialed
    : `${severity.credentialed} / ${severity.anonymous}`;
}

/**
 * The findings table of docs/findings.md, generated from the registry.
 *
 * @example
 * ```ts
 * findingsTable().split('\n')[2]; // '| `origin-reflected` | allows any origin (reflects it) | critical with credentials, low without |' (padded)
 * ```
 */
export function findingsTable(): string {
  const rows = docsOrder().map((id) => [code(id), FINDINGS[id].docs.does, severityCell(id)]);
  return markdownTable(['id', 'what the server does', 'severity'], rows, ['left', 'left', 'left']);
}

/**
 * The score table of docs/grading.md, generated from the registry: most severe first, then costliest.
 *
 * @example
 * ```ts
 * scoreTable().split('\n')[2]; // '| `origin-reflected` | critical | −60 | Stop reflecting the Origin header. … |' (padded)
 * ```
 */
export function scoreTable(): string {
  const rank = (id: FindingId) => SEVERITIES.indexOf(worstSeverity(FINDINGS[id].severity));
  const ids = docsOrder().sort(
    (a, b) => rank(a) - rank(b) || FINDINGS[b].score.modifier - FINDINGS[a].score.modifier,
  );
  const rows = ids.map((id) => {
    const { severity, score } = FINDINGS[id];
    return [code(id), worstSeverity(severity), `−${score.modifier}`, score.recommendation];
  });
  return markdownTable(['id', 'severity', 'modifier', 'recommendation (remediation plan)'], rows, [
    'left',
    'left',
    'right',
    'left',
  ]);
}

/**
 * Replaces the generated block `name` of a markdown document (between `<!-- name:start … -->` and
 * `<!-- name:end -->`) with `table`.
 *
 * @example
 * ```ts
 * withGeneratedTable(readFileSync('docs/findings.md', 'utf8'), 'findings-table', findingsTable());
 * ```
 */
export function withGeneratedTable(doc: string, name: string, table: string): string {
  const block = new RegExp(`(<!-- ${name}:start[^\\n]*-->\\n\\n)[\\s\\S]*?(\\n\\n<!-- ${name}:end -->)`);
  if (!block.test(doc)) throw new Error(`no <!-- ${name}:start --> … <!-- ${name}:end --> block`);
  return doc.replace(block, (_, start: string, end: string) => `${start}${table}${end}`);
}

/**
 * Replaces the `findingId` enum of schema/report.schema.json (its text, formatting kept) with the
 * registry's ids, in registry order.
 *
 * @example
 * ```ts
 * withSchemaFindingIds(readFileSync('schema/report.schema.json', 'utf8'));
 * ```
 */
export function withSchemaFindingIds(schema: string): string {
  const block = /("findingId": \{\n(\s*)"enum": \[\n)[\s\S]*?(\n\s*\],)/;
  const match = block.exec(schema);
  if (!match) throw new Error('no "findingId": { "enum": [ … ] } in the schema');
  const indent = `${match[2] ?? ''}  `;
  const ids = FINDING_IDS.map((id) => `${indent}${JSON.stringify(id)}`).join(',\n');
  return schema.replace(block, (_, start: string, __: string, end: string) => `${start}${ids}${end}`);
}
