import type { Stack } from '../../capabilities/remediation/index.js';
import type { Finding } from '../../capabilities/scan/index.js';
import { FINDING_IDS, type FindingId } from '../../core/findings/index.js';
import { findingRequest } from '../explain/index.js';

/**
 * Where an `/explain` page was opened from: a finding of a scan (shown above the form, kept on submit).
 *
 * @example
 * ```ts
 * const c: FindingContext = { finding: 'origin-reflected', scan: '0b6f2c1e-…' };
 * ```
 */
export interface FindingContext {
  readonly finding: FindingId;
  /** The scan's id, for a link back. */
  readonly scan?: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * The link from a scan finding to its explanation: the `/explain` form prefilled with the request the
 * finding stands for (`findingRequest`: its probe origin asking for the URL, with the method and headers
 * of a preflight probe, credentials `include` when the answer allows them), plus the finding and scan for
 * context. A prefilled form, not an answer: following a link (or a prefetch, a crawler) sends nothing
 * to the target; the visitor presses Explain (a POST, RFC 9110 §9.2.1: GET stays safe).
 *
 * @example
 * ```ts
 * explainHref(finding, scan.id, 'nginx');
 * // '/explain?url=https%3A%2F%2Fapi.example%2Fme&origin=https%3A%2F%2Fx7.invalid&credentials=include&stack=nginx&finding=origin-reflected&scan=…'
 * ```
 */
export function explainHref(finding: Finding, scanId: string, stack: Stack | undefined): string | undefined {
  const r = findingRequest(finding);
  if (r === null) return undefined;
  const q = new URLSearchParams({ url: r.url, origin: r.origin });
  if (r.method !== undefined && r.method !== 'GET') q.set('method', r.method);
  const headers = (r.headers ?? []).map((x) => (typeof x === 'string' ? x : x[0]));
  if (headers.length > 0) q.set('headers', headers.join(', '));
  if (r.credentials !== undefined) q.set('credentials', r.credentials);
  if (stack !== undefined) q.set('stack', stack);
  q.set('finding', finding.id);
  q.set('scan', scanId);
  return `/explain?${q}`;
}

/**
 * The context of an `/explain` request (query or form fields `finding` and `scan`), when it names a
 * known finding id (and a scan id that looks like one); anything else is ignored.
 *
 * @example
 * ```ts
 * findingContext({ finding: 'origin-reflected', scan: '0b6f…' }); // { finding: 'origin-reflected', scan: '0b6f…' }
 * findingContext({ finding: '<script>' }); // undefined
 * ```
 */
export function findingContext(fields: Readonly<Record<string, unknown>>): FindingContext | undefined {
  const { finding, scan } = fields;
  if (typeof finding !== 'string' || !(FINDING_IDS as readonly string[]).includes(finding)) return undefined;
  return {
    finding: finding as FindingId,
    ...(typeof scan === 'string' && UUID.test(scan) ? { scan } : {}),
  };
}
