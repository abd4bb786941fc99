import {
  detectStacks,
  remediationPlan,
  STACK_LABELS,
  type Stack,
  trustedOriginsOf,
} from '../../capabilities/remediation/index.js';
import { escapeTerminal as inert, type Paint } from '../kit/index.js';
import type { ReportTarget } from './target.js';

/** At most this many snippet lines in the terminal; the full file is in `--format html` and `markdown`. */
const MAX_SNIPPET_LINES = 60;

/**
 * The text report's remediation block of one target with findings: the trusted origins the scan saw
 * (or that none was seen), then the first step of the remediation plan as the snippet for `--stack` or
 * the detected stack, headed with the stack's name; without a stack, how to get one.
 *
 * @example
 * ```ts
 * topFixLines(target, 'nginx', painter(false));
 * // ['  Trusted origins seen: https://app.example.com', '  Top fix for nginx (--stack) — origin-reflected, cors.conf:', …]
 * ```
 */
export function topFixLines(r: ReportTarget, stack: Stack | undefined, paint: Paint): string[] {
  if (r.findings.length === 0) return [];
  // Snippets only for a known stack: without one, all eight would be generated for nothing.
  const known = stack ?? detectStacks(r)[0];
  const plan = remediationPlan(r, known ? { stack: known } : { snippets: false });
  const step = plan.steps[0];
  if (!step) return [];
  const trusted = trustedOriginsOf(r);
  const lines = [
    `  ${paint('bold', 'Trusted origins seen:')} ${
      trusted.length > 0
        ? trusted.map(inert).join(', ')
        : 'none identified (which origins are your front ends cannot be told from the answers; name them with --trusted-origin)'
    }`,
  ];
  if (plan.stack === null) {
    lines.push(
      `  ${paint('bold', 'Top fix')} (${step.id}): no stack detected from the headers; add --stack express|fastify|hono|next|django|nginx|apache|corsguard for a snippet`,
    );
    return lines;
  }
  const how = stack ? '--stack' : 'detected';
  const snippet = step.snippets.find((s) => s.stack === plan.stack);
  if (!snippet) {
    lines.push(
      `  ${paint('bold', `Top fix for ${STACK_LABELS[plan.stack]}`)} (${how}): apply the fix above by hand`,
    );
    return lines;
  }
  const code = snippet.code.split('\n');
  const shown = code.slice(0, MAX_SNIPPET_LINES).map((l) => paint('gray', `      ${inert(l)}`));
  if (code.length > MAX_SNIPPET_LINES)
    shown.push(
      `      … ${code.length - MAX_SNIPPET_LINES} more line(s): --format html or markdown shows the whole file`,
    );
  lines.push(
    `  ${paint('bold', `Top fix for ${STACK_LABELS[plan.stack]}`)} (${how}) — ${step.id}, ${inert(snippet.filename)}:`,
    ...shown,
  );
  return lines;
}
