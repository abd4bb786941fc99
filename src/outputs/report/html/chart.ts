import { SEVERITIES, type Severity } from '../../../capabilities/scan/index.js';

const COLORS: Readonly<Record<Severity, string>> = {
  critical: '#b3001b',
  high: '#c2410c',
  medium: '#9a6700',
  low: '#2b7bb9',
  info: '#6b7280',
};

/**
 * An inline SVG bar chart of findings by severity (numbers and fixed labels only: nothing from the network).
 *
 * @example
 * ```ts
 * severityChart({ critical: 2, high: 0, medium: 1, low: 3, info: 0 }); // '<svg …data-testid="severity-chart"…'
 * ```
 */
export function severityChart(counts: Readonly<Record<Severity, number>>): string {
  const max = Math.max(1, ...SEVERITIES.map((s) => counts[s]));
  const rowH = 28;
  const bars = SEVERITIES.map((s, i) => {
    const n = Math.max(0, Math.trunc(counts[s]));
    const w = Math.round((n / max) * 300);
    const y = i * rowH;
    return (
      `<g class="bar" data-severity="${s}" data-count="${n}">` +
      `<text x="0" y="${y + 18}" font-size="13">${s}</text>` +
      `<rect x="80" y="${y + 4}" width="${w}" height="18" fill="${COLORS[s]}"></rect>` +
      `<text x="${88 + w}" y="${y + 18}" font-size="13">${n}</text></g>`
    );
  }).join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" data-testid="severity-chart" role="img" aria-label="Findings by severity" width="440" height="${SEVERITIES.length * rowH}" viewBox="0 0 440 ${SEVERITIES.length * rowH}">${bars}</svg>`;
}
