import { Cron } from 'croner';
import type { Schedule } from './types.js';

const UNIT_MS = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/**
 * Reads an interval such as `30s`, `15m`, `1h`, `1d` (as the config schema allows), or undefined.
 *
 * @example
 * ```ts
 * parseInterval('15m'); // 900000
 * ```
 */
export function parseInterval(text: string): number | undefined {
  const m = /^([1-9][0-9]*)(s|m|h|d)$/.exec(text);
  return m ? Number(m[1]) * UNIT_MS[m[2] as keyof typeof UNIT_MS] : undefined;
}

/**
 * Why a cron expression is refused (croner's own words), or undefined when it is valid. Expressions are
 * read in UTC, with 5 fields (minute first) or 6 (seconds first).
 *
 * @example
 * ```ts
 * cronProblem('*\/15 * * * *'); // undefined
 * cronProblem('61 * * * *'); // 'CronPattern: Invalid value for minute: 61'
 * ```
 */
export function cronProblem(expression: string): string | undefined {
  try {
    new Cron(expression, { timezone: 'UTC', paused: true }).stop();
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}

/**
 * When a group runs next after `after`: the next cron time, or `after` plus the interval.
 *
 * @example
 * ```ts
 * nextRunAt({ kind: 'interval', ms: 60_000 }, new Date(0)); // 1970-01-01T00:01:00.000Z
 * ```
 */
export function nextRunAt(schedule: Schedule, after: Date): Date {
  if (schedule.kind === 'interval') return new Date(after.getTime() + schedule.ms);
  const cron = new Cron(schedule.expression, { timezone: 'UTC', paused: true });
  const next = cron.nextRun(after) ?? new Date(after.getTime() + UNIT_MS.d * 366);
  cron.stop();
  return next;
}
