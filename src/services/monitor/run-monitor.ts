import {
  diffSnapshots,
  type MonitorConfig,
  type MonitorGroup,
  nextRunAt,
  type TargetSnapshot,
} from '../../capabilities/monitor/index.js';
import type { ScanManyOptions } from '../../capabilities/scan/index.js';
import type { ScanStore } from '../../capabilities/store/index.js';
import type { ReportTarget } from '../../outputs/report/index.js';
import { type CheckOutcome, type CheckServiceOptions, runCheck } from '../check/index.js';
import { scanStream } from '../scan/index.js';
import { monitorSinks } from './deliver.js';
import type { Deliver, DeliveryRecord, MonitorEvent } from './types.js';

/** Options of {@link runMonitorOnce} and {@link runMonitorLoop}. */
export interface MonitorServiceOptions {
  readonly store: ScanStore;
  /** Sends alerts; default: the configuration's sinks (built once for the run or the loop). */
  readonly deliver?: Deliver;
  /** Scan settings on top of each group's limits (tests: `resolve`, `insecure`). */
  readonly scan?: ScanManyOptions;
  /** Scans a group's list: in this process by default ({@link inProcessScanner}); the workers with `--queue` ({@link queueScanner}). */
  readonly scanner?: MonitorScanner;
  /** Checks a group's policy: `runCheck` in this process by default; the workers with `--queue` ({@link queueChecker}). */
  readonly checker?: MonitorChecker;
  readonly now?: () => Date;
}

/** Runs a policy check as `runCheck` does (the policy file, its environment, the URLs and network options). */
export type MonitorChecker = (
  policyFile: string,
  environment: string | undefined,
  options: CheckServiceOptions,
) => Promise<CheckOutcome>;

/**
 * Scans a list with the given settings and yields each graded result (the per-target object of
 * `corsguard scan --format json`) as it is done. The list is pulled lazily, so a spent request budget
 * stops it.
 */
export type MonitorScanner = (
  urls: AsyncIterable<string>,
  scan: ScanManyOptions,
) => AsyncIterable<ReportTarget>;

/**
 * The embedded default: scans in this process, through the scan service.
 *
 * @example
 * ```ts
 * for await (const r of inProcessScanner(list, { timeoutMs: 5000 })) console.log(r.url, r.grade?.letter);
 * ```
 */
export const inProcessScanner: MonitorScanner = async function* (urls, scan) {
  for await (const { reported } of scanStream(urls, { failOn: 'none', scan })) yield reported;
};

/** What one run of a group did. */
export interface GroupRun {
  readonly group: string;
  readonly runId: string;
  readonly targets: number;
  /** Targets left for the next run because the group's request budget was spent. */
  readonly deferred: number;
  readonly unreachable: number;
  readonly changes: readonly MonitorEvent[];
  readonly deliveries: readonly DeliveryRecord[];
}

async function* budgeted(urls: readonly string[], budget: { left: number }, deferred: { n: number }) {
  for (const [i, url] of urls.entries()) {
    if (budget.left <= 0) {
      deferred.n = urls.length - i;
      return;
    }
    yield url;
  }
}

/** Policy violations per URL (normalized as the check reports them), in words. */
async function driftOf(
  group: MonitorGroup,
  urls: readonly string[],
  scan: ScanManyOptions,
  checker: MonitorChecker,
): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (!group.policy) return out;
  const outcome = await checker(group.policy.file, group.policy.environment, {
    ...(urls.length > 0 ? { urls } : {}),
    network: { ...scan, concurrency: group.limits.concurrency, perHost: group.limits.perHost },
  });
  if (!outcome.ok) return out;
  for (const r of outcome.run.results)
    out.set(
      r.url,
      r.violations.map((v) => `${v.code}: ${v.message}`),
    );
  return out;
}

/**
 * Runs one group once: scans its targets within its limits and budget (and checks them against its policy
 * when it has one), stores what each target showed, compares it with that target's previous run, stores
 * each change and sends it to the group's sinks — only on change. Every delivery is recorded, failed ones
 * too; a target that cannot be scanned is a result (`unreachable`), never a lost one.
 *
 * @example
 * ```ts
 * const run = await runMonitorGroup(config.groups[0], { store, deliver });
 * run.changes.map((c) => c.kind); // ['new-findings']
 * ```
 */
export async function runMonitorGroup(
  group: MonitorGroup,
  options: MonitorServiceOptions,
): Promise<GroupRun> {
  const { store } = options;
  const now = options.now ?? (() => new Date());
  const runId = await store.monitor.startRun(group.name);
  const scan: ScanManyOptions = {
    ...options.scan,
    concurrency: group.limits.concurrency * group.limits.perHost,
    perHost: group.limits.perHost,
    ...(group.limits.h2Streams ? { http2Streams: group.limits.h2Streams } : {}),
    targetsInFlight: group.limits.concurrency,
    ...(group.limits.requestsPerSecond ? { ratePerHost: group.limits.requestsPerSecond } : {}),
    ...(group.limits.timeoutMs ? { timeoutMs: group.limits.timeoutMs } : {}),
  };
  // A group with only a policy watches its environment's urls (the check reports them).
  let urls = group.urls;
  const drift = await driftOf(group, urls, scan, options.checker ?? runCheck).catch(
    () => new Map<string, string[]>(),
  );
  if (urls.length === 0) urls = [...drift.keys()];
  const budget = { left: group.limits.maxRequests ?? Number.POSITIVE_INFINITY };
  const deferred = { n: 0 };
  const changes: MonitorEvent[] = [];
  const deliveries: DeliveryRecord[] = [];
  let targets = 0;
  let unreachable = 0;
  const scanner = options.scanner ?? inProcessScanner;
  for await (const reported of scanner(budgeted(urls, budget, deferred), scan)) {
    budget.left -= reported.requests;
    targets++;
    const findings = reported.findings.map((f) => ({ id: f.id, severity: f.severity, title: f.title }));
    const down = reported.error !== undefined && findings.length === 0;
    if (down) unreachable++;
    const snapshot: TargetSnapshot = {
      target: reported.url,
      ...(reported.grade?.letter ? { grade: reported.grade.letter } : {}),
      findings,
      ...(down && reported.error
        ? { error: { code: reported.error.code, message: reported.error.message } }
        : {}),
      ...(group.policy ? { drift: drift.get(reported.url) ?? [] } : {}),
    };
    const previous = await store.monitor.previous(snapshot.target, runId);
    await store.monitor.saveResult(
      runId,
      group.name,
      snapshot as unknown as Record<string, unknown> & { target: string },
    );
    const change = diffSnapshots(previous?.snapshot as TargetSnapshot | undefined, snapshot);
    if (!change) continue;
    const event: MonitorEvent = { ...change, group: group.name, runId, at: now().toISOString() };
    changes.push(event);
    const changeId = await store.monitor.saveChange(
      runId,
      group.name,
      event.target,
      event.kind,
      event as unknown as Record<string, unknown>,
    );
    for (const sink of group.alerts) {
      const record: DeliveryRecord = options.deliver
        ? await options.deliver(event, sink).catch((e: unknown) => ({
            sink,
            ok: false,
            attempts: 0,
            error: String((e as Error).message ?? e),
          }))
        : { sink, ok: false, attempts: 0, error: 'no alert sender configured' };
      deliveries.push(record);
      await store.monitor.saveAlert(
        changeId,
        sink,
        record.ok,
        record.attempts,
        record as unknown as Record<string, unknown>,
      );
    }
  }
  await store.monitor.finishRun(runId);
  return { group: group.name, runId, targets, deferred: deferred.n, unreachable, changes, deliveries };
}

/**
 * Runs every group once, one after another (`corsguard monitor --once`).
 *
 * @example
 * ```ts
 * const runs = await runMonitorOnce(config, { store, deliver });
 * ```
 */
export async function runMonitorOnce(
  config: MonitorConfig,
  options: MonitorServiceOptions,
): Promise<GroupRun[]> {
  const sinks = options.deliver ? undefined : monitorSinks(config.sinks);
  const withDeliver = sinks ? { ...options, deliver: sinks.deliver } : options;
  try {
    const runs: GroupRun[] = [];
    for (const group of config.groups) runs.push(await runMonitorGroup(group, withDeliver));
    return runs;
  } finally {
    await sinks?.close();
  }
}

/**
 * Runs each group on its schedule until `signal` aborts: every group first at start, then at its next
 * time (interval after the run started, or the next cron slot). A group still running when it is due
 * again is not started twice.
 *
 * @example
 * ```ts
 * const stop = new AbortController();
 * await runMonitorLoop(config, { store, deliver, signal: stop.signal, onRun: (r) => console.log(r.group) });
 * ```
 */
export async function runMonitorLoop(
  config: MonitorConfig,
  options: MonitorServiceOptions & {
    readonly signal: AbortSignal;
    readonly onRun?: (run: GroupRun) => void;
    readonly onError?: (group: string, e: unknown) => void;
  },
): Promise<void> {
  const now = options.now ?? (() => new Date());
  const sinks = options.deliver ? undefined : monitorSinks(config.sinks);
  const run = sinks ? { ...options, deliver: sinks.deliver } : options;
  const due = new Map(config.groups.map((g) => [g.name, now()]));
  const running = new Set<string>();
  const pending = new Set<Promise<void>>();
  while (!options.signal.aborted) {
    const t = now();
    for (const group of config.groups) {
      const at = due.get(group.name) as Date;
      if (at > t || running.has(group.name)) continue;
      running.add(group.name);
      due.set(group.name, nextRunAt(group.schedule, t));
      const p = runMonitorGroup(group, run)
        .then((run) => options.onRun?.(run))
        .catch((e: unknown) => options.onError?.(group.name, e))
        .finally(() => {
          running.delete(group.name);
          pending.delete(p);
        });
      pending.add(p);
    }
    const next = Math.min(...[...due.values()].map((d) => d.getTime()));
    await sleep(Math.max(50, Math.min(next - now().getTime(), 60_000)), options.signal);
  }
  await Promise.allSettled([...pending]);
  await sinks?.close();
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
