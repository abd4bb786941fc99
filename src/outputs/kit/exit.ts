/**
 * The exit codes of every corsguard command, defined once: 0 nothing to report; 1 findings at or above
 * `--fail-on` (scan) or policy violations (check); 2 a usage error (bad flags, an invalid policy file, a
 * configuration a generator cannot express); 3 a target that could not be scanned, or probes that could
 * not be sent, with nothing failing.
 *
 * @example
 * ```ts
 * process.exitCode = EXIT.usage; // 2
 * ```
 */
export const EXIT = { ok: 0, findings: 1, usage: 2, targetError: 3 } as const;

/** One of the {@link EXIT} codes. */
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/**
 * The exit code of a run from its counts, with the one precedence every command uses: failing findings
 * or violations (1) before targets or probes that failed (3) before success (0).
 *
 * @example
 * ```ts
 * exitCodeOf({ failing: 0, errors: 2 }); // 3
 * exitCodeOf({ failing: 1, errors: 2 }); // 1
 * ```
 */
export function exitCodeOf(counts: { readonly failing: number; readonly errors: number }): ExitCode {
  if (counts.failing > 0) return EXIT.findings;
  if (counts.errors > 0) return EXIT.targetError;
  return EXIT.ok;
}
