// What `explain` does for a HAR entry whose preflight or response the HAR did not record: send exactly
// the preflight and the request a browser would, and read the real answers. Loopback only: every
// request goes to 127.0.0.1 (the URL's host is kept as the Host header), with a 5 s timeout.
import { request as httpRequest } from 'node:http';
import type { HeaderList } from '../../../core/browser/index.js';
import { type BrowserRequest, type Observed, preflightFor, requestHeaderList } from '../index.js';

function send(url: URL, method: string, headers: HeaderList): Promise<Observed> {
  return new Promise((resolve) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port: Number(url.port || 80),
        method,
        path: url.pathname + url.search,
        headers: [['Host', url.host], ...headers].flat(),
        timeout: 5000,
      },
      (res) => {
        res.resume();
        const raw = res.rawHeaders;
        const list: Array<readonly [string, string]> = [];
        for (let i = 0; i + 1 < raw.length; i += 2) list.push([raw[i] ?? '', raw[i + 1] ?? '']);
        resolve({ status: res.statusCode ?? 0, headers: list });
      },
    );
    req.on('timeout', () => req.destroy(new Error('TIMEOUT')));
    req.on('error', (err: NodeJS.ErrnoException) => resolve({ networkError: err.code ?? err.message }));
    req.end();
  });
}

/**
 * Replays `request` against a loopback server the way Chromium would send it: the preflight when one is
 * needed (`preflightFor`: `Origin`, `Access-Control-Request-Method`, sorted lower-case
 * `Access-Control-Request-Headers`, no cookies), then the request with its author headers, `Origin`, and
 * a cookie when its credentials mode is `include`. The request is sent even when the preflight would fail
 * (the browser model stops at the preflight then, so its answer is never read).
 *
 * @example
 * ```ts
 * const { preflight, response } = await replayOnLoopback(x.request);
 * diagnoseExchange({ request: x.request, preflight, response }).cause; // 'preflight-method'
 * ```
 */
export async function replayOnLoopback(
  request: BrowserRequest,
): Promise<{ preflight?: Observed; response: Observed }> {
  const url = new URL(request.url);
  const preflight = preflightFor(request);
  const pre = preflight === null ? undefined : await send(url, 'OPTIONS', preflight.headers);
  const headers: HeaderList = [
    ['Origin', request.origin],
    ...requestHeaderList(request),
    ...(request.credentials === 'include' ? ([['Cookie', 'session=replay']] as const) : []),
  ];
  const response = await send(url, request.method ?? 'GET', headers);
  return { ...(pre === undefined ? {} : { preflight: pre }), response };
}
