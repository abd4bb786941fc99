import type { LookupFunction, Socket } from 'node:net';
import { createSecureContext, type SecureContext } from 'node:tls';
import type { Dispatcher } from 'undici';
import WebSocket from 'ws';
import type { HeaderList } from '../../../core/browser/index.js';
import { deadline } from './deadline.js';
import { createDispatcher, MAX_HEADER_BYTES } from './dispatcher.js';
import { KeyedPool, RateLimiter, Semaphore } from './limiter.js';
import { toNetworkError } from './network-errors.js';
import { parseResolve, pinnedAddress } from './resolve.js';
import { connectSocket, pinnedLookup, TlsSessions } from './socket-connect.js';

/** Network settings shared by every request of a scan. */
export interface EngineOptions {
  /** Per-request timeout (connect, headers, body), in ms. Default 10000. */
  readonly timeoutMs?: number;
  /** Requests in flight across all hosts. Default 32. */
  readonly concurrency?: number;
  /** Requests in flight to one host (and keep-alive connections per origin). Default 6. */
  readonly perHost?: number;
  /**
   * Requests in flight to one host once it has answered over HTTP/2 (offered by the server by ALPN):
   * streams multiplexed on its connection, instead of `perHost` (never fewer). Default 32.
   */
  readonly http2Streams?: number;
  /** Requests per second to one host; 0 means no limit. Default 0. */
  readonly ratePerHost?: number;
  /** curl-style `host:port:address` entries. */
  readonly resolve?: readonly string[];
  /** Accept any TLS certificate (self-signed, wrong host). */
  readonly insecure?: boolean;
  /** HTTP(S) proxy URL. */
  readonly proxy?: string;
  /** Extra request headers sent with every request (`-H`). */
  readonly headers?: Readonly<Record<string, string>>;
  /** Cookie header sent with every request. */
  readonly cookie?: string;
}

/** One request and the head of its response (the body is discarded unread). */
export interface HttpExchange {
  readonly request: {
    readonly method: string;
    readonly url: string;
    readonly headers: Readonly<Record<string, string>>;
  };
  readonly status: number;
  readonly headers: HeaderList;
}

/** A response read with its body (up to a byte limit), from {@link Engine.fetchText}. */
export interface TextExchange extends HttpExchange {
  /** The body decoded as UTF-8, cut at the byte limit. */
  readonly body: string;
  /** True when the body was longer than the limit and was cut. */
  readonly truncated: boolean;
}

export { MAX_HEADER_BYTES } from './dispatcher.js';

const BODY_DISCARD_LIMIT = 64 * 1024;
const USER_AGENT = 'corsguard/0.1 (CORS configuration audit)';

function toHeaderList(headers: Record<string, string | string[] | undefined>): HeaderList {
  const list: Array<readonly [string, string]> = [];
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const v of value) list.push([name, v]);
    else list.push([name, value]);
  }
  return list;
}

/** Bytes of a head as HTTP/1.1 would send it (`name: value` CRLF per line). */
function headBytes(list: HeaderList): number {
  let n = 0;
  for (const [name, value] of list) n += name.length + value.length + 4;
  return n;
}

/**
 * The scanner's HTTP engine: undici keep-alive pools, bounded global and per-host concurrency,
 * a per-host rate limit, timeouts, curl-style `--resolve`, proxy and insecure TLS. Response bodies are
 * discarded as soon as the headers arrive.
 *
 * @example
 * ```ts
 * const engine = new Engine({ resolve: ['api.example.com:443:127.0.0.1'], insecure: true });
 * const ex = await engine.request({ method: 'GET', url: 'https://api.example.com/me', headers: { origin: 'https://evil.invalid' } });
 * await engine.close();
 * ```
 */
export class Engine {
  readonly #dispatcher: Dispatcher;
  readonly #options: EngineOptions;
  readonly #resolve: Map<string, string>;
  readonly #global: Semaphore;
  readonly #perHost: KeyedPool<Semaphore>;
  /**
   * One TLS context (CA store, settings) for every connection: without it Node builds one per
   * connection, which costs more CPU than the handshake itself.
   */
  readonly #tls: SecureContext = createSecureContext();
  /** TLS sessions of the WebSocket handshakes' own connections, resumed by the next one to the same host. */
  readonly #sessions = new TlsSessions();
  /** Connections being set up ahead of their request (WebSocket handshakes), per host. */
  readonly #setups: KeyedPool<Semaphore>;
  readonly #rate: KeyedPool<RateLimiter>;
  readonly #timeoutMs: number;
  /** Headers added to every request: user agent, `-H` headers and the cookie (built once). */
  readonly #baseHeaders: Readonly<Record<string, string>>;

  constructor(options: EngineOptions = {}) {
    this.#options = options;
    this.#timeoutMs = options.timeoutMs ?? 10_000;
    this.#resolve = parseResolve(options.resolve ?? []);
    this.#baseHeaders = baseHeaders(options);
    const perHost = options.perHost ?? 6;
    const http2Streams = options.http2Streams ?? Math.max(perHost, 32);
    this.#global = new Semaphore(options.concurrency ?? 32);
    this.#perHost = new KeyedPool(() => new Semaphore(perHost));
    this.#setups = new KeyedPool(() => new Semaphore(perHost));
    this.#rate = new KeyedPool(() => new RateLimiter(options.ratePerHost ?? 0));
    this.#dispatcher = createDispatcher({
      perHost,
      http2Streams,
      timeoutMs: this.#timeoutMs,
      insecure: options.insecure === true,
      secureContext: this.#tls,
      resolve: this.#resolve,
      ...(options.proxy ? { proxy: options.proxy } : {}),
      // A host that answers over HTTP/2 multiplexes its requests on one connection: its slots widen.
      onHttp2: (host) => this.#perHost.get(host).widen(http2Streams),
    });
  }

  // The per-host slot and the host's rate-limit turn come before the global slot, so a request waiting
  // for a busy or rate-limited host never holds a global slot other hosts could use. Every wait ends when
  // the target's budget (`signal`) runs out.
  async #slot<T>(url: URL, raw: string, fn: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    let releaseHost: (() => void) | undefined;
    let releaseGlobal: (() => void) | undefined;
    try {
      releaseHost = await this.#perHost.get(url.host).acquire(signal);
      await this.#rate.get(url.host).take(signal);
      releaseGlobal = await this.#global.acquire(signal);
    } catch (err) {
      releaseHost?.();
      throw toNetworkError(err, raw);
    }
    try {
      return await fn();
    } finally {
      releaseGlobal();
      releaseHost();
    }
  }

  /**
   * One request through the slots and the per-request deadline; `consume` reads the response (its head is
   * what the deadline covers, unless `consume` awaits the body). Errors become `CorsguardError`s.
   */
  #send<T>(
    method: string,
    rawUrl: string,
    extra: Readonly<Record<string, string>> | undefined,
    signal: AbortSignal | undefined,
    consume: (res: Dispatcher.ResponseData, exchange: HttpExchange) => Promise<T> | T,
  ): Promise<T> {
    const url = new URL(rawUrl);
    const headers = { ...this.#baseHeaders, ...extra };
    return this.#slot(
      url,
      rawUrl,
      async () => {
        const limit = deadline(this.#timeoutMs, signal);
        try {
          const res = await this.#dispatcher.request({
            origin: url.origin,
            path: `${url.pathname}${url.search}`,
            method: method as Dispatcher.HttpMethod,
            headers,
            // Every request is bodyless, so none needs the connection to itself: undici would otherwise hold
            // a method it does not know as idempotent (OPTIONS, a -X POST) until an HTTP/2 connection's
            // other streams have finished, a round trip lost (RFC 9110 §9.2.2: OPTIONS is idempotent).
            idempotent: true,
            signal: limit.signal,
          });
          const list = toHeaderList(res.headers);
          // HTTP/1.1 heads are capped by undici's parser; an HTTP/2 head (HPACK-decoded, bounded only by
          // Node's session memory) gets the same limit here, so both protocols answer alike.
          if (headBytes(list) > MAX_HEADER_BYTES) {
            res.body.destroy();
            throw Object.assign(new Error(`response head over ${MAX_HEADER_BYTES} bytes`), {
              code: 'UND_ERR_HEADERS_OVERFLOW',
            });
          }
          const exchange: HttpExchange = {
            request: { method, url: rawUrl, headers },
            status: res.statusCode,
            headers: list,
          };
          return await consume(res, exchange);
        } catch (err) {
          throw toNetworkError(err, rawUrl);
        } finally {
          limit.clear();
        }
      },
      signal,
    );
  }

  /** Sends one request; resolves with the response head, rejects with a `CorsguardError` that has a stable code. */
  async request(req: {
    method: string;
    url: string;
    headers: Readonly<Record<string, string>>;
    signal?: AbortSignal;
  }): Promise<HttpExchange> {
    // The limit covers the response head; the body is bounded by bodyTimeout and the discard limit.
    return this.#send(req.method, req.url, req.headers, req.signal, (res, exchange) => {
      // Discard the body without buffering it: bounded memory whatever the server sends.
      res.body.dump({ limit: BODY_DISCARD_LIMIT }).catch(() => {});
      return exchange;
    });
  }

  /**
   * Sends a GET and reads the body as UTF-8 text, at most `maxBytes` (the rest is not read: the connection
   * is closed), within the per-request timeout. Redirects are returned, never followed. For documents a
   * scan reads (pages, scripts, API descriptions), with the same pins, TLS, proxy and limits as probes.
   *
   * @example
   * ```ts
   * const page = await engine.fetchText({ url: 'https://www.example.com/', maxBytes: 1 << 20 });
   * if (page.status === 200) console.log(page.body.length, page.truncated);
   * ```
   */
  async fetchText(req: {
    url: string;
    maxBytes: number;
    headers?: Readonly<Record<string, string>>;
    signal?: AbortSignal;
  }): Promise<TextExchange> {
    return this.#send('GET', req.url, req.headers, req.signal, async (res, exchange) => {
      const { text, truncated } = await readLimited(res.body, req.maxBytes);
      return { ...exchange, body: text, truncated };
    });
  }

  /**
   * Opens a WebSocket handshake with the given Origin and closes it at once.
   * Resolves with status 101 when the server accepted, or the refusal status.
   *
   * A handshake needs a new connection. It is set up first (at most `perHost` set-ups per host at once,
   * each kept until its request takes a slot), so the per-host slot covers the handshake request alone:
   * one round trip, not three (TCP, TLS, upgrade).
   */
  async websocketHandshake(req: {
    url: string;
    origin: string;
    signal?: AbortSignal;
  }): Promise<HttpExchange> {
    const url = new URL(req.url);
    const headers: Record<string, string> = { ...this.#baseHeaders, origin: req.origin };
    const address = pinnedAddress(this.#resolve, url.hostname, url.port, url.protocol);
    if (this.#options.proxy) {
      const lookup = pinnedLookup(address);
      return this.#slot(
        url,
        req.url,
        () => this.#handshake(req.url, headers, { lookup }, req.signal),
        req.signal,
      );
    }
    let releaseSetup: (() => void) | undefined;
    let socket: Socket | undefined;
    try {
      releaseSetup = await this.#setups.get(url.host).acquire(req.signal);
      socket = await connectSocket(url, {
        timeoutMs: this.#timeoutMs,
        insecure: this.#options.insecure === true,
        secureContext: this.#tls,
        sessions: this.#sessions,
        ...(address ? { address } : {}),
        ...(req.signal ? { signal: req.signal } : {}),
      });
    } catch (err) {
      releaseSetup?.();
      throw toNetworkError(err, req.url);
    }
    const ready = socket;
    let used = false;
    try {
      return await this.#slot(
        url,
        req.url,
        () => {
          used = true;
          releaseSetup?.();
          return this.#handshake(req.url, headers, { socket: ready }, req.signal);
        },
        req.signal,
      );
    } finally {
      if (!used) {
        releaseSetup?.(); // the wait for a slot failed (the target's budget ran out): close the connection
        ready.destroy();
      }
    }
  }

  /** The handshake on a connection set up ahead (`socket`), or on one ws opens itself (`lookup`). */
  #handshake(
    raw: string,
    headers: Record<string, string>,
    connection: { readonly socket: Socket } | { readonly lookup: LookupFunction | undefined },
    signal?: AbortSignal,
  ): Promise<HttpExchange> {
    const { origin, ...rest } = headers;
    const lookup = 'lookup' in connection ? connection.lookup : undefined;
    const socket = 'socket' in connection ? connection.socket : undefined;
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(raw, {
        ...(origin === undefined ? {} : { origin }),
        headers: rest,
        rejectUnauthorized: !this.#options.insecure,
        handshakeTimeout: this.#timeoutMs,
        maxPayload: 1024,
        followRedirects: false,
        ...(lookup ? { lookup } : {}),
        ...(socket ? { createConnection: () => socket } : {}),
      });
      const request = { method: 'GET', url: raw, headers };
      let settled = false;
      const done = (fn: () => void) => {
        if (settled) return;
        settled = true;
        signal?.removeEventListener('abort', onAbort);
        fn();
      };
      const onAbort = () => {
        ws.terminate();
        done(() => reject(toNetworkError(signal?.reason ?? new Error('aborted'), raw)));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      ws.on('upgrade', (res) => {
        done(() => resolve({ request, status: 101, headers: toHeaderList(res.headers) }));
        ws.terminate();
      });
      ws.on('unexpected-response', (req, res) => {
        done(() => resolve({ request, status: res.statusCode ?? 0, headers: toHeaderList(res.headers) }));
        res.destroy();
        req.destroy();
      });
      ws.on('error', (err) => done(() => reject(toNetworkError(err, raw))));
    });
  }

  async close(): Promise<void> {
    await this.#dispatcher.close();
  }
}

/** Reads at most `maxBytes` of a body, then destroys the stream (the rest never enters memory). */
async function readLimited(
  body: Dispatcher.ResponseData['body'],
  maxBytes: number,
): Promise<{ text: string; truncated: boolean }> {
  const chunks: Buffer[] = [];
  let size = 0;
  let truncated = false;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    const room = maxBytes - size;
    if (chunk.length >= room) {
      if (room > 0) chunks.push(chunk.subarray(0, room));
      size = maxBytes;
      truncated = chunk.length > room;
      if (truncated) break;
      continue;
    }
    chunks.push(chunk);
    size += chunk.length;
  }
  if (truncated) body.destroy();
  return { text: Buffer.concat(chunks).toString('utf8'), truncated };
}

function baseHeaders(options: EngineOptions): Record<string, string> {
  const headers: Record<string, string> = { 'user-agent': USER_AGENT, accept: '*/*' };
  for (const [k, v] of Object.entries(options.headers ?? {})) headers[k.toLowerCase()] = v;
  if (options.cookie) headers.cookie = options.cookie;
  return headers;
}
