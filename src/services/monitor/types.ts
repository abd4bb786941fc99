import type { TargetChange } from '../../capabilities/monitor/index.js';

/** A change as alerts carry it: the target's change plus where and when it was seen. */
export interface MonitorEvent extends TargetChange {
  readonly group: string;
  readonly runId: string;
  readonly at: string;
}

/** How one alert delivery went (the alerts capability's record, as the monitor stores it). */
export interface DeliveryRecord {
  readonly sink: string;
  readonly ok: boolean;
  readonly attempts: number;
  readonly status?: number;
  readonly error?: string;
  /** The sink does not take this kind of change (its `events:`): nothing was sent. */
  readonly skipped?: boolean;
}

/** Sends one event to one named sink; never throws (a failure is a record with `ok: false`). */
export type Deliver = (event: MonitorEvent, sink: string) => Promise<DeliveryRecord>;
