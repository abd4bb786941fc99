import type { FindingId, Severity } from '../scan/index.js';

/** One row of the score table: what a finding id costs and what to do first. */
export interface ScoreRow {
  /** The severity the modifier is written for: the finding's worst case (readable with cookies, when that applies). */
  readonly severity: Severity;
  /** Points deducted from 100 when the finding has `severity`; scaled by {@link SEVERITY_WEIGHT} otherwise. */
  readonly modifier: number;
  /** The one thing to do, in priority order with the other rows (shown in the remediation plan). */
  readonly recommendation: string;
}

/**
 * How much a finding's actual severity counts relative to its row's severity: a finding the browser model
 * downgraded (readable only without cookies, or not readable at all) costs proportionally less.
 *
 * @example
 * ```ts
 * // origin-reflected row: critical, 60 points. Seen without cookies (low): 60 × 0.25 / 1 = 15 points.
 * SEVERITY_WEIGHT.low / SEVERITY_WEIGHT.critical; // 0.25
 * ```
 */
export const SEVERITY_WEIGHT: Readonly<Record<Severity, number>> = {
  critical: 1,
  high: 0.8,
  medium: 0.5,
  low: 0.25,
  info: 0.1,
};

const ALLOWLIST = 'Replace the origin check with an exact allowlist of full origins.';

/**
 * The score table: every finding id → severity, modifier (points) and recommendation. Documented in the
 * README; a test checks there is exactly one row per finding id.
 *
 * @example
 * ```ts
 * SCORE_TABLE['origin-reflected']; // { severity: 'critical', modifier: 60, recommendation: '…' }
 * ```
 */
export const SCORE_TABLE: Readonly<Record<FindingId, ScoreRow>> = {
  'origin-reflected': {
    severity: 'critical',
    modifier: 60,
    recommendation: `Stop reflecting the Origin header. ${ALLOWLIST}`,
  },
  'null-origin-allowed': {
    severity: 'critical',
    modifier: 55,
    recommendation: 'Remove "null" from the trusted origins.',
  },
  'prefix-match-bypass': {
    severity: 'critical',
    modifier: 55,
    recommendation: `Stop matching the beginning of the Origin (startsWith). ${ALLOWLIST}`,
  },
  'suffix-match-bypass': {
    severity: 'critical',
    modifier: 55,
    recommendation: `Stop matching the end of the Origin (endsWith) without a leading dot. ${ALLOWLIST}`,
  },
  'substring-match-bypass': {
    severity: 'critical',
    modifier: 55,
    recommendation: `Stop searching the Origin for the trusted name (includes, indexOf, unanchored regex). ${ALLOWLIST}`,
  },
  'unescaped-dot-bypass': {
    severity: 'critical',
    modifier: 50,
    recommendation: 'Escape the dots in the origin regex and anchor it, or use an exact allowlist.',
  },
  'special-char-bypass': {
    severity: 'critical',
    modifier: 50,
    recommendation: `Stop parsing the Origin by hand. ${ALLOWLIST}`,
  },
  'third-party-origin-trusted': {
    severity: 'high',
    modifier: 40,
    recommendation:
      'Trust only the exact shared-hosting subdomains you own, never a wildcard over the platform.',
  },
  'websocket-origin-unchecked': {
    severity: 'high',
    modifier: 40,
    recommendation:
      'Check the Origin of every WebSocket handshake against an allowlist; refuse the upgrade otherwise.',
  },
  'private-network-allowed': {
    severity: 'high',
    modifier: 35,
    recommendation: 'Grant Access-Control-Allow-Private-Network only to allowlisted origins.',
  },
  'subdomain-trusted': {
    severity: 'medium',
    modifier: 25,
    recommendation: 'List the exact subdomains that need access instead of trusting every subdomain.',
  },
  'insecure-scheme-trusted': {
    severity: 'medium',
    modifier: 25,
    recommendation: 'Remove http:// origins from the allowlist of an https endpoint.',
  },
  'localhost-trusted': {
    severity: 'medium',
    modifier: 20,
    recommendation: 'Move localhost and private-address origins to the development configuration only.',
  },
  'preflight-permissive': {
    severity: 'medium',
    modifier: 15,
    recommendation:
      'Answer preflights with a fixed list of methods and headers instead of echoing the request.',
  },
  'port-ignored': {
    severity: 'low',
    modifier: 10,
    recommendation: 'Compare the whole origin, port included, not just the host name.',
  },
  'wildcard-with-credentials': {
    severity: 'low',
    modifier: 10,
    recommendation: 'Drop Access-Control-Allow-Credentials for a public API, or replace * with an allowlist.',
  },
  'vary-origin-missing': {
    severity: 'low',
    modifier: 8,
    recommendation: 'Add Vary: Origin to every response whose CORS headers depend on the Origin.',
  },
  'expose-headers-sensitive': {
    severity: 'low',
    modifier: 8,
    recommendation: 'Remove Authorization, cookie and token headers from Access-Control-Expose-Headers.',
  },
  'invalid-cors-headers': {
    severity: 'low',
    modifier: 8,
    recommendation:
      'Send exactly one valid Access-Control-Allow-Origin and ACAC: true (from one layer only).',
  },
  'samesite-none-cookie': {
    severity: 'low',
    modifier: 5,
    recommendation: 'Set session cookies with SameSite=Lax instead of SameSite=None.',
  },
  'wildcard-origin': {
    severity: 'info',
    modifier: 2,
    recommendation: 'Keep Access-Control-Allow-Origin: * only on data that is public anyway.',
  },
  'max-age-excessive': {
    severity: 'info',
    modifier: 2,
    recommendation: 'Lower Access-Control-Max-Age to 600–7200 seconds.',
  },
};
