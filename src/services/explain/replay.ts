import {
  ANY_ORIGIN,
  ANY_ORIGIN_SAMPLE,
  type BrowserRequest,
  type ExchangeInput,
  mixedContentStep,
  type Observed,
  preflightFor,
  requestHeaderList,
} from '../../capabilities/diagnose/index.js';
import type { Engine } from '../../capabilities/scan/index.js';
import { normalizeMethod, preflightCheck } from '../../core/browser/index.js';
import { CorsguardError } from '../../core/errors/index.js';

/** How {@link replayRequest} sends. */
export interface ReplayOptions {
  /** Cookie header for a request with `credentials: 'include'` (never sent otherwise, never with a preflight). */
  readonly cookie?: string | undefined;
  /**
   * Send the actual request even when its method may change data (anything but GET and HEAD). Without
   * it such a request is stood in for by a GET with the same headers, and a note says so.
   */
  readonly send?: boolean | undefined;
}

/** What a replay saw, plus notes on what it did not send or could not see. */
export interface Replay {
  readonly exchange: ExchangeInput;
  readonly notes: readonly string[];
}

// Header values a page would send; a name given without one gets this.
const PLACEHOLDER_VALUE = 'corsguard';

async function send(
  engine: Engine,
  method: string,
  url: string,
  headers: Record<string, string>,
): Promise<Observed> {
  try {
    const answer = await engine.request({ method, url, headers });
    return { status: answer.status, headers: answer.headers };
  } catch (err) {
    if (err instanceof CorsguardError) return { networkError: err.code };
    throw err;
  }
}

/**
 * Sends what a browser would for `request`, one step after the other, and stops where a browser stops:
 * nothing for mixed content; the WebSocket handshake for ws(s) URLs; the CORS preflight (exactly
 * `preflightFor`'s headers; Local Network Access sends none, it is a user permission), then — only
 * when the browser model accepts that preflight — the request itself
 * with its author headers and `Content-Type`. Cookies only with `credentials: 'include'` and only on
 * the actual request. Network failures are answers (`networkError`), never thrown.
 *
 * @example
 * ```ts
 * const engine = new Engine({ timeoutMs: 5000 });
 * const { exchange } = await replayRequest({ url: 'https://api.example/v1', origin: 'https://app.example', method: 'PUT' }, engine);
 * exchange.preflight; // { status: 204, headers: [...] }
 * ```
 */
export async function replayRequest(
  request: BrowserRequest,
  engine: Engine,
  options: ReplayOptions = {},
): Promise<Replay> {
  const notes: string[] = [];
  const url = new URL(request.url);
  const origin = request.origin === ANY_ORIGIN ? ANY_ORIGIN_SAMPLE : request.origin;
  const sent: BrowserRequest = { ...request, origin };
  if (!mixedContentStep(origin, url).ok) return { exchange: { request: sent }, notes };
  if (url.protocol === 'ws:' || url.protocol === 'wss:') {
    try {
      const answer = await engine.websocketHandshake({ url: url.href, origin });
      return { exchange: { request: sent, response: answer }, notes };
    } catch (err) {
      if (!(err instanceof CorsguardError)) throw err;
      return { exchange: { request: sent, response: { networkError: err.code } }, notes };
    }
  }
  const method = normalizeMethod(request.method ?? 'GET');
  const author = requestHeaderList(request);
  const planned = preflightFor(sent);
  let preflight: Observed | undefined;
  if (planned !== null) {
    const headers: Record<string, string> = {};
    for (const [name, value] of planned.headers) headers[name.toLowerCase()] = value;
    preflight = await send(engine, 'OPTIONS', url.href, headers);
    const passed =
      'status' in preflight &&
      preflightCheck(
        {
          origin,
          method,
          headers: author,
          credentials: request.credentials ?? 'same-origin',
          privateNetwork: false,
        },
        preflight,
        'chromium',
      ).result.ok;
    if (!passed) {
      notes.push('The request itself was not sent: a browser stops at a failed preflight.');
      return { exchange: { request: sent, preflight }, notes };
    }
  }
  const headers: Record<string, string> = { origin };
  for (const [name, value] of author) headers[name.toLowerCase()] = value === '' ? PLACEHOLDER_VALUE : value;
  if (request.credentials === 'include') {
    if (options.cookie !== undefined) headers.cookie = options.cookie;
    else
      notes.push(
        'No cookie was given (--cookie): the server saw an anonymous request, and may answer a signed-in one differently.',
      );
  }
  const safe = method === 'GET' || method === 'HEAD';
  if (!safe && !options.send) {
    notes.push(
      `The ${method} itself was not sent, since it may change data: its CORS headers were read from a GET with the same headers. Add --send to send the real ${method}.`,
    );
  }
  const response = await send(engine, safe || options.send ? method : 'GET', url.href, headers);
  return { exchange: { request: sent, ...(preflight ? { preflight } : {}), response }, notes };
}
