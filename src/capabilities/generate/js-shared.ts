import type { Policy } from '../../core/policy/index.js';
import { exactOrigins, jsRegex, patternRegexes, type ScopedPolicy } from './shared.js';

/** A JavaScript string literal (single-quoted, as biome formats it). */
export function js(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** A JavaScript array literal of strings. */
export function jsList(items: readonly string[]): string {
  return `[${items.map(js).join(', ')}]`;
}

/** `origins` and `patterns` of a policy as TypeScript property lines (indented by `indent`). */
export function allowlistLines(policy: Policy, indent: string): string[] {
  if (policy.anyOrigin)
    return [`${indent}anyOrigin: true,`, `${indent}origins: [],`, `${indent}patterns: [],`];
  const patterns = patternRegexes(policy);
  return [
    `${indent}anyOrigin: false,`,
    `${indent}// Exact origins, compared as strings.`,
    `${indent}origins: ${jsList(exactOrigins(policy))},`,
    ...(patterns.length > 0
      ? [`${indent}// Patterns: anchored (^…$), dots escaped, whole DNS labels only.`]
      : []),
    `${indent}patterns: [${patterns.map(jsRegex).join(', ')}],`,
  ];
}

/** The comment line above a policy constant: the default policy, or the one of a path prefix. */
export function scopeComment(scope: ScopedPolicy): string {
  return `// ${scope.path === null ? 'Default policy (every path not listed in pathPolicies)' : `Policy for ${scope.path}`}.`;
}

/** The TypeScript constant name of a scope's policy. */
export function constName(scope: ScopedPolicy): string {
  return scope.path === null ? 'defaultPolicy' : `pathPolicy${scope.id.slice(1)}`;
}

/** The path-dispatch table (longest prefix first) as TypeScript lines. */
export function pathTable(ordered: readonly ScopedPolicy[], type: string): string[] {
  const paths = ordered.filter((s) => s.path !== null);
  return [
    '/** Path prefixes with their own policy, longest first: the first that starts the path wins. */',
    `const pathPolicies: ReadonlyArray<readonly [prefix: string, policy: ${type}]> = [`,
    ...paths.map((s) => `  [${js(s.path as string)}, ${constName(s)}],`),
    '];',
  ];
}

/** The shared `isAllowed` helper of the Node targets. */
export const IS_ALLOWED = `/** Whether a policy allows this exact Origin value (no normalisation: browsers send it canonical). */
function isAllowed(policy: { anyOrigin: boolean; origins: readonly string[]; patterns: readonly RegExp[] }, origin: string): boolean {
  return policy.anyOrigin || policy.origins.includes(origin) || policy.patterns.some((p) => p.test(origin));
}`;
