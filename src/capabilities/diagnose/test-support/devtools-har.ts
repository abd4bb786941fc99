// A HAR built from a real Chromium's DevTools protocol events the way Chrome DevTools builds its
// "Export HAR…" file (ChromeDevTools/devtools-frontend front_end/models/har/Log.ts, and SDK
// NetworkRequest.addExtraResponseInfo), because headless Chromium has no DevTools UI to export from:
// - request headers: the sent ones (Network.requestWillBeSentExtraInfo: Host, Origin, Cookie, …), else
//   the provisional ones of Network.requestWillBeSent;
// - response status and headers: Network.responseReceivedExtraInfo when it came (it does for a
//   CORS-blocked response, which never gets Network.responseReceived), else responseReceived, else 0/[];
// - response._error: Network.loadingFailed's errorText; _resourceType: the lower-cased resource type
//   (`preflight` for the CORS preflight, which CDP reports as a request of its own); _initiator: its type,
//   url and requestId; pages[].title: the page's URL.
// Only what the tests need: no bodies, timings, redirects or WebSocket frames.
import type { CDPSession, Page } from 'playwright-core';

interface Seen {
  method: string;
  url: string;
  type: string;
  wallTime: number;
  initiator: { type: string; url?: string; requestId?: string };
  provisional: Record<string, string>;
  sent?: Record<string, string>;
  status?: number;
  responseHeaders?: Record<string, string>;
  extraStatus?: number;
  extraHeaders?: Record<string, string>;
  error?: string;
}

// CDP headers objects join repeated headers with "\n"; DevTools splits them back into entries.
const list = (h: Record<string, string> = {}) =>
  Object.entries(h).flatMap(([name, value]) => value.split('\n').map((v) => ({ name, value: v })));

/**
 * Starts recording `page`'s network through CDP; `stop()` returns the HAR text.
 *
 * @example
 * ```ts
 * const recorder = await recordDevtoolsHar(page);
 * await runCase(page, net, c);
 * const har = await recorder.stop(); // '{"log":{"version":"1.2","creator":{"name":"WebInspector",…'
 * ```
 */
export async function recordDevtoolsHar(page: Page): Promise<{ stop(): Promise<string> }> {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  const seen = new Map<string, Seen>();
  const order: string[] = [];
  const at = (id: string) => seen.get(id);
  cdp.on('Network.requestWillBeSent', (e) => {
    if (seen.has(e.requestId)) return; // a redirect hop: not needed here
    order.push(e.requestId);
    seen.set(e.requestId, {
      method: e.request.method,
      url: e.request.url,
      type: (e.type ?? 'Other').toLowerCase(),
      wallTime: e.wallTime,
      initiator: {
        type: e.initiator.type,
        ...(e.initiator.url === undefined ? {} : { url: e.initiator.url }),
        ...(e.initiator.requestId === undefined ? {} : { requestId: e.initiator.requestId }),
      },
      provisional: e.request.headers as Record<string, string>,
    });
  });
  // ExtraInfo events may come before requestWillBeSent: keep them until it does.
  const early = new Map<string, Partial<Seen>>();
  const merge = (id: string, part: Partial<Seen>) => {
    const s = at(id);
    if (s) Object.assign(s, part);
    else early.set(id, { ...early.get(id), ...part });
  };
  cdp.on('Network.requestWillBeSentExtraInfo', (e) =>
    merge(e.requestId, { sent: e.headers as Record<string, string> }),
  );
  cdp.on('Network.responseReceivedExtraInfo', (e) =>
    merge(e.requestId, { extraStatus: e.statusCode, extraHeaders: e.headers as Record<string, string> }),
  );
  // The preflight is announced with type Other; its response says Preflight, which DevTools shows.
  cdp.on('Network.responseReceived', (e) =>
    merge(e.requestId, {
      type: e.type.toLowerCase(),
      status: e.response.status,
      responseHeaders: e.response.headers as Record<string, string>,
    }),
  );
  cdp.on('Network.loadingFailed', (e) => merge(e.requestId, { error: e.errorText }));
  await cdp.send('Network.enable');
  return {
    async stop() {
      await cdp.detach();
      const entries = order.flatMap((id) => {
        const s = at(id);
        if (s === undefined) return [];
        Object.assign(s, early.get(id) ?? {});
        return [
          {
            _initiator: s.initiator,
            _resourceType: s.type,
            cache: {},
            pageref: 'page_1',
            startedDateTime: new Date(s.wallTime * 1000).toISOString(),
            time: 0,
            request: {
              method: s.method,
              url: s.url,
              httpVersion: 'HTTP/1.1',
              headers: list(s.sent ?? s.provisional),
              queryString: [],
              cookies: [],
              headersSize: -1,
              bodySize: 0,
            },
            response: {
              status: s.extraStatus ?? s.status ?? 0,
              statusText: '',
              httpVersion: 'HTTP/1.1',
              headers: list(s.extraHeaders ?? s.responseHeaders),
              cookies: [],
              content: { size: 0, mimeType: 'x-unknown' },
              redirectURL: '',
              headersSize: -1,
              bodySize: -1,
              _error: s.error ?? null,
            },
            timings: { blocked: -1, dns: -1, ssl: -1, connect: -1, send: 0, wait: 0, receive: 0 },
          },
        ];
      });
      const pages = [
        { startedDateTime: new Date().toISOString(), id: 'page_1', title: page.url(), pageTimings: {} },
      ];
      return JSON.stringify({
        log: { version: '1.2', creator: { name: 'WebInspector', version: '537.36' }, pages, entries },
      });
    },
  };
}
