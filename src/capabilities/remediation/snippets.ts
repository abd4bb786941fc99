import { hostSite } from '../../core/origin/index.js';
import { createPolicy, type Policy, parseOriginRule } from '../../core/policy/index.js';
import { generate } from '../generate/index.js';
import type { Finding } from '../scan/index.js';
import type { Snippet, Stack } from './stacks.js';
import { websocketSnippets } from './websocket-snippets.js';

export type { Snippet } from './stacks.js';

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

/** Stands in for the front end's origin when the scan found no trusted origin to keep. */
export const PLACEHOLDER_ORIGIN = 'https://app.example.com';

/**
 * The corrected policy a fix should enforce: the trusted origins the scan saw the server grant (only
 * those that are safe to keep: https, or loopback when credentials are on), credentials as today, only
 * the CORS-safelisted methods plus `Content-Type`, and a 10-minute preflight cache. When no origin can be
 * kept, {@link PLACEHOLDER_ORIGIN} stands in and the snippet says to replace it.
 *
 * @example
 * ```ts
 * remediationPolicy({ url, finding, allowedOrigins: ['https://app.victim.com', 'http://app.victim.com'], credentials: true })
 * // { policy: origins ['https://app.victim.com'], credentials true, …; placeholder: false }
 * ```
 */
export function remediationPolicy(context: SnippetContext): {
  policy: Policy;
  origins: readonly string[];
  placeholder: boolean;
} {
  const kept = keptOrigins(context);
  const origins = kept.length > 0 ? kept : [PLACEHOLDER_ORIGIN];
  const policy = createPolicy({
    origins,
    credentials: context.credentials,
    requestHeaders: ['Content-Type'],
    maxAge: 600,
  });
  return { policy, origins, placeholder: kept.length === 0 };
}

/**
 * The configuration that fixes `context.finding` on `stack`, written by the same generators as
 * `corsguard generate` from {@link remediationPolicy}, so it is correct by the rules the scanner checks.
 * Returns `[]` for a stack that cannot express the policy.
 *
 * @example
 * ```ts
 * snippetsFor('nginx', { url, finding, allowedOrigins: ['https://app.example.com'], credentials: true });
 * // [{ stack: 'nginx', language: 'nginx', filename: 'cors.conf', code: 'map $http_origin … always; …' }]
 * ```
 */
export function snippetsFor(stack: Stack, context: SnippetContext): readonly Snippet[] {
  const { policy, origins, placeholder } = remediationPolicy(context);
  const scanned = `a scan of ${context.url}`;
  const replace = placeholder ? `; replace ${PLACEHOLDER_ORIGIN} with your front end's origin` : '';
  if (context.finding.id === 'websocket-origin-unchecked') {
    return websocketSnippets(stack, origins, `${scanned}${replace}`);
  }
  const source =
    context.finding.id === 'subdomain-trusted'
      ? `${scanned}: the server grants every subdomain, so which are your front ends cannot be seen from outside; list them here${replace ? ` (${PLACEHOLDER_ORIGIN} stands in)` : ''}, or, only if every subdomain is yours and none serves user content, use the pattern ${subdomainPattern(context.url)}`
      : placeholder
        ? `${scanned}${replace}`
        : `${scanned}: keeps the trusted origins the scan saw; add the methods and headers your front end sends`;
  const result = generate(stack, { policy, source, fromScan: true });
  if (!result.ok) return [];
  const { language, filename, code } = result.config;
  return [{ stack, language, filename, code }];
}

/** `https://*.example.com` for a URL on example.com (or one of its subdomains). */
function subdomainPattern(url: string): string {
  const host = new URL(url).hostname;
  return `https://*.${hostSite(host).registrableDomain ?? host}`;
}

/**
 * The origins a fix for this finding keeps: the trusted origins of the context that are safe to keep
 * (https, or loopback when credentials are on), or `[]` when none is (the placeholder then stands in).
 *
 * @example
 * ```ts
 * keptOrigins({ url, finding, allowedOrigins: ['https://app.victim.com', 'http://app.victim.com'], credentials: true });
 * // ['https://app.victim.com']
 * ```
 */
export function keptOrigins(context: SnippetContext): readonly string[] {
  return context.allowedOrigins.filter((o) => !Array.isArray(parseOriginRule(o, context.credentials, [])));
}
