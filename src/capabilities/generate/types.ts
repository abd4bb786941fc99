import type { Policy } from '../../core/policy/index.js';

/** The servers and frameworks {@link generateConfig} writes configuration for. */
export type GenerateTarget =
  | 'nginx'
  | 'apache'
  | 'express'
  | 'fastify'
  | 'hono'
  | 'next'
  | 'django'
  | 'corsguard';

/** Every {@link GenerateTarget}, in the order the README lists them. */
export const GENERATE_TARGETS: readonly GenerateTarget[] = Object.freeze([
  'nginx',
  'apache',
  'express',
  'fastify',
  'hono',
  'next',
  'django',
  'corsguard',
]);

/** A URL-path prefix with its own policy: the longest prefix that starts the request path wins. */
export interface PathPolicy {
  /** A path prefix starting with `/`, e.g. `/public/`. */
  readonly path: string;
  readonly policy: Policy;
}

/** What to generate a configuration from. */
export interface GenerateInput {
  /** The policy for every path no `paths` entry covers. */
  readonly policy: Policy;
  /** Path prefixes with their own policy (longest prefix wins). */
  readonly paths?: readonly PathPolicy[] | undefined;
  /** The environment of the policy file the policy comes from (named in the generated header). */
  readonly env?: string | undefined;
  /** Where the policy comes from (a policy file name), named in the generated header. */
  readonly source?: string | undefined;
  /**
   * `true` when the policy was derived from a scan, not read from a policy file: the header then says so
   * and tells how to make it one, instead of "change the policy, run corsguard generate".
   */
  readonly fromScan?: boolean | undefined;
}

/** A generated configuration file. */
export interface GeneratedConfig {
  readonly target: GenerateTarget;
  /** The language of `code`: `nginx`, `apache`, `typescript` or `python`. */
  readonly language: 'nginx' | 'apache' | 'typescript' | 'python';
  /** The suggested file name, e.g. `cors.conf`, `middleware.ts`, `cors_settings.py`. */
  readonly filename: string;
  readonly code: string;
}
