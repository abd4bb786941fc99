import type { DiscoverySource } from '../../capabilities/discovery/index.js';
import { isStack } from '../../capabilities/remediation/index.js';
import type { ScanStore, StoredScan } from '../../capabilities/store/index.js';
import { isToken } from '../../core/browser/index.js';
import { CorsguardError } from '../../core/errors/index.js';
import { parseTrustedOrigins } from '../../core/origin/index.js';
import { chromiumPath } from '../verify/index.js';
import type { Admission, AdmittedTarget } from './admission.js';
import { discoverSite, isBareSite, siteUrlOf } from './discover-site.js';
import { ServeError } from './errors.js';
import type { ResolvedServeOptions } from './options.js';
import { isAuthenticated, type ScanRunner, type ScanSecrets } from './runner.js';
import { SlidingWindow } from './window.js';

/** A scan asked for, by the API (JSON) or the form (fields), before it is checked. */
export interface ScanInput {
  readonly url?: unknown;
  readonly trustedOrigins?: unknown;
  readonly stack?: unknown;
  /** Scan again even within the cooldown. */
  readonly force?: unknown;
  /** For an authenticated scan; used for its requests only, never stored, logged or shown. */
  readonly cookie?: unknown;
  readonly headers?: unknown;
  /** Verify each exploitable finding in headless Chromium (`true`, or the form's checkbox `on`). */
  readonly verify?: unknown;
}

/** What {@link Submitter.submit} did: a new scan queued, or a recent one of the same URL given back. */
export interface Submitted {
  readonly scan: StoredScan;
  readonly reused: boolean;
  /** For a bare site: what discovery found, and the scan of each endpoint (`scan` is the first). */
  readonly discovery?: SiteDiscovery;
}

/** A bare site's discovery in the web app: one scan per endpoint found, and what was not scanned. */
export interface SiteDiscovery {
  /** The site's page is `/sites/{id}`: every endpoint's scan, where it was found, what was skipped. */
  readonly id: string;
  readonly site: string;
  readonly scope: string;
  readonly scans: readonly {
    readonly url: string;
    readonly id: string;
    readonly reused: boolean;
    readonly from: readonly DiscoverySource[];
  }[];
  /** Endpoints found but not scanned: refused by the SSRF gate, the queue full, the host's limit. */
  readonly skipped: readonly { readonly url: string; readonly reason: string }[];
  readonly notes: readonly string[];
}

const MAX_TRUSTED = 20;
const MAX_SECRET = 8192;

/**
 * Checks a scan request and queues it, or refuses it with a {@link ServeError}: the URL through the
 * admission gate (SSRF), the inputs (origins, stack, secrets' shape), the queue's room, the per-target-host
 * limit, and the cooldown (a scan of the same URL and options in the last minutes is given back unless
 * `force`; one still queued or running always is).
 *
 * @example
 * ```ts
 * const { scan, reused } = await submitter.submit({ url: 'https://api.example.com/me' });
 * ```
 */
export class Submitter {
  readonly #store: ScanStore;
  readonly #runner: ScanRunner;
  readonly #admission: Admission;
  readonly #options: ResolvedServeOptions;
  /** Recent submissions per client address, and scans per target host. */
  readonly #clients: SlidingWindow;
  readonly #hosts: SlidingWindow;
  /** Bare-site discoveries running now. */
  #discovering = 0;

  constructor(store: ScanStore, runner: ScanRunner, admission: Admission, options: ResolvedServeOptions) {
    this.#store = store;
    this.#runner = runner;
    this.#admission = admission;
    this.#options = options;
    this.#clients = new SlidingWindow(options.rateWindowMs, options.scansPerClient);
    this.#hosts = new SlidingWindow(options.rateWindowMs, options.scansPerTargetHost);
  }

  /** `client` is the address the limits count (the peer, or X-Forwarded-For's when trusted). */
  async submit(input: ScanInput, client: string): Promise<Submitted> {
    const o = this.#options;
    // Every submission counts, refused ones too: probing the gate costs the same as scanning.
    const wait = this.#clients.take(client);
    if (wait !== undefined) {
      throw new ServeError(
        'RATE_LIMITED',
        `more than ${o.scansPerClient} scans from this address in ${Math.round(o.rateWindowMs / 1000)} s; retry in ${wait} s`,
        wait,
      );
    }
    if (typeof input.url !== 'string' || input.url.trim() === '') {
      throw new ServeError('INVALID_URL', 'give the URL to scan, e.g. https://api.example.com/me');
    }
    const problems: string[] = [];
    const trustedOrigins = parseTrustedOrigins(
      listOf(input.trustedOrigins, problems),
      'trustedOrigins',
      problems,
    );
    const stack = input.stack === undefined || input.stack === '' ? undefined : input.stack;
    if (stack !== undefined && (typeof stack !== 'string' || !isStack(stack))) {
      problems.push('stack must be one of express, fastify, hono, next, django, nginx, apache, corsguard');
    }
    const secrets = secretsOf(input, problems);
    const verify = input.verify === true || input.verify === 'on';
    if (input.verify !== undefined && !verify && input.verify !== false && input.verify !== '') {
      problems.push('verify must be true or false');
    }
    if (problems.length > 0) throw new ServeError('INVALID_REQUEST', problems.join('; '));
    if (verify) chromiumAvailable();
    const bare = isBareSite(input.url);
    const target = await this.#admission.admit(bare ? siteUrlOf(input.url) : input.url);
    if (!target.ok) throw new ServeError(target.code, target.message);
    const force = input.force === true || input.force === 'on';
    if (bare) {
      const found = await this.#discover(target, { trustedOrigins, stack, secrets, verify, force });
      if (found) return found;
    }

    const recent = await this.#recent(target.url, trustedOrigins, secrets, verify, force);
    if (recent) return { scan: recent, reused: true };
    if (this.#runner.full) {
      throw new ServeError(
        'QUEUE_FULL',
        'every scan slot is busy and the queue is full; retry in a minute',
        60,
      );
    }
    const hostWait = this.#hosts.take(target.host);
    if (hostWait !== undefined) {
      throw new ServeError(
        'RATE_LIMITED',
        `${target.host} was scanned ${this.#hosts.count(target.host)} times in the last ${Math.round(o.rateWindowMs / 1000)} s, from every client together; retry in ${hostWait} s`,
        hostWait,
      );
    }
    const scan = await this.#runner.enqueue(
      target,
      { trustedOrigins, ...(stack ? { stack: stack as string } : {}), ...(verify ? { verify } : {}) },
      secrets,
    );
    return { scan, reused: false };
  }

  /**
   * A bare site: discovers its endpoints (every request through the SSRF gate) and queues one scan per
   * endpoint that passes the gate, the cooldown, the queue's room and the per-host limit; undefined when
   * none could be queued (the site URL is then scanned as given).
   */
  async #discover(
    site: AdmittedTarget,
    request: {
      trustedOrigins: readonly string[];
      stack: unknown;
      secrets: ScanSecrets;
      verify: boolean;
      force: boolean;
    },
  ): Promise<Submitted | undefined> {
    const o = this.#options;
    const { trustedOrigins, secrets } = request;
    const network = {
      timeoutMs: o.requestTimeoutMs,
      concurrency: o.requestsInFlight,
      perHost: o.requestsInFlight,
      ratePerHost: o.requestsPerSecond,
      ...(secrets.cookie !== undefined ? { cookie: secrets.cookie } : {}),
      ...(secrets.headers ? { headers: secrets.headers } : {}),
    };
    // Discovery runs while the submission waits: at most as many at once as scans.
    if (this.#discovering >= o.maxConcurrentScans) {
      throw new ServeError('QUEUE_FULL', 'every discovery slot is busy; retry in a minute', 60);
    }
    this.#discovering++;
    const found = await discoverSite(site.url, this.#admission, network, o.scanTimeoutMs).finally(() => {
      this.#discovering--;
    });
    const scans: { url: string; id: string; reused: boolean; from: readonly DiscoverySource[] }[] = [];
    const stored: StoredScan[] = [];
    const skipped: { url: string; reason: string }[] = [];
    for (const endpoint of found.endpoints) {
      const target = await this.#admission.admit(endpoint.url);
      if (!target.ok) {
        skipped.push({ url: endpoint.url, reason: target.message });
        continue;
      }
      const recent = await this.#recent(target.url, trustedOrigins, secrets, request.verify, request.force);
      let scan = recent;
      if (!scan) {
        if (this.#runner.full) {
          skipped.push({ url: target.url, reason: 'every scan slot is busy and the queue is full' });
          continue;
        }
        if (this.#hosts.take(target.host) !== undefined) {
          skipped.push({ url: target.url, reason: `${target.host} reached its limit of scans for now` });
          continue;
        }
        scan = await this.#runner.enqueue(
          target,
          {
            trustedOrigins,
            ...(typeof request.stack === 'string' ? { stack: request.stack } : {}),
            discoveredFrom: endpoint.from,
            ...(request.verify ? { verify: true } : {}),
          },
          secrets,
        );
      }
      stored.push(scan);
      scans.push({ url: target.url, id: scan.id, reused: recent !== undefined, from: endpoint.from });
    }
    const [first] = stored;
    if (!first) return undefined;
    const discovery = { site: found.site, scope: found.scope, scans, skipped, notes: found.notes };
    const record = await this.#store.createSite(found.site, discovery);
    return { scan: first, reused: scans.every((s) => s.reused), discovery: { id: record.id, ...discovery } };
  }

  /** A scan of the same URL and trusted origins to give back instead of scanning again, if any. */
  async #recent(
    url: string,
    trustedOrigins: readonly string[],
    secrets: ScanSecrets,
    verify: boolean,
    force: boolean,
  ): Promise<StoredScan | undefined> {
    if (isAuthenticated(secrets)) return undefined; // never share a session's result
    const [last] = (await this.#store.history(url, { limit: 1 })).scans;
    if (!last || last.request.authenticated) return undefined;
    if (same(last.request.trustedOrigins ?? [], trustedOrigins) === false) return undefined;
    if ((last.request.verify === true) !== verify) return undefined;
    if (last.status === 'queued' || last.status === 'running') return last;
    const fresh =
      last.status === 'done' &&
      Date.now() - (last.finishedAt ?? last.createdAt).getTime() < this.#options.cooldownMs;
    return fresh && !force ? last : undefined;
  }
}

/** Refuses `verify` when this server cannot start Chromium (checked before the target is admitted). */
function chromiumAvailable(): void {
  try {
    chromiumPath(process.env);
  } catch (err) {
    if (err instanceof CorsguardError) throw new ServeError('VERIFY_UNAVAILABLE', err.message);
    throw err;
  }
}

function listOf(v: unknown, problems: string[]): string[] {
  if (v === undefined || v === null || v === '') return [];
  // The form sends one origin per line; the API an array of strings.
  const list =
    typeof v === 'string'
      ? v
          .split(/[\r\n,]+/)
          .map((s) => s.trim())
          .filter(Boolean)
      : v;
  if (!Array.isArray(list) || !list.every((s) => typeof s === 'string')) {
    problems.push('trustedOrigins must be a list of origins like https://app.example.com');
    return [];
  }
  if (list.length > MAX_TRUSTED)
    problems.push(`trustedOrigins has ${list.length} origins; give at most ${MAX_TRUSTED}`);
  return list.slice(0, MAX_TRUSTED);
}

function secretsOf(input: ScanInput, problems: string[]): ScanSecrets {
  const out: { cookie?: string; headers?: Record<string, string> } = {};
  if (input.cookie !== undefined && input.cookie !== '') {
    if (typeof input.cookie !== 'string' || input.cookie.length > MAX_SECRET || /[\r\n]/.test(input.cookie)) {
      problems.push(`cookie must be one Cookie header value (one line, at most ${MAX_SECRET} characters)`);
    } else out.cookie = input.cookie;
  }
  if (input.headers !== undefined) {
    const h = input.headers;
    const entries = typeof h === 'object' && h !== null && !Array.isArray(h) ? Object.entries(h) : null;
    const valid =
      entries !== null &&
      entries.length <= 20 &&
      entries.every(
        ([k, v]) =>
          isToken(k) &&
          !/^(origin|host|access-control-request-.*)$/i.test(k) &&
          typeof v === 'string' &&
          v.length <= MAX_SECRET &&
          !/[\r\n]/.test(v),
      );
    if (!valid) {
      problems.push(
        'headers must be an object of at most 20 "Name": "value" pairs (not Origin, Host or Access-Control-Request-*)',
      );
    } else if (entries.length > 0) out.headers = Object.fromEntries(entries) as Record<string, string>;
  }
  return out;
}

const same = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && [...a].sort().join('\n') === [...b].sort().join('\n');
