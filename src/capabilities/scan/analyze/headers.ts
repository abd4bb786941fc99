import { extractHeaderListValues, getHeader } from '../../../core/browser/index.js';
import {
  isCanonicalOrigin,
  isCookieSameSite,
  serializeOrigin,
  tryParseOrigin,
} from '../../../core/origin/index.js';
import type { HttpExchange } from '../engine/http-client.js';
import { makeFinding } from '../findings/make-finding.js';
import type { Finding } from '../types.js';
import { accessOf, grants, type HttpScanData } from './scan-data.js';

/** Response headers that must never be readable cross-origin. */
const SENSITIVE_EXPOSED = new Set([
  'authorization',
  'proxy-authorization',
  'www-authenticate',
  'set-cookie',
  'set-cookie2',
  'cookie',
  'x-api-key',
  'x-auth-token',
  'x-access-token',
  'x-refresh-token',
  'x-csrf-token',
  'x-xsrf-token',
  'x-session-id',
  'x-session-token',
  'x-amz-security-token',
]);
const INTERNAL_EXPOSED = /^x-(internal|debug|backend|upstream)/;

function allExchanges(data: HttpScanData): Array<{ origin: string; exchange: HttpExchange }> {
  return [
    ...data.simple.map((o) => ({ origin: o.probe.origin, exchange: o.exchange })),
    ...data.preflights.map((p) => ({ origin: p.origin, exchange: p.exchange })),
  ];
}

/** `expose-headers-sensitive`: Access-Control-Expose-Headers lists credentials, tokens or internal headers. */
export function analyzeExposeHeaders(data: HttpScanData): Finding[] {
  for (const o of data.simple) {
    const exposed = extractHeaderListValues(o.exchange.headers, 'access-control-expose-headers');
    if (!Array.isArray(exposed)) continue;
    const bad = exposed.filter(
      (h) => SENSITIVE_EXPOSED.has(h.toLowerCase()) || INTERNAL_EXPOSED.test(h.toLowerCase()),
    );
    if (bad.length === 0) continue;
    const acao = getHeader(o.exchange.headers, 'access-control-allow-origin');
    if (acao !== '*' && !grants(o.exchange.headers, o.probe.origin)) continue;
    return [
      makeFinding('expose-headers-sensitive', {
        url: data.url,
        origin: o.probe.origin,
        access: accessOf(o.probe.origin, o.exchange.headers),
        exchanges: [o.exchange],
        detail: `Exposed: ${bad.join(', ')}.`,
      }),
    ];
  }
  return [];
}

/** Problems with one response's CORS headers, as sentences; empty when valid. */
export function corsHeaderProblems(ex: HttpExchange): string[] {
  const problems: string[] = [];
  const acao = ex.headers
    .filter(([k]) => k.toLowerCase() === 'access-control-allow-origin')
    .map(([, v]) => v.trim());
  if (acao.length > 1 || acao.some((v) => v.includes(','))) {
    problems.push(`several Access-Control-Allow-Origin values (${acao.join(' | ').slice(0, 200)})`);
  } else if (acao[0] !== undefined && acao[0] !== '*' && acao[0] !== 'null' && !isCanonicalOrigin(acao[0])) {
    problems.push(
      `Access-Control-Allow-Origin "${acao[0].slice(0, 200)}" is not a serialized origin (path, trailing slash, case or default port)`,
    );
  }
  const acac = getHeader(ex.headers, 'access-control-allow-credentials');
  if (acac !== null && acac !== 'true') {
    problems.push(
      `Access-Control-Allow-Credentials is "${acac.slice(0, 50)}" (only the exact value "true" counts)`,
    );
  }
  for (const name of [
    'access-control-allow-methods',
    'access-control-allow-headers',
    'access-control-expose-headers',
  ]) {
    if (extractHeaderListValues(ex.headers, name) === 'failure')
      problems.push(`${name} is not a comma-separated token list`);
  }
  return problems;
}

/**
 * `invalid-cors-headers`: CORS headers browsers reject (Fetch §CORS check): several ACAO values, an ACAO
 * that is not a serialized origin, ACAC other than `true`, unparsable lists. Informational when the only
 * problem is `Access-Control-Allow-Credentials: false` (useless but harmless).
 */
export function analyzeInvalidHeaders(data: HttpScanData): Finding[] {
  const found = allExchanges(data)
    .map((e) => ({ ...e, problems: corsHeaderProblems(e.exchange) }))
    .filter((e) => e.problems.length > 0);
  const first = found[0];
  if (!first) return [];
  const onlyFalse = found.every((e) => e.problems.every((p) => p.includes('is "false"')));
  return [
    makeFinding('invalid-cors-headers', {
      url: data.url,
      origin: first.origin,
      access: 'unreadable',
      exchanges: found.map((e) => e.exchange),
      detail: `Seen: ${first.problems.join('; ')}.`,
      ...(onlyFalse ? { severity: 'info' as const } : {}),
    }),
  ];
}

const SESSION_NAME = /sess|sid|auth|token|jwt|login|remember|user/i;

/**
 * The trusted origins the server granted, split by whether a `SameSite=Lax` cookie would reach it
 * (same-site with the endpoint, schemeful: an `http:` page is cross-site to an `https:` API) or not.
 */
function trustedFrontEnds(
  data: HttpScanData,
  exchanges: ReadonlyArray<{ origin: string; exchange: HttpExchange }>,
): { sameSite: string[]; crossSite: string[] } {
  const sameSite: string[] = [];
  const crossSite: string[] = [];
  const own = serializeOrigin(data.target);
  for (const origin of data.trusted) {
    if (origin === own) continue;
    if (!exchanges.some((e) => e.origin === origin && grants(e.exchange.headers, origin))) continue;
    const parsed = tryParseOrigin(origin);
    if (parsed === undefined) continue;
    (isCookieSameSite(parsed, data.target) ? sameSite : crossSite).push(origin);
  }
  return { sameSite, crossSite };
}

/**
 * `samesite-none-cookie`: a session-like cookie (HttpOnly, or a session-like name) set with SameSite=None on an
 * endpoint that grants cross-origin access to some origin (specifically or with `*`).
 */
export function analyzeSameSite(data: HttpScanData): Finding[] {
  const exchanges = allExchanges(data);
  // CORS-enabled: some origin is granted, specifically or by `*`.
  const corsEnabled = exchanges.some(
    (e) =>
      grants(e.exchange.headers, e.origin) ||
      getHeader(e.exchange.headers, 'access-control-allow-origin') === '*',
  );
  if (!corsEnabled) return [];
  for (const e of [...exchanges, ...(data.baseline ? [{ origin: '', exchange: data.baseline }] : [])]) {
    const cookie = e.exchange.headers.find(([k, v]) => {
      if (k.toLowerCase() !== 'set-cookie' || !/;\s*samesite\s*=\s*none\b/i.test(v)) return false;
      const name = v.split('=')[0] ?? '';
      return /;\s*httponly\b/i.test(v) || SESSION_NAME.test(name);
    });
    if (!cookie) continue;
    const name = (cookie[1].split('=')[0] ?? '').trim();
    const { sameSite, crossSite } = trustedFrontEnds(data, exchanges);
    if (crossSite.length > 0) {
      // RFC 6265bis §5.6.7.1: a cross-site request carries a cookie only when it is SameSite=None. Here
      // a trusted front end is cross-site, so None is what makes its credentialed CORS work at all.
      return [
        makeFinding('samesite-none-cookie', {
          url: data.url,
          origin: e.origin || data.url,
          access: 'anonymous',
          severity: 'info',
          exchanges: [e.exchange],
          detail: `Cookie: ${name}. SameSite=None is needed here: the trusted front end ${crossSite.slice(0, 3).join(', ')} is cross-site, and with SameSite=Lax its credentialed requests would carry no cookie. The cookie then goes with requests from every site, so the exact CORS allowlist (and CSRF protection) is the only barrier: keep both tight.`,
        }),
      ];
    }
    const seen =
      sameSite.length > 0
        ? ` Every trusted origin seen (${sameSite.slice(0, 3).join(', ')}) is same-site with the endpoint, so SameSite=Lax would still serve ${sameSite.length === 1 ? 'it' : 'them'} and keep the cookie off requests from other sites.`
        : '';
    return [
      makeFinding('samesite-none-cookie', {
        url: data.url,
        origin: e.origin || data.url,
        access: 'anonymous',
        exchanges: [e.exchange],
        detail: `Cookie: ${name}.${seen}`,
      }),
    ];
  }
  return [];
}
