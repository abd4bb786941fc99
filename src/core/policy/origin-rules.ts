import { type OriginRule, parseOriginPattern } from '../origin/index.js';
import type { PolicyIssue } from './types.js';

type Path = readonly (string | number)[];

/**
 * Parses one allowlist entry, or returns the issues that make it unsafe or malformed: the policy's name
 * for `parseOriginPattern` of `corsguard/origin`, where origin patterns live.
 *
 * @example
 * ```ts
 * parseOriginRule('https://*.example.com', false, ['origins', 0]); // { kind: 'subdomains', scheme: 'https', domain: 'example.com', port: null }
 * parseOriginRule('https://*.github.io', false, ['origins', 0]);   // [{ code: 'origin-pattern-public-suffix', … }]
 * ```
 */
export function parseOriginRule(entry: string, credentials: boolean, path: Path): OriginRule | PolicyIssue[] {
  return parseOriginPattern(entry, { credentials, path });
}

/**
 * Builds a {@link PolicyIssue}.
 *
 * @example
 * ```ts
 * issue('max-age-range', ['maxAge'], 'maxAge -1 is negative', 'use e.g. 600');
 * ```
 */
export function issue(code: PolicyIssue['code'], path: Path, message: string, fix: string): PolicyIssue {
  return { code, path, message, fix };
}
