/** A finding as the monitor compares and reports it. */
export interface WatchedFinding {
  readonly id: string;
  readonly severity: string;
  readonly title: string;
}

/** What one run observed of one target: its grade and findings, or that it did not answer; policy drift. */
export interface TargetSnapshot {
  readonly target: string;
  readonly grade?: string;
  readonly findings: readonly WatchedFinding[];
  /** The target could not be scanned (the findings are then not compared). */
  readonly error?: { readonly code: string; readonly message: string };
  /** Violations of the group's policy (`corsguard check`), in words; absent when no policy is checked. */
  readonly drift?: readonly string[];
}

/** One change between two runs of a target: what alerts are made of. */
export interface TargetChange {
  readonly kind:
    | 'new-findings'
    | 'fixed'
    | 'changed'
    | 'grade-changed'
    | 'policy-drift'
    | 'unreachable'
    | 'recovered';
  readonly target: string;
  readonly grade?: { readonly before?: string; readonly after?: string };
  readonly added: readonly WatchedFinding[];
  readonly removed: readonly WatchedFinding[];
  readonly error?: { readonly code: string; readonly message: string };
  readonly drift?: readonly string[];
}

const key = (f: WatchedFinding) => f.id;

/**
 * Compares a target's run with its previous one and says what changed, as one change (so one alert):
 * - first run: nothing (a baseline, not a change);
 * - it stopped answering: `unreachable`; it answers again: `recovered` (with what it has now);
 * - findings added and none removed: `new-findings`; removed and none added: `fixed`; both: `changed`;
 *   the grade alone: `grade-changed`;
 * - the policy check's violations changed (and nothing above did): `policy-drift`.
 * Unchanged runs give nothing: alerts go out only on change.
 *
 * @example
 * ```ts
 * diffSnapshots(before, after)?.kind; // 'new-findings' when origin-reflected appeared
 * ```
 */
export function diffSnapshots(
  previous: TargetSnapshot | undefined,
  current: TargetSnapshot,
): TargetChange | undefined {
  if (!previous) return undefined;
  const base = { target: current.target, added: [] as WatchedFinding[], removed: [] as WatchedFinding[] };
  if (current.error)
    return previous.error ? undefined : { ...base, kind: 'unreachable', error: current.error };
  const before = new Set(previous.findings.map(key));
  const after = new Set(current.findings.map(key));
  const added = previous.error ? [] : current.findings.filter((f) => !before.has(key(f)));
  const removed = previous.error ? [] : previous.findings.filter((f) => !after.has(key(f)));
  const grade =
    previous.grade !== current.grade
      ? {
          grade: {
            ...(previous.grade ? { before: previous.grade } : {}),
            ...(current.grade ? { after: current.grade } : {}),
          },
        }
      : {};
  if (previous.error) return { ...base, kind: 'recovered', ...grade, added: [...current.findings] };
  if (added.length > 0 || removed.length > 0)
    return {
      ...base,
      kind: added.length && removed.length ? 'changed' : added.length ? 'new-findings' : 'fixed',
      ...grade,
      added,
      removed,
    };
  if (previous.grade !== current.grade) return { ...base, kind: 'grade-changed', ...grade };
  const drift = (s: TargetSnapshot) => [...(s.drift ?? [])].sort().join('\n');
  if (current.drift !== undefined && drift(previous) !== drift(current))
    return { ...base, kind: 'policy-drift', drift: current.drift };
  return undefined;
}
