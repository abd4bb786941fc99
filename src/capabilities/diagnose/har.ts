import {
  isForbiddenRequestHeaderName,
  isSafelistedRequestHeader,
  normalizeMethod,
  parseTokenList,
} from '../../core/browser/index.js';
import type { Observed } from './diagnose-exchange.js';
import { type HarEntry, type HarHeader, type HarLog, readHarLog } from './har-log.js';
import { type BrowserRequest, preflightFor } from './request.js';
import { numberAfter } from './text-scan.js';

/**
 * What a HAR did not show, so a diagnosis must replay it or say it could not see it:
 * `preflight` — the request needs one (or has a non-safelisted method or header) but no `OPTIONS` entry
 * pairs with it (Playwright never records preflights; a cached preflight is not sent again);
 * `response` — no status and headers (Playwright records a CORS-blocked response as status -1 without
 * headers; DevTools as status 0 when nothing came back).
 *
 * @example
 * ```ts
 * const m: HarMissing = 'preflight';
 * ```
 */
export type HarMissing = 'preflight' | 'response';

/**
 * What was inferred rather than seen: `origin` (no `Origin` header: taken from the frame's document, the
 * page or the `Referer`), `headers` (only the provisional headers were recorded and no preflight lists
 * them), `credentials` (no `Cookie` header was recorded: the request may still have used
 * `credentials: 'include'` with no cookie to send, or the cookies were not recorded).
 *
 * @example
 * ```ts
 * const u: HarUnsure = 'credentials';
 * ```
 */
export type HarUnsure = 'origin' | 'headers' | 'credentials';

/**
 * One cross-origin request of a HAR, ready for `diagnoseExchange` (it is an `ExchangeInput`): the request
 * as a `BrowserRequest`, the paired preflight and the response when the HAR shows them, and where they
 * come from so output can cite the entry. `kind: 'preflight-only'` is an `OPTIONS` preflight whose request
 * is not in the HAR (rebuilt from `Access-Control-Request-Method`/`-Headers`).
 *
 * @example
 * ```ts
 * const x: HarExchange = {
 *   entry: 7, startedDateTime: '2026-01-01T00:00:00.000Z', kind: 'request', resourceType: 'fetch',
 *   request: { url: 'https://api.example/v1', origin: 'https://app.example', method: 'PUT' },
 *   preflightEntry: 6, preflight: { status: 204, headers: [['Access-Control-Allow-Origin', 'https://app.example']] },
 *   browserError: 'net::ERR_FAILED', missing: ['response'], unsure: ['credentials'],
 *   basis: { origin: 'origin-header', headers: 'preflight', credentials: 'no-cookie' },
 * };
 * ```
 */
export interface HarExchange {
  /** Index in `log.entries` of the request (of the preflight for `preflight-only`). */
  readonly entry: number;
  readonly startedDateTime: string;
  /** The entry's `time` (ms). */
  readonly time?: number;
  readonly kind: 'request' | 'preflight-only';
  /** Chrome's `_resourceType` (`fetch`, `xhr`, `websocket`, …). */
  readonly resourceType?: string;
  readonly request: BrowserRequest;
  readonly preflightEntry?: number;
  readonly preflight?: Observed;
  readonly response?: Observed;
  /** The failure the browser recorded (DevTools `_error`, Playwright `_failureText`), e.g. `net::ERR_FAILED`. */
  readonly browserError?: string;
  /** DevTools `_fromCache`: the response came from the browser's cache (its headers are the cached ones). */
  readonly fromCache?: 'memory' | 'disk';
  readonly missing: readonly HarMissing[];
  readonly unsure: readonly HarUnsure[];
  readonly basis: {
    readonly origin: 'origin-header' | 'frame-document' | 'page' | 'referer';
    /** `wire`: the headers sent; `provisional`: only what the page set (no Host, no Origin); `preflight`: as the preflight listed them. */
    readonly headers: 'wire' | 'provisional' | 'preflight';
    readonly credentials: 'cookie-sent' | 'no-cookie';
  };
}

/**
 * Why an entry was not explained.
 *
 * @example
 * ```ts
 * const r: HarSkipReason = 'same-origin';
 * ```
 */
export type HarSkipReason =
  /** The page's origin is the URL's origin. */
  | 'same-origin'
  /** Not http(s) or ws(s) (data:, blob:, an extension). */
  | 'not-http'
  /** A document load (navigation, iframe): not subject to CORS. */
  | 'navigation'
  /** An image, script or style loaded without CORS (no Origin header, not fetch/XHR/WebSocket/font). */
  | 'no-cors'
  /** Nothing in the HAR tells the page's origin. */
  | 'no-page-origin'
  /** A preflight entry that carries no Origin or Access-Control-Request-Method to rebuild the request from. */
  | 'unreadable-preflight';

/**
 * The result of {@link parseHar}. Every entry read is an exchange's entry, a paired preflight, or skipped
 * (`exchanges.length + paired preflights + skipped === read`).
 *
 * @example
 * ```ts
 * const r: HarParse = { creator: 'Playwright 1.65.1', entries: 12, read: 12, unread: 0, exchanges: [], skipped: 12, skippedBy: { 'same-origin': 12 } };
 * ```
 */
export interface HarParse {
  /** `log.creator`: name and version. */
  readonly creator: string;
  /** Entries in the log. */
  readonly entries: number;
  /** Entries read (at most `HAR_LIMITS.maxEntries`). */
  readonly read: number;
  /** Entries past the limit, not read. */
  readonly unread: number;
  readonly exchanges: readonly HarExchange[];
  readonly skipped: number;
  readonly skippedBy: Readonly<Partial<Record<HarSkipReason, number>>>;
}

// Chrome's _resourceType of the requests made in CORS mode even without an Origin header in the HAR
// (Playwright records only the provisional headers of a blocked request, which have no Origin).
const CORS_TYPES: ReadonlySet<string> = new Set(['fetch', 'xhr', 'websocket', 'eventsource', 'font']);
// Headers the browser adds that are not forbidden request-header names, so not author headers: the
// user agent and language, and Pragma/Cache-Control (added by DevTools' "Disable cache" and to every
// WebSocket handshake). Kept only when a preflight lists them.
const BROWSER_ADDED: ReadonlySet<string> = new Set([
  'user-agent',
  'accept-language',
  'pragma',
  'cache-control',
]);
/** How far apart (ms) a preflight and its request may start and still be paired. */
const PAIR_WINDOW_MS = 30_000;

const lower = (h: HarHeader) => h.name.toLowerCase();
function header(list: readonly HarHeader[], name: string): string | undefined {
  const found = list.filter((h) => lower(h) === name);
  return found.length === 0 ? undefined : found.map((h) => h.value).join(', ');
}
function originOf(url: string): string | undefined {
  if (!URL.canParse(url)) return undefined;
  const u = new URL(url);
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return undefined;
  return u.origin;
}
/** The origin a ws(s): URL is compared with (ws → http, wss → https). */
function httpOriginOf(url: URL): string {
  const scheme = url.protocol === 'wss:' ? 'https:' : url.protocol === 'ws:' ? 'http:' : url.protocol;
  return `${scheme}//${url.host}`;
}
const withoutFragment = (url: string) => (url.includes('#') ? url.slice(0, url.indexOf('#')) : url);
const millis = (e: HarEntry, index: number) => {
  const t = Date.parse(e.startedDateTime);
  return Number.isNaN(t) ? index : t;
};

function observedOf(e: HarEntry): Observed | undefined {
  const { status, headers, error, redirectURL } = e.response;
  if (status >= 100) {
    const location = redirectURL ?? header(headers, 'location');
    return {
      status,
      headers: headers.map((h) => [h.name, h.value] as const),
      ...(location === undefined ? {} : { location }),
    };
  }
  // Playwright records a refused WebSocket handshake as status -1 with Chromium's console wording as the
  // failure: "Error during WebSocket handshake: Unexpected response code: 403" (seen with Chromium 156).
  const handshake = error === undefined ? undefined : numberAfter(error, 'Unexpected response code: ');
  if (handshake !== undefined && handshake >= 100) return { status: handshake, headers: [] };
  // No answer recorded. A definite network error (refused, DNS, TLS, a blocker) is an observation;
  // ERR_FAILED (what a CORS block looks like), ERR_ABORTED and Local Network Access refusals are not:
  // the server's answer, if any, is not in the HAR.
  if (
    error?.startsWith('net::ERR_') &&
    error !== 'net::ERR_FAILED' &&
    error !== 'net::ERR_ABORTED' &&
    !error.includes('NETWORK_ACCESS_CHECKS')
  )
    return { networkError: error };
  return undefined;
}

const isPreflightEntry = (e: HarEntry) =>
  e.resourceType === 'preflight' ||
  e.initiatorType === 'preflight' ||
  (e.request.method === 'OPTIONS' &&
    header(e.request.headers, 'access-control-request-method') !== undefined);

interface Origin {
  readonly origin: string;
  readonly basis: HarExchange['basis']['origin'];
}

/** The page's origin for entry `i`: its Origin header, else its frame's (or page's) document, the page's URL, the Referer. */
function pageOrigin(log: HarLog, i: number): Origin | undefined {
  const e = log.entries[i];
  if (e === undefined) return undefined;
  const sent = header(e.request.headers, 'origin');
  if (sent !== undefined) return { origin: sent, basis: 'origin-header' };
  for (const [key, basis] of [
    ['frameref', 'frame-document'],
    ['pageref', 'page'],
  ] as const) {
    const ref = e[key];
    if (ref === undefined) continue;
    for (let j = i - 1; j >= 0; j--) {
      const d = log.entries[j];
      if (d?.[key] === ref && d.resourceType === 'document') {
        const origin = originOf(d.request.url);
        if (origin !== undefined) return { origin, basis };
      }
    }
  }
  // Chrome DevTools names each page by its URL (HAR `pages[].title`).
  const title = e.pageref === undefined ? undefined : log.pages.get(e.pageref);
  const fromTitle = title === undefined ? undefined : originOf(title);
  if (fromTitle !== undefined) return { origin: fromTitle, basis: 'page' };
  const referer = header(e.request.headers, 'referer');
  const fromReferer = referer === undefined ? undefined : originOf(referer);
  return fromReferer === undefined ? undefined : { origin: fromReferer, basis: 'referer' };
}

/**
 * The author headers of a request entry, split into `Content-Type` and the rest: forbidden names and what
 * the browser adds are dropped; when a preflight is paired, a CORS-unsafe header counts only when its
 * `Access-Control-Request-Headers` lists it (the browser's own account of what the page set).
 */
function authorHeaders(
  e: HarEntry,
  listed: readonly string[] | undefined,
): { headers: Array<readonly [string, string]>; contentType?: string } {
  const headers: Array<readonly [string, string]> = [];
  let contentType: string | undefined;
  for (const h of e.request.headers) {
    const name = lower(h);
    if (name.startsWith(':') || isForbiddenRequestHeaderName(name)) continue;
    if (name === 'content-type') {
      contentType ??= h.value;
      continue;
    }
    const safelisted = isSafelistedRequestHeader(name, h.value);
    if (listed !== undefined && !safelisted && !listed.includes(name)) continue;
    if (BROWSER_ADDED.has(name) && !listed?.includes(name)) continue;
    // fetch() and XMLHttpRequest send Accept: */* unless the page sets another.
    if (name === 'accept' && h.value === '*/*') continue;
    headers.push([h.name, h.value]);
  }
  // A header the preflight announced but the entry does not show (provisional headers can be partial).
  for (const name of listed ?? [])
    if (name !== 'content-type' && !headers.some(([n]) => n.toLowerCase() === name)) headers.push([name, '']);
  contentType ??= e.request.postDataMimeType || undefined;
  return { headers, ...(contentType === undefined ? {} : { contentType }) };
}

interface PreflightSeen {
  readonly index: number;
  readonly entry: HarEntry;
  readonly url: string;
  readonly origin: string | undefined;
  readonly method: string;
  readonly listed: readonly string[];
  readonly at: number;
}

function preflightSeen(e: HarEntry, index: number): PreflightSeen | undefined {
  const method = header(e.request.headers, 'access-control-request-method');
  if (method === undefined) return undefined;
  const names: string[] = [];
  parseTokenList(header(e.request.headers, 'access-control-request-headers') ?? '', names);
  return {
    index,
    entry: e,
    url: withoutFragment(e.request.url),
    origin: header(e.request.headers, 'origin'),
    method: normalizeMethod(method.trim()),
    listed: names.map((n) => n.toLowerCase()),
    at: millis(e, index),
  };
}

/**
 * Reads a HAR exported from Chrome/Edge DevTools, Firefox or Playwright and turns every cross-origin
 * request in it into an `ExchangeInput` for `diagnoseExchange`, citing its entry. The request's origin
 * comes from its `Origin` header (else its frame's document, the page, the `Referer`); its author
 * headers are the recorded ones minus forbidden and browser-added names (a paired preflight's
 * `Access-Control-Request-Headers` decides which CORS-unsafe ones the page set); `credentials` is
 * `include` when a `Cookie` header was sent, else left to the `fetch()` default — a guess, listed in
 * `unsure`. An `OPTIONS` entry with `Access-Control-Request-Method` for the same URL, method and origin,
 * started within 30 s, is the preflight. What the HAR does not show is listed in `missing` (Playwright
 * records no preflights and no headers for a CORS-blocked response: those need a replay). Same-origin
 * loads, navigations and no-CORS loads are skipped and counted. Bounded by `HAR_LIMITS`; throws a
 * `CorsguardError` (`HAR_INVALID`) for a file that is not a usable HAR.
 *
 * @example
 * ```ts
 * const { exchanges, skipped } = parseHar(readFileSync('session.har', 'utf8'));
 * for (const x of exchanges)
 *   if (x.missing.length === 0) console.log(x.entry, diagnoseExchange(x).cause); // 4 'preflight-method'
 * ```
 */
export function parseHar(text: string): HarParse {
  const log = readHarLog(text);
  const skippedBy: Partial<Record<HarSkipReason, number>> = {};
  const skip = (why: HarSkipReason) => {
    skippedBy[why] = (skippedBy[why] ?? 0) + 1;
  };

  const preflights: PreflightSeen[] = [];
  const candidates: number[] = [];
  for (const [i, e] of log.entries.entries()) {
    const url = URL.canParse(e.request.url) ? new URL(e.request.url) : undefined;
    if (url === undefined || !['http:', 'https:', 'ws:', 'wss:'].includes(url.protocol)) {
      skip('not-http');
      continue;
    }
    if (isPreflightEntry(e)) {
      const seen = preflightSeen(e, i);
      if (seen === undefined) skip('unreadable-preflight');
      else preflights.push(seen);
      continue;
    }
    if (e.resourceType === 'document') {
      skip('navigation');
      continue;
    }
    const cors =
      header(e.request.headers, 'origin') !== undefined ||
      CORS_TYPES.has(e.resourceType ?? '') ||
      url.protocol === 'ws:' ||
      url.protocol === 'wss:';
    if (cors) candidates.push(i);
    else skip('no-cors');
  }

  const paired = new Set<number>();
  const exchanges: HarExchange[] = [];
  for (const i of candidates) {
    const e = log.entries[i];
    if (e === undefined) continue;
    const url = new URL(e.request.url);
    const page = pageOrigin(log, i);
    if (page === undefined) {
      skip('no-page-origin');
      continue;
    }
    if (page.origin === httpOriginOf(url)) {
      skip('same-origin');
      continue;
    }
    const websocket = url.protocol === 'ws:' || url.protocol === 'wss:';
    const method = normalizeMethod(e.request.method);
    const at = millis(e, i);
    const target = withoutFragment(e.request.url);
    let best: PreflightSeen | undefined;
    for (const p of preflights) {
      if (paired.has(p.index) || websocket || p.url !== target || p.method !== method) continue;
      if (p.origin !== undefined && p.origin !== page.origin) continue;
      const gap = Math.abs(p.at - at);
      if (gap <= PAIR_WINDOW_MS && (best === undefined || gap < Math.abs(best.at - at))) best = p;
    }
    if (best !== undefined) paired.add(best.index);
    const wire = e.request.headers.some((h) => lower(h) === 'host' || lower(h) === ':authority');
    // The WebSocket API sets no request headers: everything in a handshake is the browser's.
    const author = websocket ? { headers: [] } : authorHeaders(e, best?.listed);
    const cookie = header(e.request.headers, 'cookie') !== undefined;
    const request: BrowserRequest = {
      url: e.request.url,
      origin: page.origin,
      method,
      ...(author.headers.length === 0 ? {} : { headers: author.headers }),
      ...(cookie ? { credentials: 'include' as const } : {}),
      ...(author.contentType === undefined ? {} : { contentType: author.contentType }),
    };
    const preflight = best === undefined ? undefined : observedOf(best.entry);
    const response = observedOf(e);
    const needsPreflight = !websocket && preflightFor(request) !== null;
    const missing: HarMissing[] = [
      ...(needsPreflight && preflight === undefined ? (['preflight'] as const) : []),
      ...(response === undefined ? (['response'] as const) : []),
    ];
    const headersBasis = best !== undefined ? 'preflight' : wire ? 'wire' : 'provisional';
    const unsure: HarUnsure[] = [
      ...(page.basis === 'origin-header' ? [] : (['origin'] as const)),
      ...(headersBasis === 'provisional' && !websocket ? (['headers'] as const) : []),
      ...(cookie || websocket ? [] : (['credentials'] as const)),
    ];
    exchanges.push({
      entry: i,
      startedDateTime: e.startedDateTime,
      ...(e.time === undefined ? {} : { time: e.time }),
      kind: 'request',
      ...(e.resourceType === undefined ? {} : { resourceType: e.resourceType }),
      request,
      ...(best === undefined ? {} : { preflightEntry: best.index }),
      ...(preflight === undefined ? {} : { preflight }),
      ...(response === undefined ? {} : { response }),
      ...(e.response.error === undefined ? {} : { browserError: e.response.error }),
      ...(e.fromCache === undefined ? {} : { fromCache: e.fromCache }),
      missing,
      unsure,
      basis: { origin: page.basis, headers: headersBasis, credentials: cookie ? 'cookie-sent' : 'no-cookie' },
    });
  }

  // Preflights whose request is not in the HAR: the request is what the preflight asked about.
  for (const p of preflights) {
    if (paired.has(p.index)) continue;
    if (p.origin === undefined || p.origin === originOf(p.url)) {
      skip(p.origin === undefined ? 'unreadable-preflight' : 'same-origin');
      continue;
    }
    const preflight = observedOf(p.entry);
    exchanges.push({
      entry: p.index,
      startedDateTime: p.entry.startedDateTime,
      ...(p.entry.time === undefined ? {} : { time: p.entry.time }),
      kind: 'preflight-only',
      ...(p.entry.resourceType === undefined ? {} : { resourceType: p.entry.resourceType }),
      request: {
        url: p.entry.request.url,
        origin: p.origin,
        method: p.method,
        ...(p.listed.length === 0 ? {} : { headers: [...p.listed] }),
      },
      preflightEntry: p.index,
      ...(preflight === undefined ? {} : { preflight }),
      ...(p.entry.response.error === undefined ? {} : { browserError: p.entry.response.error }),
      missing: preflight === undefined ? ['preflight', 'response'] : ['response'],
      unsure: ['credentials'],
      basis: { origin: 'origin-header', headers: 'preflight', credentials: 'no-cookie' },
    });
  }
  exchanges.sort((a, b) => a.entry - b.entry);
  const skipped = Object.values(skippedBy).reduce((n, c) => n + c, 0);
  return {
    creator: log.creator,
    entries: log.entries.length + log.unread,
    read: log.entries.length,
    unread: log.unread,
    exchanges,
    skipped,
    skippedBy,
  };
}
