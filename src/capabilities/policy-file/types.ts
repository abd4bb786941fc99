import type { Policy, PolicyInput, PolicyIssueCode } from '../../core/policy/index.js';

/** Codes of problems only a policy file can have (on top of the policy's own {@link PolicyIssueCode}s). */
export type PolicyFileOnlyCode =
  /** The file could not be read. */
  | 'file-unreadable'
  /** YAML (or JSON) syntax error. */
  | 'yaml-syntax'
  /** A key the format does not know (`additionalProperties: false` in the schema). */
  | 'unknown-key'
  /** A required key is missing (`version`, `environments`, a path override's `path`). */
  | 'missing-key'
  /** A value of the wrong type or out of the schema's range. */
  | 'schema'
  /** An entry of `urls` that is not an http(s) URL. */
  | 'url-invalid'
  /** Two path overrides of one environment with the same `path`. */
  | 'path-duplicate'
  /** A `path` with a wildcard, query, fragment or a character a URL path never holds: it would never match. */
  | 'path-not-prefix'
  /** An environment named like production (prod, production, live) allows localhost or loopback origins. */
  | 'production-localhost';

/** Stable codes of {@link PolicyFileIssue}s. */
export type PolicyFileIssueCode = PolicyIssueCode | PolicyFileOnlyCode;

/**
 * One problem in a policy file, located at a 1-based line and column.
 * `path` is the location in the document (`['environments', 'production', 'origins', 2]`).
 */
export interface PolicyFileIssue {
  readonly code: PolicyFileIssueCode;
  readonly path: readonly (string | number)[];
  readonly message: string;
  readonly fix: string;
  readonly line: number;
  readonly column: number;
}

/** The resolved policy of one path override: its keys merged over the environment's settings. */
export interface PathPolicy {
  /** The URL-path prefix, as written (`/public/`). */
  readonly path: string;
  /** The merged settings, as a policy input (what a config generator renders). */
  readonly input: PolicyInput;
  readonly policy: Policy;
}

/** One environment of a policy file, with `defaults` merged in and every policy validated. */
export interface PolicyEnvironment {
  readonly name: string;
  /** Base URLs `corsguard check` sends its probes to (possibly empty). */
  readonly urls: readonly string[];
  /** The merged settings (`defaults` + the environment's own keys), as a policy input. */
  readonly input: PolicyInput;
  readonly policy: Policy;
  /** Per-path overrides in file order; {@link policyForUrl} picks the longest matching prefix. */
  readonly paths: readonly PathPolicy[];
}

/** A valid policy file, resolved. */
export interface PolicyFile {
  readonly fileName: string;
  /** Environments in file order, by name. */
  readonly environments: ReadonlyMap<string, PolicyEnvironment>;
}

/** The result of parsing a policy file: the resolved file, or every problem found. */
export type PolicyFileResult =
  | { readonly ok: true; readonly file: PolicyFile; readonly issues: readonly [] }
  | { readonly ok: false; readonly fileName: string; readonly issues: readonly PolicyFileIssue[] };
