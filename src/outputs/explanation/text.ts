import type { Explanation, Verdict } from '../../capabilities/diagnose/index.js';
import { STACKS } from '../../capabilities/remediation/index.js';
import { escapeTerminal as inert, type Paint, painter, type Style } from '../kit/index.js';

const VERDICT_LINE: Readonly<Record<Verdict, readonly [Style, string]>> = {
  'fix-server': ['yellow', 'fix the server'],
  'working-as-intended': ['green', 'keep the block'],
  'not-cors': ['cyan', 'not a CORS problem'],
  'not-blocked': ['green', 'nothing is blocked'],
};

function section(paint: Paint, title: string, lines: readonly string[]): string[] {
  return lines.length === 0 ? [] : ['', paint('bold', title), ...lines];
}

function headerLine([name, value]: readonly [string, string]): string {
  return `${inert(name)}: ${inert(value)}`;
}

/**
 * The explanation as text for a terminal: the cause and where it failed, the browsers' wordings, the
 * browser model's steps, the evidence, the verdict with the changes, the header delta and the snippet
 * (or the safe alternatives), then notes. Everything a server sent is made inert (control characters
 * replaced) before it is printed.
 *
 * @example
 * ```ts
 * process.stdout.write(formatExplanationText(explanation, { color: true }));
 * // 'PUT https://api.example/v1 from https://app.example (credentials: same-origin)\n\n✗ Blocked at the preflight: preflight-method\n…'
 * ```
 */
export function formatExplanationText(e: Explanation, options: { color?: boolean } = {}): string {
  const paint = painter(options.color === true);
  const r = e.request;
  const out = [
    `${inert(r.method)} ${inert(r.url)} from ${inert(r.origin)} (credentials: ${r.credentials}${r.headers.length > 0 ? `; headers: ${r.headers.map(inert).join(', ')}` : ''}${r.contentType ? `; content-type: ${inert(r.contentType)}` : ''})`,
    '',
  ];
  const where =
    e.stage === 'preflight' ? 'at the preflight' : e.stage === 'response' ? 'at the response' : '';
  out.push(
    e.cause === 'no-error'
      ? paint('green', '✓ Not blocked: no-error')
      : paint('red', `✗ Blocked${where ? ` ${where}` : ''}: ${e.cause}`),
    `  ${e.description}`,
    paint('dim', `  ${e.fetchStep}`),
  );
  if (e.wording.chrome) out.push(`  Chrome:  ${inert(e.wording.chrome)}`);
  if (e.wording.firefox)
    out.push(
      `  Firefox: ${inert(e.wording.firefox)}${e.wording.firefoxCode ? ` (${e.wording.firefoxCode})` : ''}`,
    );
  out.push(
    ...section(
      paint,
      'Steps (the browser model, in order)',
      e.steps.map(
        (s) => `  ${s.ok ? paint('green', '✓') : paint('red', '✗')} ${s.name.padEnd(24)} ${inert(s.detail)}`,
      ),
    ),
  );
  const ev = e.evidence;
  const evidence = [
    ...(ev.status !== undefined ? [`  status ${ev.status}`] : []),
    ...(ev.networkError !== undefined ? [`  network error ${inert(ev.networkError)}`] : []),
    ...(ev.location !== undefined ? [`  Location: ${inert(ev.location)}`] : []),
    ...ev.headers.map((h) => `  ${headerLine(h)}`),
  ];
  out.push(...section(paint, `Evidence${ev.exchange ? ` (${ev.exchange})` : ''}`, evidence));
  const [style, label] = VERDICT_LINE[e.verdict];
  out.push(
    '',
    `${paint('bold', 'Verdict:')} ${paint(style, `${e.verdict} (${label})`)}`,
    `  ${inert(e.summary)}`,
  );
  if (e.untrusted) out.push(paint('dim', `  (${e.untrusted.kind}: no loosening of the server is offered)`));
  out.push(
    ...section(
      paint,
      'Instead',
      e.advice.map((a) => `  - ${inert(a)}`),
    ),
  );
  const fix = e.fix;
  if (fix) {
    out.push(
      ...section(
        paint,
        'Changes',
        fix.changes.map((c, i) => `  ${i + 1}. ${inert(c.text)}`),
      ),
    );
    if (fix.policyChanges !== undefined) {
      out.push(
        ...section(
          paint,
          'Policy file',
          fix.policyChanges.length > 0
            ? fix.policyChanges.map((c) => `  ${inert(c)}`)
            : [
                '  The policy already allows this request: the server does not follow it. Deploy the configuration below.',
              ],
        ),
      );
    }
    for (const d of fix.delta) {
      out.push(
        ...section(paint, `Header delta (${d.exchange})`, [
          ...d.removed.map((h) => paint('red', `  - ${headerLine(h)}`)),
          ...d.added.map((h) => paint('green', `  + ${headerLine(h)}`)),
        ]),
      );
    }
    const s = fix.snippet;
    const how =
      fix.stackSource === 'detected'
        ? ' (detected from the server headers)'
        : fix.stackSource === 'none'
          ? ''
          : '';
    out.push(
      '',
      paint('bold', `Fix for ${s.stack}${how}: ${s.filename}`),
      ...s.code
        .trimEnd()
        .split('\n')
        .map((l) => `  ${inert(l)}`),
      paint('dim', `  Other stacks: --stack ${STACKS.join('|')}`),
    );
    if (fix.verified === true)
      out.push(
        paint('dim', '  The browser model accepts the answers of the fixed configuration for this request.'),
      );
  }
  out.push(
    ...section(
      paint,
      'Notes',
      e.notes.map((n) => `  - ${inert(n)}`),
    ),
  );
  return `${out.join('\n')}\n`;
}
