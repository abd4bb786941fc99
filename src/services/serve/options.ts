import { isIP } from 'node:net';
import type { Lookup } from '../../capabilities/ssrf/index.js';
import { CorsguardError } from '../../core/errors/index.js';

/** How `corsguard serve` runs. Every field has a safe default for a server exposed to the internet. */
export interface ServeOptions {
  /** Bind address. Default `127.0.0.1` (give `0.0.0.0` or `::` to expose it). */
  readonly host?: string;
  /** Port; 0 picks a free one. Default 8080. */
  readonly port?: number;
  /** `postgres://…` for a real PostgreSQL; without it the embedded store (PGlite) in `dataDir`. */
  readonly database?: string;
  /** Folder of the embedded store. Default `.corsguard/data`; `null` keeps it in memory (tests, demos). */
  readonly dataDir?: string | null;
  /**
   * Let targets on loopback, private, link-local and other internal addresses be scanned (the lab, a team's
   * own network). Off by default: a public scanner must not become a way into the network it runs in.
   */
  readonly dangerouslyAllowPrivate?: boolean;
  /** CIDRs allowed although internal (`10.20.0.0/16`): one internal network instead of all of them. */
  readonly allowCidrs?: readonly string[];
  /** Target ports allowed. Default 80 and 443. */
  readonly targetPorts?: readonly number[];
  /** Start the built-in lab beside the server; its endpoints are listed on the landing page and allowed. */
  readonly lab?: boolean;
  /** Scans running at once; the rest wait in the queue. Default 2. */
  readonly maxConcurrentScans?: number;
  /**
   * Scans verified in Chromium at once (each runs its own headless Chromium, some 150–300 MB); a verified
   * scan beyond it waits for one to end. Default 2.
   */
  readonly maxBrowsers?: number;
  /** Scans waiting at most; beyond it a new scan is refused (`QUEUE_FULL`). Default 100. */
  readonly maxQueuedScans?: number;
  /** New scans one client may start per `rateWindowMs`. Default 10. */
  readonly scansPerClient?: number;
  /**
   * Live explanations (`/explain`, `POST /api/explain`) one client may ask for per `rateWindowMs`; each
   * sends at most two requests (the preflight and the request). Offline messages, which send nothing,
   * are not counted. Default 30.
   */
  readonly explainsPerClient?: number;
  /** Live explanations of one target host within `rateWindowMs`, from every client together. Default 60. */
  readonly explainsPerTargetHost?: number;
  /** Live explanations running at once; beyond it one is refused (`QUEUE_FULL`). Default 8. */
  readonly maxConcurrentExplains?: number;
  /** Requests (of any kind) one client may send per `rateWindowMs`. Default 1200. */
  readonly requestsPerClient?: number;
  /** Window of the per-client and per-target-host limits, in ms. Default 60000. */
  readonly rateWindowMs?: number;
  /** A repeat scan of the same URL within this many ms returns the stored one, unless forced. Default 300000. */
  readonly cooldownMs?: number;
  /** Scans of one target host within `rateWindowMs`, from every client together. Default 20. */
  readonly scansPerTargetHost?: number;
  /** Time budget of one scan, in ms. Default 60000. */
  readonly scanTimeoutMs?: number;
  /** Per-request timeout of a scan, in ms. Default 10000. */
  readonly requestTimeoutMs?: number;
  /** Requests of one scan in flight at once. Default 4. */
  readonly requestsInFlight?: number;
  /** Requests per second one scan sends to its target. Default 20. */
  readonly requestsPerSecond?: number;
  /**
   * Trust `X-Forwarded-For` from these proxies only (`true`: any hop; a number: that many hops; a list of
   * addresses or CIDRs). Default `false`: the client is the peer of the TCP connection.
   */
  readonly trustProxy?: boolean | number | readonly string[];
  /** Origins whose pages may call the API from a browser. Default `*` (the API uses no cookies). */
  readonly apiOrigins?: readonly string[] | '*';
  /** Version shown in pages and reports. */
  readonly version?: string;
  /** DNS resolution of the SSRF gate (every address a name has); default the system resolver. */
  readonly lookup?: Lookup;
}

/** {@link ServeOptions} with every default filled in. */
export type ResolvedServeOptions = Required<Omit<ServeOptions, 'database' | 'lookup'>> & {
  readonly database: string | undefined;
  readonly lookup: Lookup | undefined;
};

const DEFAULTS: ResolvedServeOptions = {
  host: '127.0.0.1',
  port: 8080,
  database: undefined,
  dataDir: '.corsguard/data',
  dangerouslyAllowPrivate: false,
  allowCidrs: [],
  targetPorts: [80, 443],
  lab: false,
  maxConcurrentScans: 2,
  maxBrowsers: 2,
  maxQueuedScans: 100,
  scansPerClient: 10,
  explainsPerClient: 30,
  explainsPerTargetHost: 60,
  maxConcurrentExplains: 8,
  requestsPerClient: 1200,
  rateWindowMs: 60_000,
  cooldownMs: 300_000,
  scansPerTargetHost: 20,
  scanTimeoutMs: 60_000,
  requestTimeoutMs: 10_000,
  requestsInFlight: 4,
  requestsPerSecond: 20,
  trustProxy: false,
  apiOrigins: '*',
  version: 'unknown',
  lookup: undefined,
};

const COUNTS: ReadonlyArray<readonly [keyof ServeOptions, number, number]> = [
  ['port', 0, 65535],
  ['maxConcurrentScans', 1, 1000],
  ['maxBrowsers', 1, 64],
  ['maxQueuedScans', 0, 1_000_000],
  ['scansPerClient', 1, 1_000_000],
  ['explainsPerClient', 1, 1_000_000],
  ['explainsPerTargetHost', 1, 1_000_000],
  ['maxConcurrentExplains', 1, 1000],
  ['requestsPerClient', 1, 100_000_000],
  ['rateWindowMs', 1000, 86_400_000],
  ['cooldownMs', 0, 86_400_000],
  ['scansPerTargetHost', 1, 1_000_000],
  ['scanTimeoutMs', 1000, 3_600_000],
  ['requestTimeoutMs', 100, 600_000],
  ['requestsInFlight', 1, 256],
  ['requestsPerSecond', 0, 10_000],
];

/**
 * Fills in the defaults and checks every option, collecting all problems into one `USAGE` error (so a
 * user fixes them in one go) before anything listens.
 *
 * @example
 * ```ts
 * resolveServeOptions({ port: 0, dataDir: null }).maxConcurrentScans; // 2
 * resolveServeOptions({ port: 70000 }); // throws USAGE: "port must be a whole number 0-65535 (got 70000)"
 * ```
 */
export function resolveServeOptions(options: ServeOptions = {}): ResolvedServeOptions {
  const o = { ...DEFAULTS, ...stripUndefined(options) } as ResolvedServeOptions;
  const problems: string[] = [];
  for (const [key, min, max] of COUNTS) {
    const v = o[key];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
      problems.push(`${key} must be a whole number ${min}-${max} (got ${String(v)})`);
    }
  }
  if (isIP(o.host) === 0 && o.host !== 'localhost') {
    problems.push(`host ${JSON.stringify(o.host)} is not an IP address; give e.g. 127.0.0.1 or 0.0.0.0`);
  }
  for (const p of o.targetPorts) {
    if (!Number.isInteger(p) || p < 1 || p > 65535) problems.push(`target port ${p} is not 1-65535`);
  }
  if (o.apiOrigins !== '*' && o.apiOrigins.length === 0) {
    problems.push('apiOrigins is empty; give at least one origin, or * for any page');
  }
  const tp = o.trustProxy;
  if (typeof tp === 'number' && (!Number.isInteger(tp) || tp < 1 || tp > 10)) {
    problems.push(`trustProxy hops must be 1-10 (got ${tp})`);
  }
  if (problems.length > 0) throw new CorsguardError('USAGE', `serve: ${problems.join('; ')}`);
  return o;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
