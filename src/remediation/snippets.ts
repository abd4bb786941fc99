import type { Finding } from '../scan/types.js';
import type { Stack } from './stacks.js';

/** Everything a configuration generator knows about the fix it writes. */
export interface SnippetContext {
  /** The scanned URL. */
  readonly url: string;
  /** The finding to fix (its `id`, `origin`, `credentialed`, evidence…). */
  readonly finding: Finding;
  /** Origins the server legitimately trusts and must keep trusting (discovered by the scan); may be empty. */
  readonly allowedOrigins: readonly string[];
  /** The endpoint serves credentialed CORS today (Access-Control-Allow-Credentials: true was seen). */
  readonly credentials: boolean;
}

/** One ready-to-paste configuration snippet. */
export interface Snippet {
  readonly stack: Stack;
  /** Language for syntax highlighting: `js`, `ts`, `python`, `nginx`, `apache`… */
  readonly language: string;
  readonly code: string;
}

/** A generator of snippets for one stack. */
export type SnippetGenerator = (context: SnippetContext) => readonly Snippet[];

/**
 * The generator of each stack. Empty for now: the per-stack generators plug in here, one entry per stack,
 * and every output (text, markdown, HTML remediation tabs) picks them up through {@link snippetsFor}.
 *
 * @example
 * ```ts
 * // in a generator module:
 * SNIPPET_GENERATORS.express = (ctx) => [{ stack: 'express', language: 'js', code: `app.use(cors({ origin: ${JSON.stringify(ctx.allowedOrigins)} }))` }];
 * ```
 */
export const SNIPPET_GENERATORS: Partial<Record<Stack, SnippetGenerator>> = {};

/**
 * Configuration snippets that fix `context.finding` on `stack`. Returns `[]` until a generator is
 * registered in {@link SNIPPET_GENERATORS}; callers show an empty state then.
 *
 * @example
 * ```ts
 * snippetsFor('nginx', { url, finding, allowedOrigins: ['https://app.example.com'], credentials: true }); // []
 * ```
 */
export function snippetsFor(stack: Stack, context: SnippetContext): readonly Snippet[] {
  return SNIPPET_GENERATORS[stack]?.(context) ?? [];
}
