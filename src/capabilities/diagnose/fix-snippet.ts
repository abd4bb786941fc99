import { generate } from '../generate/index.js';
import { renderPolicyFile } from '../init/index.js';
import { type Stack, websocketSnippets } from '../remediation/index.js';
import type { Fix } from './fix.js';

/**
 * A fix rendered for one stack by the generators of `corsguard generate` (or the WebSocket handshake
 * checks of the remediation plan); `stack: 'policy-file'` when no stack is known: the policy file that
 * `corsguard generate` turns into any stack's configuration.
 *
 * @example
 * ```ts
 * const s: FixSnippet = { stack: 'nginx', language: 'nginx', filename: 'cors.conf', code: 'map $http_origin …' };
 * ```
 */
export interface FixSnippet {
  readonly stack: Stack | 'policy-file';
  readonly language: string;
  readonly filename: string;
  readonly code: string;
}

/** Where a fix's policy comes from, named in the snippet's header comment. */
export interface SnippetSource {
  readonly url: string;
  /** The policy file and environment the fix starts from, when one was given. */
  readonly file?: string | undefined;
  readonly env?: string | undefined;
}

/**
 * Renders `fix` for `stack` (null: the policy file). The CORS configuration is the whole fixed policy,
 * written by `generate` exactly as `corsguard generate` would; a WebSocket fix is the handshake Origin
 * check for that stack.
 *
 * @example
 * ```ts
 * fixSnippet(fix, 'express', { url: 'https://api.example/v1' }).filename; // 'cors.ts'
 * fixSnippet(fix, null, { url: 'https://api.example/v1' }).filename;      // 'cors.policy.yaml'
 * ```
 */
export function fixSnippet(fix: Fix, stack: Stack | null, source: SnippetSource): FixSnippet {
  const from = source.file
    ? `${source.file}${source.env ? ` (${source.env})` : ''}, changed by corsguard explain for ${source.url}`
    : `corsguard explain for ${source.url}`;
  if (fix.changes.some((c) => c.kind === 'allow-websocket-origin')) {
    const origins = fix.policy.origins === '*' ? [] : fix.policy.origins;
    const [snippet] = websocketSnippets(stack ?? 'corsguard', origins, from);
    if (snippet !== undefined) return snippet;
  }
  if (stack !== null) {
    const result = generate(stack, { policy: fix.built, source: from, fromScan: source.file === undefined });
    // Only the snippet's fields: the generator's `target` is not part of the explanation (explain.schema.json).
    if (result.ok) {
      const { language, filename, code } = result.config;
      return { stack, language, filename, code };
    }
  }
  const code = renderPolicyFile({
    environment: source.env ?? 'production',
    urls: [source.url],
    origins: fix.policy.origins,
    credentials: fix.policy.credentials,
    methods: fix.policy.methods,
    requestHeaders: fix.policy.requestHeaders,
    exposeHeaders: fix.policy.exposeHeaders,
    maxAge: fix.policy.maxAge,
    source: from,
  });
  return { stack: 'policy-file', language: 'yaml', filename: 'cors.policy.yaml', code };
}
