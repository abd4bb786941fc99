import { setMaxListeners } from 'node:events';
import { getHeader, isSafelistedMethod, type PreflightRequest } from '../../core/browser/index.js';
import { CorsguardError } from '../../core/errors/index.js';
import { originOfUrl, serializeOrigin, type TupleOrigin } from '../../core/origin/index.js';
import type { ProbeContext } from '../../core/probes/index.js';
import { randomProbeContext } from '../../core/probes/index.js';
import { analyzeHttp, type HttpScanData, type PreflightObservation } from './analyze/index.js';
import { unanswered } from './answers.js';
import { discoverOrigins } from './discover.js';
import { deadline } from './engine/deadline.js';
import { Engine, type EngineOptions, type HttpExchange } from './engine/http-client.js';
import { toNetworkError } from './engine/network-errors.js';
import { byPreference, type ExploreResult, exploreOrigins, type Oracle } from './explore.js';
import { makeFinding } from './findings/make-finding.js';
import {
  type Finding,
  SEVERITIES,
  type StackHints,
  type TargetError,
  type TargetResult,
  TRUSTED_ORIGINS_NOTE,
} from './types.js';

/** Options of a scan: the network settings plus what to send. */
export interface ScanOptions extends EngineOptions {
  /** Method of the probe requests (`-X`); default GET. A non-safelisted method is also asked for in preflights. */
  readonly method?: string;
  /** Origins the user declares trusted: mutated by the bypass generators, never reported. */
  readonly trustedOrigins?: readonly string[];
  /** Time budget for one target, in ms. Default 120000. */
  readonly targetTimeoutMs?: number;
  /**
   * Send every variant of every probe family, stage after stage (`--thorough`): the exhaustive mode. By
   * default a scan sends the most common variants of the long families, one combined probe for the
   * prefix, substring and suffix checks, and the probes of a correct endpoint in as few round trips as
   * possible.
   */
  readonly thorough?: boolean;
  /** Follow redirects (up to 5) before scanning; by default a redirect is reported, not followed. */
  readonly followRedirects?: boolean;
  /**
   * Called with every answered request of the target (probe, preflight, handshake) as it arrives: the
   * hook for live progress. The exchange is the raw one (request headers unredacted): show only what
   * `toEvidence` would. Exceptions it throws are ignored.
   */
  readonly onExchange?: (exchange: HttpExchange) => void;
}

const SCHEMES = new Set(['http:', 'https:', 'ws:', 'wss:']);
const MAX_REDIRECTS = 5;

function targetError(err: unknown, url: string): TargetError {
  const e = toNetworkError(err, url);
  return { code: e.code, message: e.message };
}

function parseTarget(url: string): URL {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new CorsguardError(
      'INVALID_URL',
      `${JSON.stringify(url)} is not a URL; write it like https://api.example.com/v1/me`,
    );
  }
  if (!SCHEMES.has(u.protocol)) {
    throw new CorsguardError(
      'UNSUPPORTED_SCHEME',
      `${url}: scheme ${u.protocol} is not scannable; use http, https, ws or wss`,
    );
  }
  return u;
}

/**
 * Scans one URL for CORS misconfigurations (WebSocket URLs for cross-site WebSocket hijacking) and
 * never throws: network failures become `result.error` with a stable code, and findings found before a
 * failure are kept.
 *
 * @example
 * ```ts
 * const result = await scanTarget('https://api.example.com/me', { cookie: 'session=…' });
 * for (const f of result.findings) console.log(f.severity, f.id, f.origin);
 * ```
 */
export async function scanTarget(
  url: string,
  options: ScanOptions = {},
  shared?: Engine,
): Promise<TargetResult> {
  const started = Date.now();
  const engine = shared ?? new Engine(options);
  const counter: Counter = { requests: 0, onExchange: options.onExchange };
  // The target's hard budget; cleared when the target ends, so no timer outlives a finished target.
  const budget = deadline(options.targetTimeoutMs ?? 120_000);
  const signal = budget.signal;
  setMaxListeners(0, signal); // every in-flight request of the target listens to it
  try {
    const target = parseTarget(url);
    const scanned = target.protocol.startsWith('ws')
      ? await scanWebSocket(engine, target, options, counter, signal)
      : await scanHttp(engine, target, options, counter, signal);
    return { url, requests: counter.requests, durationMs: Date.now() - started, ...scanned };
  } catch (err) {
    return {
      url,
      requests: counter.requests,
      durationMs: Date.now() - started,
      findings: [],
      notes: [],
      error: targetError(err, url),
    };
  } finally {
    budget.clear();
    if (!shared) await engine.close();
  }
}

type Counter = { requests: number; onExchange: ((exchange: HttpExchange) => void) | undefined };

/** Counts one request of the target and reports its answer to `onExchange`. */
async function counted(counter: Counter, request: Promise<HttpExchange>): Promise<HttpExchange> {
  counter.requests++;
  const exchange = await request;
  try {
    counter.onExchange?.(exchange);
  } catch {}
  return exchange;
}
type Scanned = {
  findings: Finding[];
  notes: string[];
  error?: TargetError;
  stackHints?: StackHints;
  trustedOrigins?: string[];
};

function pageOrigin(target: URL): TupleOrigin {
  const origin = originOfUrl(target);
  if (origin.kind !== 'tuple') throw new CorsguardError('INVALID_URL', `${target.href} has no host`);
  const scheme = origin.scheme === 'wss' ? 'https' : origin.scheme === 'ws' ? 'http' : origin.scheme;
  return { ...origin, scheme };
}

function probeErrors<E>(explored: ExploreResult<E>, url: string): TargetError | undefined {
  const first = explored.errors[0];
  if (!first) return undefined;
  const e = targetError(first, url);
  return {
    code: e.code,
    message: `${explored.errors.length} probe(s) failed, results may be incomplete; first: ${e.message}`,
  };
}

function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort((a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity));
}

async function followRedirects(
  engine: Engine,
  start: URL,
  counter: Counter,
  signal: AbortSignal,
  notes: string[],
): Promise<URL> {
  let current = start;
  for (let hop = 0; hop < MAX_REDIRECTS; hop++) {
    const ex = await counted(
      counter,
      engine.request({ method: 'GET', url: current.href, headers: {}, signal }),
    );
    const location = getHeader(ex.headers, 'location');
    if (ex.status < 300 || ex.status > 399 || location === null) return current;
    current = parseTarget(new URL(location, current).href);
    notes.push(`Followed a ${ex.status} redirect to ${current.href}.`);
  }
  return current;
}

async function scanHttp(
  engine: Engine,
  start: URL,
  options: ScanOptions,
  counter: Counter,
  signal: AbortSignal,
): Promise<Scanned> {
  const notes: string[] = [];
  const target = options.followRedirects
    ? await followRedirects(engine, start, counter, signal, notes)
    : start;
  const url = target.href;
  const method = options.method ?? 'GET';
  const send = (headers: Record<string, string>, m = method): Promise<HttpExchange> =>
    counted(counter, engine.request({ method: m, url, headers, signal }));
  const ctx = randomProbeContext();
  const own = pageOrigin(target);
  const declared = options.trustedOrigins ?? [];
  // The preflights need only the attacker origin and the first trusted origin. By default the attacker's
  // leaves with the first probe; a thorough scan sends both once discovery has ended, beside the bypass
  // stages instead of one round trip after them.
  const attacker = `https://${ctx.attacker}`;
  const thorough = options.thorough === true;
  let early: PendingPreflights | undefined = thorough
    ? undefined
    : { attacker: sendPreflight(send, attacker, true, ctx, method) };
  // By default the granted origin's preflight leaves with the likely first trusted origin, before
  // discovery ends; if discovery finds another first, that one's is sent then (and this answer unused).
  let likely: { origin: string; answer: Promise<PreflightAnswer> } | undefined;
  // Which trusted origin the granted preflight comes from: the same preference in both modes.
  const preferred = (found: readonly string[]) => byPreference(found, declared, serializeOrigin(own));
  const { baseline, explored } = await discoverOrigins(
    send,
    own,
    declared,
    ctx,
    (found) => {
      const first = preferred(found)[0];
      const granted =
        first === undefined
          ? undefined
          : first === likely?.origin
            ? likely.answer
            : sendPreflight(send, first, false, ctx, method);
      early = {
        attacker: early?.attacker ?? sendPreflight(send, attacker, true, ctx, method),
        ...(granted ? { granted } : {}),
      };
    },
    thorough,
    (origin) => {
      likely = { origin, answer: sendPreflight(send, origin, false, ctx, method) };
    },
  );
  await likely?.answer; // settled before the target ends, used or not
  const trusted = new Set([serializeOrigin(own), ...explored.trusted, ...declared]);
  const preflights = await sendPreflights(send, explored, trusted, ctx, method, early, preferred);
  const data: HttpScanData = {
    url,
    target: own,
    trusted,
    ...(baseline ? { baseline } : {}),
    simple: explored.observations,
    hits: explored.hits,
    preflights,
  };
  notes.push(...describe(data, explored.trusted, declared.length));
  const exchanges = [
    ...(baseline ? [baseline] : []),
    ...explored.observations.map((o) => o.exchange),
    ...preflights.map((p) => p.exchange),
  ];
  const error = probeErrors(explored, url) ?? unanswered(exchanges, url);
  const stackHints = baseline ? stackHintsOf(baseline) : undefined;
  return {
    findings: sortFindings(analyzeHttp(data)),
    notes,
    ...(stackHints ? { stackHints } : {}),
    ...(explored.trusted.length > 0 ? { trustedOrigins: [...explored.trusted] } : {}),
    ...(error ? { error } : {}),
  };
}

/** `Server` and `X-Powered-By` of a response, cut at 200 characters; undefined when neither is sent. */
function stackHintsOf(ex: HttpExchange): StackHints | undefined {
  const cut = (v: string | null) => (v === null ? undefined : v.slice(0, 200));
  const server = cut(getHeader(ex.headers, 'server'));
  const poweredBy = cut(getHeader(ex.headers, 'x-powered-by'));
  if (server === undefined && poweredBy === undefined) return undefined;
  return { ...(server === undefined ? {} : { server }), ...(poweredBy === undefined ? {} : { poweredBy }) };
}

type PreflightAnswer = Omit<PreflightObservation, 'trusted'> | undefined;
/** Preflights under way: the attacker's, and the granted origin's when it was known at the start. */
type PendingPreflights = { attacker: Promise<PreflightAnswer>; granted?: Promise<PreflightAnswer> };

/** One preflight asking for a non-safelisted method, `authorization` and a made-up header; undefined when it failed. */
async function sendPreflight(
  send: (headers: Record<string, string>, method?: string) => Promise<HttpExchange>,
  origin: string,
  privateNetwork: boolean,
  ctx: ProbeContext,
  method: string,
): Promise<PreflightAnswer> {
  const requestMethod = isSafelistedMethod(method) ? 'PUT' : method.toUpperCase();
  const customHeader = `x-cg-${ctx.label}`;
  const headers: Record<string, string> = {
    origin,
    'access-control-request-method': requestMethod,
    'access-control-request-headers': `authorization,${customHeader}`,
    ...(privateNetwork ? { 'access-control-request-private-network': 'true' } : {}),
  };
  try {
    const exchange = await send(headers, 'OPTIONS');
    const request: PreflightRequest = {
      origin,
      method: requestMethod,
      headers: [
        ['authorization', 'Bearer x'],
        [customHeader, '1'],
      ],
      credentials: 'include',
      privateNetwork,
    };
    return { origin, request, exchange, customHeader };
  } catch {
    return undefined;
  }
}

/**
 * Preflights: one from the attacker origin (also asking for Private Network Access) and one from an
 * origin the server granted, each asking for a non-safelisted method, `authorization` and a made-up
 * header. The granted origin is the `preferred` first of the trusted origins discovery found (see
 * `trustPreference`: the same in both modes), else the first other origin granted. Those `early` started during the exploration are awaited, not sent again.
 */
async function sendPreflights(
  send: (headers: Record<string, string>, method?: string) => Promise<HttpExchange>,
  explored: ExploreResult<HttpExchange>,
  trusted: ReadonlySet<string>,
  ctx: ProbeContext,
  method: string,
  early: PendingPreflights | undefined,
  preferred: (trusted: readonly string[]) => string[],
): Promise<PreflightObservation[]> {
  const attacker = explored.observations[0]?.probe.origin ?? `https://${ctx.attacker}`;
  const granted =
    preferred(explored.trusted).find((o) => o !== attacker) ??
    explored.observations.find((o) => o.allowed && o.probe.origin !== attacker)?.probe.origin;
  const pending = early ?? { attacker: sendPreflight(send, attacker, true, ctx, method) };
  const results = await Promise.all([
    pending.attacker,
    ...(granted === undefined ? [] : [pending.granted ?? sendPreflight(send, granted, false, ctx, method)]),
  ]);
  return results
    .filter((r): r is NonNullable<PreflightAnswer> => r !== undefined)
    .map((r) => ({ ...r, trusted: trusted.has(r.origin) }));
}

function describe(data: HttpScanData, discovered: readonly string[], declared: number): string[] {
  const notes: string[] = [];
  const base = data.baseline;
  if (base && base.status >= 300 && base.status < 400) {
    notes.push(
      `Responded ${base.status} with Location: ${getHeader(base.headers, 'location') ?? '(none)'}; redirects are not followed (use --follow-redirects).`,
    );
  }
  if (!data.simple.some((o) => getHeader(o.exchange.headers, 'access-control-allow-origin') !== null)) {
    notes.push(
      `No Access-Control-Allow-Origin for any of the ${data.simple.length} origins tried (its own origin, common subdomains of its site${declared > 0 ? ', the --trusted-origin ones' : ''}, attacker, null, local and shared-hosting origins): none of them can read it. A front end corsguard could not guess may still be trusted${declared > 0 ? '' : '; name it with --trusted-origin to test it'}.`,
    );
  }
  if (discovered.length > 0) notes.push(`${TRUSTED_ORIGINS_NOTE}${discovered.join(', ')}.`);
  const stack = ['server', 'x-powered-by']
    .map((h) => (base ? getHeader(base.headers, h) : null))
    .filter((v): v is string => v !== null);
  if (stack.length > 0) notes.push(`Server: ${stack.join('; ').slice(0, 200)}.`);
  return notes;
}

async function scanWebSocket(
  engine: Engine,
  target: URL,
  options: ScanOptions,
  counter: Counter,
  signal: AbortSignal,
): Promise<Scanned> {
  const url = target.href;
  const oracle: Oracle<HttpExchange> = async (probe) => {
    const exchange = await counted(counter, engine.websocketHandshake({ url, origin: probe.origin, signal }));
    return { probe, allowed: exchange.status === 101, exchange };
  };
  const own = pageOrigin(target);
  const explored = await exploreOrigins(oracle, {
    target: own,
    declared: options.trustedOrigins ?? [],
    ctx: randomProbeContext(),
    thorough: options.thorough === true,
  });
  const notes: string[] = [];
  if (!explored.observations.some((o) => o.allowed)) {
    const statuses = [...new Set(explored.observations.map((o) => o.exchange.status))].join(', ');
    notes.push(`The handshake was refused for every origin tried (status ${statuses}).`);
  } else if (explored.trusted.length > 0) {
    notes.push(`Handshake accepted for: ${explored.trusted.join(', ')}.`);
  }
  const [head, ...rest] = explored.hits;
  const findings = head
    ? [
        makeFinding('websocket-origin-unchecked', {
          url,
          origin: head.probe.origin,
          origins: [head.probe.origin, ...rest.map((h) => h.probe.origin)],
          access: 'credentialed',
          exchanges: [head.exchange, ...rest.map((h) => h.exchange)],
          ...(head.probe.family === 'arbitrary'
            ? {}
            : { detail: `The Origin check is bypassed by a ${head.probe.family} origin.` }),
        }),
      ]
    : [];
  const error =
    probeErrors(explored, url) ??
    unanswered(
      explored.observations.map((o) => o.exchange),
      url,
    );
  return {
    findings,
    notes,
    ...(explored.trusted.length > 0 ? { trustedOrigins: [...explored.trusted] } : {}),
    ...(error ? { error } : {}),
  };
}
