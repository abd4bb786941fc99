import { markdownTable } from '../../core/findings/index.js';
import { CAUSE_TABLE, CAUSES } from './causes.js';

/**
 * The causes table of docs/explain.md, generated from {@link CAUSE_TABLE} (`npm run generate:findings`
 * writes it; a test fails when the committed copy differs).
 *
 * @example
 * ```ts
 * causesTable().split('\n')[2]; // '| `acao-missing` | response | The response has no Access-Control-Allow-Origin header, … | CORSMissingAllowOrigin |' (padded)
 * ```
 */
export function causesTable(): string {
  const rows = CAUSES.map((cause) => {
    const row = CAUSE_TABLE[cause];
    return [
      `\`${cause}\``,
      row.stage ?? '—',
      row.description.replaceAll('|', '\\|'),
      row.firefox?.code ?? '—',
    ];
  });
  return markdownTable(['cause', 'stage', 'what failed', 'Firefox `Reason:`'], rows, [
    'left',
    'left',
    'left',
    'left',
  ]);
}
