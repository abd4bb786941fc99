import type { Verification } from '../../capabilities/scan/index.js';

const HOW: Record<Verification['kind'], string> = {
  'fetch-credentialed': 'fetch with cookies',
  'fetch-anonymous': 'fetch without cookies',
  'null-origin': 'sandboxed iframe, origin null',
  websocket: 'WebSocket from the attacker page',
};

/**
 * One line saying what `--verify` saw (plain text: each writer escapes it for its format).
 *
 * @example
 * ```ts
 * verifiedText({ browser: 'chromium', version: '156.0.8078.114', kind: 'fetch-credentialed', read: true, console: [] });
 * // 'read in Chromium 156.0.8078.114 (fetch with cookies)'
 * ```
 */
export function verifiedText(v: Verification): string {
  const what = v.read ? (v.kind === 'websocket' ? "opened the victim's socket" : 'read') : 'not read';
  return `${what} in Chromium ${v.version} (${HOW[v.kind]})`;
}
