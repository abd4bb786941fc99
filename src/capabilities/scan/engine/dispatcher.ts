import type { SecureContext } from 'node:tls';
import { Agent, buildConnector, Client, type Dispatcher, Pool, ProxyAgent } from 'undici';
import { defaultPort, pinnedAddress } from './resolve.js';

/** Largest response head accepted from a server (hostile servers get an error, not our memory). */
export const MAX_HEADER_BYTES = 64 * 1024;

/** What {@link createDispatcher} needs: the engine's network settings. */
export interface DispatcherSettings {
  readonly perHost: number;
  /** Streams in flight on one HTTP/2 connection. */
  readonly http2Streams: number;
  readonly timeoutMs: number;
  readonly insecure: boolean;
  readonly secureContext: SecureContext;
  /** `host:port` → address (curl `--resolve`, or the SSRF gate's pin). */
  readonly resolve: ReadonlyMap<string, string>;
  readonly proxy?: string;
  /** Called with a host's `URL#host` when one of its connections negotiated HTTP/2 (ALPN `h2`). */
  readonly onHttp2: (host: string) => void;
}

/**
 * The undici dispatcher of an engine: keep-alive pools of `perHost` connections per origin, curl-style
 * `--resolve` (connect to the pinned address, Host and TLS SNI kept), and HTTP/2 where the server offers
 * it by ALPN. HTTP/1.1 connections carry one request at a time (no pipelining); an HTTP/2 connection
 * carries up to `http2Streams` (undici's clients start at one and are widened once `h2` is negotiated).
 *
 * @example
 * ```ts
 * const dispatcher = createDispatcher({ perHost: 6, http2Streams: 32, timeoutMs: 10_000, insecure: false,
 *   secureContext: createSecureContext(), resolve: new Map(), onHttp2: () => {} });
 * ```
 */
export function createDispatcher(settings: DispatcherSettings): Dispatcher {
  const common = {
    connections: settings.perHost,
    headersTimeout: settings.timeoutMs,
    bodyTimeout: settings.timeoutMs,
    maxHeaderSize: MAX_HEADER_BYTES,
    keepAliveTimeout: 4_000,
  };
  if (settings.proxy) {
    return new ProxyAgent({
      ...common,
      uri: settings.proxy,
      requestTls: { rejectUnauthorized: !settings.insecure },
    });
  }
  const base = buildConnector({
    rejectUnauthorized: !settings.insecure,
    timeout: settings.timeoutMs,
    secureContext: settings.secureContext,
    allowH2: true,
  });
  const connect: buildConnector.connector = (opts, cb) => {
    const address = pinnedAddress(settings.resolve, opts.hostname, opts.port, opts.protocol);
    if (address === undefined) return base(opts, cb);
    // curl --resolve: connect to the pinned address but keep Host and TLS SNI as the URL's host.
    return base({ ...opts, hostname: address, servername: opts.servername || opts.hostname }, cb);
  };
  // Each client's connector sees the negotiated protocol: on `h2` the client multiplexes.
  const client = (origin: URL | string, options: Client.Options): Client => {
    const created: Client = new Client(origin, {
      ...options,
      connect: (opts, cb) =>
        connect(opts, (err, socket) => {
          if (err === null && (socket as { alpnProtocol?: unknown }).alpnProtocol === 'h2') {
            created.pipelining = settings.http2Streams;
            settings.onHttp2(hostKey(opts.hostname, opts.port, opts.protocol));
          }
          (cb as (e: Error | null, s: unknown) => void)(err, socket);
        }),
    });
    return created;
  };
  return new Agent({
    ...common,
    allowH2: true,
    connect,
    factory: (origin, options) => new Pool(origin, { ...options, factory: client }),
  });
}

/** `URL#host` of a connection's origin (the engine's per-host key): the port only when not the default. */
function hostKey(hostname: string, port: string, protocol: string): string {
  const p = port === '' || Number(port) === defaultPort(protocol) ? '' : `:${port}`;
  return `${hostname.toLowerCase()}${p}`;
}
