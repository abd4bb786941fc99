import { corsCheck } from '../../../core/browser/index.js';
import { FAMILY_FINDING } from '../../../core/findings/index.js';
import { makeFinding } from '../findings/make-finding.js';
import type { Finding, FindingId } from '../types.js';
import { accessOf, grants, type HttpScanData } from './scan-data.js';

const ACCESS_RANK = { credentialed: 0, anonymous: 1, unreadable: 2 } as const;

/**
 * One finding per root cause found by origin exploration: the hits of a family are grouped, the most
 * readable one (credentialed first) is the headline, the others are listed in `origins`.
 */
export function analyzeOriginTrust(data: HttpScanData): Finding[] {
  const byId = new Map<FindingId, typeof data.hits>();
  for (const hit of data.hits) {
    const id = FAMILY_FINDING[hit.probe.family];
    if (id) byId.set(id, [...(byId.get(id) ?? []), hit]);
  }
  return [...byId].map(([id, hits]) => {
    const ranked = [...hits].sort(
      (a, b) =>
        ACCESS_RANK[accessOf(a.probe.origin, a.exchange.headers)] -
        ACCESS_RANK[accessOf(b.probe.origin, b.exchange.headers)],
    );
    const head = ranked[0] ?? hits[0];
    if (!head) throw new Error('unreachable: empty hit group');
    return makeFinding(id, {
      url: data.url,
      origin: head.probe.origin,
      origins: ranked.map((h) => h.probe.origin),
      access: accessOf(head.probe.origin, head.exchange.headers),
      exchanges: ranked.map((h) => h.exchange),
    });
  });
}

/**
 * `origin-reflected` seen only on the preflight: the preflight handler grants an arbitrary origin although
 * the actual response does not. Browsers then let any site send non-simple requests (PUT, DELETE, JSON
 * POST, custom headers) with the victim's cookies, but not read the answers: a cross-site request forgery
 * channel rather than a data leak, hence medium (low without credentials).
 */
export function analyzePreflightReflection(data: HttpScanData): Finding[] {
  if (data.hits.some((h) => h.probe.family === 'arbitrary')) return [];
  const p = data.preflights.find((x) => !x.trusted && x.origin === data.simple[0]?.probe.origin);
  // A specific echo of the attacker origin (`*` is the wildcard analyzer's business).
  if (!p || !grants(p.exchange.headers, p.origin)) return [];
  if (!corsCheck({ origin: p.origin, credentials: 'omit', headers: p.exchange.headers }).ok) return [];
  const withCookies = corsCheck({ origin: p.origin, credentials: 'include', headers: p.exchange.headers }).ok;
  return [
    makeFinding('origin-reflected', {
      url: data.url,
      origin: p.origin,
      access: 'unreadable',
      exchanges: [p.exchange],
      severity: withCookies ? 'medium' : 'low',
      detail:
        'Only the preflight grants it: the actual response does not, so responses stay unreadable, but any site can send requests with any method and headers' +
        (withCookies
          ? " with the victim's cookies (cross-site request forgery on JSON and PUT/DELETE endpoints)."
          : '.'),
    }),
  ];
}
