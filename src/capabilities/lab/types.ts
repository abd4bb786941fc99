import type { FindingId } from '../scan/index.js';

/**
 * One endpoint of the lab: what it does and what a correct scanner must report for it.
 *
 * @example
 * ```ts
 * const reflect: LabEndpoint = {
 *   path: '/reflect',
 *   description: 'Reflects any Origin with credentials.',
 *   expect: ['origin-reflected'],
 *   scheme: 'https',
 * };
 * ```
 */
export interface LabEndpoint {
  /** Request path, e.g. `/reflect`. */
  readonly path: string;
  /** What the server does, one sentence. */
  readonly description: string;
  /** The finding ids a correct scanner must report, no more and no less: those whose registry entry names this endpoint (`lab`). */
  readonly expect: readonly FindingId[];
  /** Which listener the canonical URL uses. */
  readonly scheme: 'https' | 'http' | 'wss' | 'ws';
}

/**
 * Where to listen. Ports default to 0 (ephemeral).
 *
 * @example
 * ```ts
 * const options: StartLabOptions = { host: '127.0.0.1', httpPort: 8080, httpsPort: 8443 };
 * ```
 */
export interface StartLabOptions {
  /** Bind address, default `127.0.0.1`. */
  readonly host?: string;
  /** HTTP (and ws:) port, default 0 (ephemeral). */
  readonly httpPort?: number;
  /** HTTPS (and wss:) port, default 0 (ephemeral). */
  readonly httpsPort?: number;
  /** Offer HTTP/2 on the HTTPS port (ALPN `h2`, HTTP/1.1 kept for older clients and WebSocket). */
  readonly http2?: boolean;
  /**
   * Called for every request the lab receives (WebSocket upgrades and HTTP/2 streams included), before
   * it is answered: what a benchmark counts on the server's side of the wire.
   */
  readonly onRequest?: (request: LabRequest) => void;
}

/**
 * One request as the lab received it, given to {@link StartLabOptions.onRequest}.
 *
 * @example
 * ```ts
 * const seen: LabRequest[] = [];
 * const lab = await startLab({ onRequest: (r) => seen.push(r) });
 * // seen[0]: { listener: 'https', method: 'GET', path: '/safe', origin: 'https://app.victim.test' }
 * ```
 */
export interface LabRequest {
  /** Which listener received it. */
  readonly listener: 'http' | 'https';
  readonly method: string;
  /** Path and query. */
  readonly path: string;
  /** The Origin header, when sent. */
  readonly origin?: string;
}

/**
 * A running lab, returned by `startLab`.
 *
 * @example
 * ```ts
 * const lab = await startLab();
 * console.log(lab.resolve, lab.targets.map((t) => t.url));
 * await lab.close();
 * ```
 */
export interface Lab {
  /** The API host the lab pretends to be. */
  readonly host: 'api.victim.test';
  readonly httpPort: number;
  readonly httpsPort: number;
  /** curl-style resolve entries for both ports, e.g. `['api.victim.test:43211:127.0.0.1', …]`. */
  readonly resolve: readonly string[];
  /** The canonical URL of every endpoint, in {@link LabEndpoint} order. */
  readonly targets: ReadonlyArray<{ url: string; endpoint: LabEndpoint }>;
  /** Stops both listeners, drops open connections (WebSockets included) and frees the ports. */
  close(): Promise<void>;
}
