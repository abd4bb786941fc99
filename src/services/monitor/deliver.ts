import { type ConfiguredSink, type CreateSinkOptions, createSink } from '../../capabilities/alerts/index.js';
import type { Deliver, DeliveryRecord } from './types.js';

/** An alert sender built from a configuration's sinks, and what closes their connections. */
export interface MonitorSinks {
  readonly deliver: Deliver;
  close(): Promise<void>;
}

/**
 * Builds every sink of a monitor configuration (by name; each validated when built, so a bad sink stops
 * the start, never a run) and the `Deliver` the monitor calls: a sink that does not take the change's kind
 * (`events:`) is skipped and recorded as such; every other outcome is the sink's own delivery record.
 *
 * @example
 * ```ts
 * const sinks = monitorSinks(config.sinks);
 * await runMonitorOnce(config, { store, deliver: sinks.deliver });
 * await sinks.close();
 * ```
 */
export function monitorSinks(
  configs: Readonly<Record<string, Readonly<Record<string, unknown>>>>,
  options: CreateSinkOptions = {},
): MonitorSinks {
  const sinks = new Map<string, ConfiguredSink>(
    Object.entries(configs).map(([name, config]) => [name, createSink({ name, ...config }, options)]),
  );
  return {
    async deliver(event, name): Promise<DeliveryRecord> {
      const sink = sinks.get(name);
      if (!sink) return { sink: name, ok: false, attempts: 0, error: `no sink named ${name}` };
      if (!sink.accepts(event.kind)) return { sink: name, ok: true, attempts: 0, skipped: true };
      const r = await sink.send(event);
      return {
        sink: name,
        ok: r.ok,
        attempts: r.attempts,
        ...(r.status === undefined ? {} : { status: r.status }),
        ...(r.error ? { error: `${r.error.code}: ${r.error.message}` } : {}),
      };
    },
    async close() {
      await Promise.allSettled([...sinks.values()].map((s) => s.close()));
    },
  };
}
