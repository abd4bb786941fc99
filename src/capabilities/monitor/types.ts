/** How often a group runs: every N milliseconds, or on a cron schedule (UTC). */
export type Schedule =
  | { readonly kind: 'interval'; readonly ms: number }
  | { readonly kind: 'cron'; readonly expression: string };

/** The scan limits of a group (inherited from `defaults`). */
export interface GroupLimits {
  readonly concurrency: number;
  readonly perHost: number;
  /** Requests in flight per host that answers over HTTP/2 (the scan's `--h2-streams`). */
  readonly h2Streams?: number;
  readonly requestsPerSecond?: number;
  /** Requests one run of the group may send; targets beyond it wait for the next run. */
  readonly maxRequests?: number;
  readonly timeoutMs?: number;
}

/** One group of watched targets, resolved (URL file read, paths made absolute, defaults merged). */
export interface MonitorGroup {
  readonly name: string;
  readonly urls: readonly string[];
  readonly schedule: Schedule;
  readonly limits: GroupLimits;
  /** A policy file (absolute path) and environment: `check` runs on the URLs too. */
  readonly policy?: { readonly file: string; readonly environment?: string };
  /** Names of the sinks this group alerts. */
  readonly alerts: readonly string[];
}

/** A valid monitor configuration. `sinks` are the raw sink settings by name (built by the alerts capability). */
export interface MonitorConfig {
  readonly fileName: string;
  readonly groups: readonly MonitorGroup[];
  readonly sinks: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
}

/** One problem in a monitor configuration, with its 1-based position. */
export interface MonitorConfigIssue {
  readonly code:
    | 'yaml-syntax'
    | 'schema'
    | 'unknown-key'
    | 'missing-key'
    | 'url-invalid'
    | 'url-file-unreadable'
    | 'cron-invalid'
    | 'schedule-conflict'
    | 'group-duplicate'
    | 'group-empty'
    | 'sink-unknown'
    | 'sink-invalid';
  readonly path: readonly (string | number)[];
  readonly message: string;
  readonly fix: string;
  readonly line: number;
  readonly column: number;
}

/** A parsed configuration, or every problem found. */
export type MonitorConfigResult =
  | { readonly ok: true; readonly config: MonitorConfig }
  | { readonly ok: false; readonly fileName: string; readonly issues: readonly MonitorConfigIssue[] };
