import net, { type LookupFunction, type Socket } from 'node:net';
import tls, { type SecureContext } from 'node:tls';

/** A lookup that answers `address` for every name (curl `--resolve`, or the SSRF gate's pinned address). */
export function pinnedLookup(address: string | undefined): LookupFunction | undefined {
  if (address === undefined) return undefined;
  return (_host, opts, cb) => {
    const family = address.includes(':') ? 6 : 4;
    if ((opts as { all?: boolean }).all) (cb as (e: null, a: unknown[]) => void)(null, [{ address, family }]);
    else cb(null, address, family);
  };
}

/** TLS sessions kept per key, at most this many (the oldest is forgotten first). */
const MAX_SESSIONS = 256;

/**
 * The TLS sessions of an engine's own connections (WebSocket handshakes, which each need a new one), so a
 * host's next connection resumes instead of a full handshake: no certificate sent or checked again, no
 * signature by the server. Keyed by host, port and the address connected to (a session is never offered
 * to another address than the one that issued it). Bounded.
 *
 * @example
 * ```ts
 * const sessions = new TlsSessions();
 * await connectSocket(url, { timeoutMs: 10_000, insecure: false, sessions }); // full handshake
 * await connectSocket(url, { timeoutMs: 10_000, insecure: false, sessions }); // resumed
 * ```
 */
export class TlsSessions {
  readonly #sessions = new Map<string, Buffer>();
  get(key: string): Buffer | undefined {
    return this.#sessions.get(key);
  }
  set(key: string, session: Buffer): void {
    this.#sessions.delete(key);
    this.#sessions.set(key, session);
    if (this.#sessions.size > MAX_SESSIONS)
      this.#sessions.delete(this.#sessions.keys().next().value as string);
  }
}

/**
 * Opens the TCP (and for `wss:`/`https:`, TLS) connection of a request that cannot reuse one (a WebSocket
 * handshake), so it can be set up before the request's per-host slot is taken: the slot then covers the
 * request alone, one round trip, as for a keep-alive HTTP request. TLS SNI and certificate checks use the
 * URL's host name even when `address` pins another. Rejects on error, timeout or abort.
 *
 * @example
 * ```ts
 * const socket = await connectSocket(new URL('wss://api.example.com/ws'), { timeoutMs: 10_000, insecure: false });
 * ```
 */
export function connectSocket(
  url: URL,
  options: {
    timeoutMs: number;
    insecure: boolean;
    secureContext?: SecureContext;
    /** Connect to this address instead of resolving the host (`--resolve`, the SSRF pin); part of the session key. */
    address?: string;
    signal?: AbortSignal;
    /** Resume TLS sessions from (and keep new ones in) this cache. */
    sessions?: TlsSessions;
  },
): Promise<Socket> {
  const secure = url.protocol === 'wss:' || url.protocol === 'https:';
  const port = Number(url.port || (secure ? 443 : 80));
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const key = `${host}:${port}@${options.address ?? ''}`;
  const session = options.sessions?.get(key);
  return new Promise((resolve, reject) => {
    const lookup = pinnedLookup(options.address);
    const common = { host, port, ...(lookup ? { lookup } : {}) };
    const socket: Socket = secure
      ? tls.connect({
          ...common,
          servername: net.isIP(host) ? '' : host,
          rejectUnauthorized: !options.insecure,
          ALPNProtocols: ['http/1.1'],
          ...(options.secureContext ? { secureContext: options.secureContext } : {}),
          ...(session ? { session } : {}),
        })
      : net.connect(common);
    // TLS 1.3 sends its tickets after the handshake: each one kept replaces the last.
    if (secure && options.sessions) {
      const sessions = options.sessions;
      socket.on('session', (s: Buffer) => sessions.set(key, s));
    }
    const fail = (err: Error) => {
      cleanup();
      socket.destroy();
      reject(err);
    };
    const onAbort = () => fail(options.signal?.reason ?? new Error('aborted'));
    const timer = setTimeout(
      () =>
        fail(
          Object.assign(new Error(`connect timed out after ${options.timeoutMs} ms`), { code: 'ETIMEDOUT' }),
        ),
      options.timeoutMs,
    );
    const cleanup = () => {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      socket.off('error', fail);
    };
    if (options.signal?.aborted) return onAbort();
    options.signal?.addEventListener('abort', onAbort, { once: true });
    socket.once('error', fail);
    socket.once(secure ? 'secureConnect' : 'connect', () => {
      cleanup();
      resolve(socket);
    });
  });
}
