import { CorsguardError } from '../../core/errors/index.js';

/**
 * corsguard's bounds on a HAR: files over `maxChars` characters (32 Mi, about 32 MB of JSON; export
 * "without content" for bigger sessions) are refused before parsing; only the first `maxEntries` entries
 * are read (the rest are counted as unread); an entry's first `maxHeaders` headers are read.
 *
 * @example
 * ```ts
 * HAR_LIMITS.maxEntries; // 10000
 * ```
 */
export const HAR_LIMITS = { maxChars: 32 * 1024 * 1024, maxEntries: 10_000, maxHeaders: 256 } as const;

/**
 * One header of a HAR entry, as exported (a value with a line break is several header lines).
 *
 * @example
 * ```ts
 * const h: HarHeader = { name: 'Origin', value: 'https://app.example' };
 * ```
 */
export interface HarHeader {
  readonly name: string;
  readonly value: string;
}

/**
 * The fields of a HAR entry corsguard reads: HAR 1.2 plus the browsers' own `_` fields (Chrome DevTools:
 * `_resourceType`, `_fromCache`, `_initiator`, `response._error`; Playwright: `_frameref`,
 * `response._failureText`).
 *
 * @example
 * ```ts
 * const e: HarEntry = {
 *   startedDateTime: '2026-01-01T00:00:00.000Z', time: 12,
 *   request: { method: 'GET', url: 'https://api.example/v1', headers: [] },
 *   response: { status: 200, headers: [] },
 * };
 * ```
 */
export interface HarEntry {
  readonly startedDateTime: string;
  readonly time?: number;
  readonly pageref?: string;
  readonly frameref?: string;
  readonly resourceType?: string;
  readonly fromCache?: 'memory' | 'disk';
  readonly initiatorType?: string;
  readonly request: {
    readonly method: string;
    readonly url: string;
    readonly headers: readonly HarHeader[];
    readonly postDataMimeType?: string;
  };
  readonly response: {
    readonly status: number;
    readonly headers: readonly HarHeader[];
    readonly redirectURL?: string;
    /** DevTools `_error` or Playwright `_failureText` (e.g. `net::ERR_FAILED`). */
    readonly error?: string;
  };
}

/**
 * A validated HAR log: who wrote it, its pages (id → title), its entries (at most `HAR_LIMITS.maxEntries`)
 * and how many entries were left unread.
 *
 * @example
 * ```ts
 * const log: HarLog = { version: '1.2', creator: 'Playwright 1.65.1', pages: new Map(), entries: [], unread: 0 };
 * ```
 */
export interface HarLog {
  readonly version: string;
  readonly creator: string;
  readonly pages: ReadonlyMap<string, string>;
  readonly entries: readonly HarEntry[];
  readonly unread: number;
}

const HOW =
  'export the HAR again (Chrome DevTools: Network panel → "Export HAR…"; Firefox: Network → "Save All As HAR"; Playwright: browser.newContext({ recordHar: { path } }))';

function invalid(what: string): never {
  throw new CorsguardError('HAR_INVALID', `not a usable HAR: ${what}; ${HOW}`);
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function object(v: unknown, at: string): Json {
  if (!isObject(v)) invalid(`${at} is ${describe(v)}, not an object`);
  return v;
}
function string(v: unknown, at: string): string {
  if (typeof v !== 'string') invalid(`${at} is ${describe(v)}, not a string`);
  return v;
}
function number(v: unknown, at: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) invalid(`${at} is ${describe(v)}, not a number`);
  return v;
}
function optionalString(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}
function describe(v: unknown): string {
  if (v === undefined) return 'missing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}

function headers(v: unknown, at: string): HarHeader[] {
  if (!Array.isArray(v)) invalid(`${at} is ${describe(v)}, not an array of { name, value }`);
  const out: HarHeader[] = [];
  for (let i = 0; i < v.length && out.length < HAR_LIMITS.maxHeaders; i++) {
    const h = object(v[i], `${at}[${i}]`);
    const name = string(h.name, `${at}[${i}].name`);
    const value = string(h.value, `${at}[${i}].value`);
    // A header value never holds a line break on the wire: exporters join repeated headers with "\n".
    for (const line of value.split('\n')) out.push({ name, value: line });
  }
  return out;
}

function entry(v: unknown, at: string): HarEntry {
  const e = object(v, at);
  const req = object(e.request, `${at}.request`);
  const res = object(e.response, `${at}.response`);
  const method = string(req.method, `${at}.request.method`);
  if (method === '') invalid(`${at}.request.method is empty`);
  const postData = isObject(req.postData) ? optionalString(req.postData.mimeType) : undefined;
  const initiator = isObject(e._initiator) ? optionalString(e._initiator.type) : undefined;
  const fromCache = e._fromCache === 'memory' || e._fromCache === 'disk' ? e._fromCache : undefined;
  const time = typeof e.time === 'number' && Number.isFinite(e.time) ? e.time : undefined;
  const error = optionalString(res._error) || optionalString(res._failureText);
  const redirectURL = optionalString(res.redirectURL);
  const pageref = optionalString(e.pageref);
  const frameref = optionalString(e._frameref);
  const resourceType = optionalString(e._resourceType);
  return {
    startedDateTime: string(e.startedDateTime, `${at}.startedDateTime`),
    ...(time === undefined ? {} : { time }),
    ...(pageref === undefined ? {} : { pageref }),
    ...(frameref === undefined ? {} : { frameref }),
    ...(resourceType === undefined ? {} : { resourceType }),
    ...(fromCache === undefined ? {} : { fromCache }),
    ...(initiator === undefined ? {} : { initiatorType: initiator }),
    request: {
      method,
      url: string(req.url, `${at}.request.url`),
      headers: headers(req.headers, `${at}.request.headers`),
      ...(postData === undefined ? {} : { postDataMimeType: postData }),
    },
    response: {
      status: number(res.status, `${at}.response.status`),
      headers: headers(res.headers, `${at}.response.headers`),
      ...(redirectURL === undefined || redirectURL === '' ? {} : { redirectURL }),
      ...(error === undefined ? {} : { error }),
    },
  };
}

/**
 * Validates a HAR (HTTP Archive 1.1 or 1.2, http://www.softwareishard.com/blog/har-12-spec/) and returns
 * the fields corsguard reads. Throws a `CorsguardError` (`HAR_INVALID`) naming the first problem (the
 * JSON path) and how to get a good file: over `HAR_LIMITS.maxChars`, not JSON, no `log`, another
 * version, a malformed entry. Values are only read, never evaluated.
 *
 * @example
 * ```ts
 * readHarLog('{"log":{"version":"1.2","creator":{"name":"WebInspector","version":"537.36"},"entries":[]}}').creator;
 * // 'WebInspector 537.36'
 * readHarLog('{}'); // throws HAR_INVALID: not a usable HAR: the file has no "log" object …
 * ```
 */
export function readHarLog(text: string): HarLog {
  if (text.length > HAR_LIMITS.maxChars) {
    invalid(
      `the file has ${text.length} characters, over corsguard's limit of ${HAR_LIMITS.maxChars} (export it without response bodies, or only the failing requests)`,
    );
  }
  let root: unknown;
  try {
    root = JSON.parse(text);
  } catch (err) {
    invalid(`it is not JSON (${err instanceof Error ? err.message.slice(0, 200) : 'parse error'})`);
  }
  if (!isObject(root) || !isObject(root.log)) invalid('the file has no "log" object at the top');
  const log = root.log;
  const version = string(log.version, 'log.version');
  if (version !== '1.2' && version !== '1.1')
    invalid(`log.version is ${JSON.stringify(version.slice(0, 20))}; corsguard reads HAR 1.1 and 1.2`);
  const creator = object(log.creator, 'log.creator');
  const creatorName = [optionalString(creator.name), optionalString(creator.version)]
    .filter(Boolean)
    .join(' ');
  if (!Array.isArray(log.entries)) invalid(`log.entries is ${describe(log.entries)}, not an array`);
  const pages = new Map<string, string>();
  if (Array.isArray(log.pages)) {
    for (const p of log.pages) {
      if (isObject(p) && typeof p.id === 'string' && typeof p.title === 'string') pages.set(p.id, p.title);
    }
  }
  const count = Math.min(log.entries.length, HAR_LIMITS.maxEntries);
  const entries: HarEntry[] = [];
  for (let i = 0; i < count; i++) entries.push(entry(log.entries[i], `log.entries[${i}]`));
  return { version, creator: creatorName, pages, entries, unread: log.entries.length - count };
}
