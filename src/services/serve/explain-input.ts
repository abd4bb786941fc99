import { isStack, STACKS, type Stack } from '../../capabilities/remediation/index.js';
import {
  type CredentialsMode,
  isForbiddenRequestHeaderName,
  isSendableMethod,
  isToken,
} from '../../core/browser/index.js';
import { tryParseOrigin } from '../../core/origin/index.js';
import type { BrowserRequest, ExplainInput } from '../explain/index.js';
import { ServeError } from './errors.js';

/**
 * What `POST /api/explain` takes (JSON) and the `/explain` form sends (fields, `headers` a comma list,
 * `offline` a checkbox): a pasted console message, or the request, or a message and what it does not
 * say (the fields then override it, as `corsguard explain --message … --origin …` does).
 *
 * @example
 * ```ts
 * const body: ExplainBody = { url: 'https://api.example.com/v1', origin: 'https://app.example.com', method: 'PUT' };
 * ```
 */
export interface ExplainBody {
  readonly message?: unknown;
  readonly url?: unknown;
  readonly origin?: unknown;
  readonly method?: unknown;
  readonly headers?: unknown;
  readonly credentials?: unknown;
  readonly contentType?: unknown;
  readonly stack?: unknown;
  readonly offline?: unknown;
}

/**
 * A checked {@link ExplainBody}: the explain service's input, and the stack to render the fix for.
 *
 * @example
 * ```ts
 * const { input, stack } = checkExplainBody(req.body); // input.kind: 'request' | 'message'
 * ```
 */
export interface CheckedExplain {
  readonly input: Extract<ExplainInput, { kind: 'request' | 'message' }>;
  readonly stack: Stack | undefined;
}

/**
 * Fields of {@link ExplainBody}, in form order.
 *
 * @example
 * ```ts
 * EXPLAIN_FIELDS.includes('origin'); // true
 * ```
 */
export const EXPLAIN_FIELDS = [
  'message',
  'url',
  'origin',
  'method',
  'headers',
  'credentials',
  'contentType',
  'stack',
  'offline',
] as const;

// What the CLI has and the web never does: each named, so a caller learns why instead of being ignored.
const NEVER_FROM_THE_WEB: Readonly<Record<string, string>> = {
  send: 'this server never sends a method that may change data (a GET with the same headers stands in for it); run corsguard explain --send on your own machine for that',
  cookie:
    'this server sends no cookies: a request with credentials "include" is replayed without one; run corsguard explain --cookie on your own machine for a signed-in answer',
  policy: 'a policy file is read from your own disk: run corsguard explain --policy FILE on your machine',
  policyFile: 'a policy file is read from your own disk: run corsguard explain --policy FILE on your machine',
  env: 'a policy file is read from your own disk: run corsguard explain --policy FILE --env NAME on your machine',
};

const MAX_MESSAGE = 32 * 1024;
const MAX_URL = 2048;
const MAX_ORIGIN = 512;
const MAX_HEADERS = 20;
const CREDENTIALS: readonly CredentialsMode[] = ['include', 'omit', 'same-origin'];
const SCHEMES = new Set(['http:', 'https:', 'ws:', 'wss:']);
/** A header value as a page may send it: visible ASCII, spaces and tabs (RFC 9110 §5.5), no line break. */
const HEADER_VALUE = /^[\t\x20-\x7e]{1,256}$/;

const given = (v: unknown) => v !== undefined && v !== null && v !== '';

function text(
  body: ExplainBody,
  key: keyof ExplainBody,
  max: number,
  problems: string[],
): string | undefined {
  const v = body[key];
  if (!given(v)) return undefined;
  if (typeof v !== 'string') {
    problems.push(`${key} must be a string`);
    return undefined;
  }
  if (v.length > max) problems.push(`${key} is ${v.length} characters long; give at most ${max}`);
  return v.trim() === '' ? undefined : v.trim();
}

function headersOf(v: unknown, problems: string[]): string[] {
  if (!given(v)) return [];
  if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) {
    problems.push('headers must be a list of request header names, like ["X-Request-Id", "Authorization"]');
    return [];
  }
  const names = v.map((x: string) => x.trim()).filter(Boolean);
  if (names.length > MAX_HEADERS)
    problems.push(`headers has ${names.length} names; give at most ${MAX_HEADERS}`);
  for (const name of names.slice(0, MAX_HEADERS)) {
    if (!isToken(name) || name.length > 100) {
      problems.push(`${JSON.stringify(name.slice(0, 100))} is not a header name; write it like X-Request-Id`);
    } else if (isForbiddenRequestHeaderName(name)) {
      // Fetch §forbidden request-header: the browser sets these itself; script never sends them.
      problems.push(`${name} is set by the browser itself, never by a page's script: leave it out`);
    }
  }
  return names.slice(0, MAX_HEADERS);
}

/** An origin as a page has one; sent as the `Origin` header, so visible ASCII only (no space, no line break). */
function originOk(origin: string): boolean {
  if (!/^[\x21-\x7e]+$/.test(origin)) return false;
  return (
    origin === '*' || origin === 'null' || origin.startsWith('file:') || tryParseOrigin(origin) !== undefined
  );
}

/**
 * Checks a request to explain (every problem at once): `INVALID_URL` when only the URL is wrong or
 * missing, else `INVALID_REQUEST` naming each bad field. Fields only the CLI has (`send`, `cookie`,
 * `policy`, `env`) are refused with the reason, unknown fields too. Nothing is sent or resolved here.
 *
 * @example
 * ```ts
 * checkExplainBody({ url: 'https://api.example.com/v1', origin: 'https://app.example.com', method: 'PUT' });
 * // { input: { kind: 'request', request: { url, origin, method: 'PUT', headers: [] } }, stack: undefined }
 * checkExplainBody({ message: '…', offline: true }); // { input: { kind: 'message', message: '…', offline: true, request: {} }, … }
 * ```
 */
export function checkExplainBody(body: Readonly<Record<string, unknown>>): CheckedExplain {
  const problems: string[] = [];
  const urlProblems: string[] = [];
  for (const key of Object.keys(body)) {
    const never = NEVER_FROM_THE_WEB[key];
    if (never !== undefined) problems.push(`${key}: ${never}`);
    else if (!(EXPLAIN_FIELDS as readonly string[]).includes(key))
      problems.push(`unknown field ${JSON.stringify(key.slice(0, 50))}; give ${EXPLAIN_FIELDS.join(', ')}`);
  }
  const b = body as ExplainBody;
  const message = text(b, 'message', MAX_MESSAGE, problems);
  const url = text(b, 'url', MAX_URL, urlProblems);
  if (url !== undefined && !(URL.canParse(url) && SCHEMES.has(new URL(url).protocol))) {
    urlProblems.push(
      `${JSON.stringify(url.slice(0, 200))} is not an http(s) or ws(s) URL; give e.g. https://api.example.com/v1/items`,
    );
  }
  const origin = text(b, 'origin', MAX_ORIGIN, problems);
  if (origin !== undefined && !originOk(origin)) {
    problems.push(
      `${JSON.stringify(origin.slice(0, 200))} is not an origin; write the page's origin like https://app.example.com (scheme, host and port, no path), null, or * for any origin`,
    );
  }
  const method = text(b, 'method', 20, problems);
  if (method !== undefined && !(/^[A-Za-z]{1,20}$/.test(method) && isSendableMethod(method))) {
    problems.push(`${JSON.stringify(method)} is not a method a page can send; write GET, PUT, DELETE…`);
  }
  const headers = headersOf(b.headers, problems);
  const credentials = text(b, 'credentials', 20, problems);
  if (credentials !== undefined && !(CREDENTIALS as readonly string[]).includes(credentials)) {
    problems.push("credentials must be include, omit or same-origin (like fetch's credentials)");
  }
  const contentType = text(b, 'contentType', 256, problems);
  if (contentType !== undefined && !HEADER_VALUE.test(contentType)) {
    problems.push('contentType must be one header value on one line, like application/json');
  }
  const stack = text(b, 'stack', 20, problems);
  if (stack !== undefined && !isStack(stack)) problems.push(`stack must be one of ${STACKS.join(', ')}`);
  const offline = b.offline;
  if (given(offline) && typeof offline !== 'boolean') problems.push('offline must be true or false');
  if (offline === true && message === undefined) {
    problems.push('offline goes with a message: anything else can only be explained by sending the request');
  }
  if (message === undefined) {
    if (url === undefined && urlProblems.length === 0) {
      urlProblems.push(
        'give the URL the page requests (e.g. https://api.example.com/v1/items), or paste the console message',
      );
    }
    if (origin === undefined) {
      problems.push("give the page's origin, like https://app.example.com (or paste the console message)");
    }
  }
  if (problems.length > 0) throw new ServeError('INVALID_REQUEST', [...urlProblems, ...problems].join('; '));
  if (urlProblems.length > 0) throw new ServeError('INVALID_URL', urlProblems.join('; '));
  const request: Partial<BrowserRequest> = {
    ...(url !== undefined ? { url } : {}),
    ...(origin !== undefined ? { origin } : {}),
    ...(method !== undefined ? { method } : {}),
    ...(headers.length > 0 ? { headers } : {}),
    ...(credentials !== undefined ? { credentials: credentials as CredentialsMode } : {}),
    ...(contentType !== undefined ? { contentType } : {}),
  };
  const input: CheckedExplain['input'] =
    message !== undefined
      ? { kind: 'message', message, offline: offline === true, request }
      : { kind: 'request', request: { headers: [], ...request } as BrowserRequest };
  return { input, stack: stack as Stack | undefined };
}

/**
 * The `/explain` form's fields as an {@link ExplainBody}: empty fields left out, `headers` split at
 * commas, the `offline` checkbox a boolean. A field sent twice, or not as text, is refused.
 *
 * @example
 * ```ts
 * formBody({ url: 'https://api.example.com/v1', origin: 'https://app.example.com', headers: 'X-Id, Authorization', offline: '' });
 * // { url: …, origin: …, headers: ['X-Id', 'Authorization'] }
 * ```
 */
export function formBody(fields: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (typeof value !== 'string') {
      throw new ServeError('INVALID_REQUEST', `${key.slice(0, 50)} must be sent once, as text`);
    }
    if (value.trim() === '') continue;
    if (key === 'headers') {
      out.headers = value
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
    } else if (key === 'offline') out.offline = value === 'on' || value === 'true';
    else out[key] = value;
  }
  return out;
}
