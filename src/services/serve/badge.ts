import type { StoredScan } from '../../capabilities/store/index.js';
import { escapeHtml as h } from '../../outputs/kit/index.js';
import { gradeOf } from './history.js';

const COLORS: Readonly<Record<string, string>> = {
  'A+': '#1a7f37',
  A: '#1a7f37',
  B: '#3a7d1f',
  C: '#9a6700',
  D: '#c2410c',
  F: '#b3001b',
};

/**
 * The README badge of a scan: "CORS | <grade>" (or "scanning…", "failed"), in the grade's colour. Only
 * fixed text and a grade letter from a fixed set are drawn; the URL is in the escaped `<title>`.
 *
 * @example
 * ```ts
 * reply.type('image/svg+xml').send(badgeSvg(scan)); // <svg …><title>CORS grade of https://…: F</title>…
 * ```
 */
export function badgeSvg(scan: StoredScan | undefined): string {
  const grade = scan ? gradeOf(scan) : undefined;
  const value =
    grade?.letter ??
    (!scan
      ? 'unknown'
      : scan.status === 'done'
        ? 'no grade'
        : scan.status === 'failed'
          ? 'failed'
          : 'scanning');
  const color = grade ? (COLORS[grade.letter] ?? '#6b7280') : '#6b7280';
  const right = Math.max(24, 8 + value.length * 7);
  const width = 44 + right;
  const label = scan ? `CORS grade of ${scan.url}: ${value}` : `CORS grade: ${value}`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="20" role="img" aria-label="${h(label)}"><title>${h(label)}</title><rect width="44" height="20" fill="#555"/><rect x="44" width="${right}" height="20" fill="${color}"/><g fill="#fff" font-family="Verdana,DejaVu Sans,sans-serif" font-size="11" text-anchor="middle"><text x="22" y="14">CORS</text><text x="${44 + right / 2}" y="14">${h(value)}</text></g></svg>`;
}
