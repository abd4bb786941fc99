import { getHeader } from '../../core/browser/index.js';
import type { HttpExchange } from './engine/http-client.js';
import type { TargetError } from './types.js';

/** Why a response is not the resource: the server sent the client elsewhere, or did not serve it now. */
type NonAnswer = 'redirect' | 'rate-limited' | 'unavailable';

function nonAnswer(status: number): NonAnswer | null {
  if (status >= 300 && status < 400) return 'redirect';
  if (status === 429) return 'rate-limited';
  if (status === 502 || status === 503 || status === 504) return 'unavailable';
  return null;
}

const CODES: Readonly<Record<NonAnswer, string>> = {
  redirect: 'REDIRECTED',
  'rate-limited': 'RATE_LIMITED',
  unavailable: 'UNAVAILABLE',
};

/**
 * Whether the scan saw the resource at all. A response that redirects (3xx), rate-limits (429) or says
 * the service is unavailable (502, 503, 504) carries no verdict on the endpoint's CORS policy: a scan
 * whose probes were all answered that way has seen nothing, and one where some were has seen part of
 * it. Either way the result is not graded, with the reason and what to do; findings already found are
 * kept (they were observed).
 *
 * @example
 * ```ts
 * unanswered(exchanges, 'https://api.example.com/me');
 * // { code: 'RATE_LIMITED', message: 'https://api.example.com/me: every one of the 38 requests was answered 429 …' }
 * ```
 */
export function unanswered(exchanges: readonly HttpExchange[], url: string): TargetError | undefined {
  const kinds = new Map<NonAnswer, HttpExchange[]>();
  for (const ex of exchanges) {
    const kind = nonAnswer(ex.status);
    if (kind === null) continue;
    kinds.set(kind, [...(kinds.get(kind) ?? []), ex]);
  }
  const count = [...kinds.values()].reduce((n, list) => n + list.length, 0);
  if (count === 0) return undefined;
  const [kind, list] = [...kinds.entries()].sort((a, b) => b[1].length - a[1].length)[0] as [
    NonAnswer,
    HttpExchange[],
  ];
  const first = list[0] as HttpExchange;
  const all = count === exchanges.length;
  const how = all
    ? `every one of the ${exchanges.length} requests was answered`
    : `${count} of ${exchanges.length} requests were answered`;
  const seen = all
    ? 'corsguard never saw the resource, so there is nothing to grade'
    : 'what those probes would have shown is unknown, so the result is incomplete and not graded';
  const message = `${url}: ${how} ${describe(kind, first)}; ${seen}. ${fix(kind, first)}`;
  return { code: CODES[kind], message };
}

function describe(kind: NonAnswer, ex: HttpExchange): string {
  if (kind === 'redirect') {
    const location = getHeader(ex.headers, 'location');
    return `with a redirect (${ex.status}${location === null ? '' : ` to ${location.slice(0, 200)}`})`;
  }
  if (kind === 'rate-limited') {
    const retry = getHeader(ex.headers, 'retry-after');
    return `429 Too Many Requests${retry === null ? '' : ` (Retry-After: ${retry.slice(0, 40)})`}`;
  }
  return `${ex.status} (the service was unavailable)`;
}

function fix(kind: NonAnswer, ex: HttpExchange): string {
  if (kind === 'redirect') {
    return 'Scan the URL it redirects to, or add -L to follow redirects first; if it redirects to a login page, scan with --cookie.';
  }
  if (kind === 'rate-limited') {
    const retry = getHeader(ex.headers, 'retry-after');
    return `Scan again later${retry === null ? '' : ` (the server asks for ${retry.slice(0, 40)})`}, with a lower --rate or -c/--per-host.`;
  }
  return 'Scan again once the service is up.';
}
