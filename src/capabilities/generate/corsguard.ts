import type { Policy } from '../../core/policy/index.js';
import { js, jsList } from './js-shared.js';
import { byLongestPrefix, comment, headerLines, originsInput, type ScopedPolicy } from './shared.js';
import type { GeneratedConfig, GenerateInput } from './types.js';

/** The `PolicyInput` literal that `createPolicy` turns back into exactly this policy. */
export function policyInputLiteral(policy: Policy, indent = ''): string {
  const origins = originsInput(policy);
  const lines = [`origins: ${origins === '*' ? `'*'` : jsList(origins)},`];
  if (policy.credentials) lines.push('credentials: true,');
  if (policy.anyMethod || policy.methods.length > 0)
    lines.push(`methods: ${jsList(policy.anyMethod ? ['*'] : policy.methods)},`);
  if (policy.anyRequestHeader || policy.requestHeaders.length > 0)
    lines.push(
      `requestHeaders: ${jsList(policy.anyRequestHeader ? ['*', ...policy.requestHeaders] : policy.requestHeaders)},`,
    );
  if (policy.exposeHeaders.length > 0) lines.push(`exposeHeaders: ${jsList(policy.exposeHeaders)},`);
  if (policy.maxAge !== null) lines.push(`maxAge: ${policy.maxAge},`);
  if (policy.privateNetwork) lines.push('privateNetwork: true,');
  if (policy.dangerouslyAllowAnyMethodAndHeaderWithCredentials) {
    lines.push(
      "// DANGEROUS: every allowed origin may send any method and header with the user's cookies.",
      'dangerouslyAllowAnyMethodAndHeaderWithCredentials: true,',
    );
  }
  return `{\n${lines.map((l) => `${indent}  ${l}`).join('\n')}\n${indent}}`;
}

/** Renders the options of corsguard's own middleware (exactly `PolicyInput`), one per path prefix. */
export function generateCorsguard(input: GenerateInput, scopes: readonly ScopedPolicy[]): GeneratedConfig {
  const ordered = byLongestPrefix(scopes);
  const [base] = scopes;
  if (base === undefined) throw new Error('no policy');
  const paths = ordered.filter((s) => s.path !== null);
  const code = `${comment(headerLines("corsguard's middleware", input, scopes), '//')}
//
// Usage: the options of corsguard's middleware are exactly a PolicyInput, validated at startup:
//   import { corsPolicy } from './cors-policy.js';
//   app.use(corsguard(corsPolicy));            // corsguard/node, corsguard/express, …
// For corsPathPolicies, mount one middleware per prefix, longest first, before the default one.
// The middleware answers preflights (204, or 403 without CORS headers), adds Vary: Origin, and never
// reflects an Origin or a requested header that the policy does not list.
import type { PolicyInput } from 'corsguard';

/** The policy for every path not listed in corsPathPolicies. */
export const corsPolicy = ${policyInputLiteral(base.policy)} satisfies PolicyInput;

/** Path prefixes with their own policy, longest first: the first that starts the path wins. */
export const corsPathPolicies: ReadonlyArray<{ readonly path: string; readonly policy: PolicyInput }> = [
${paths.map((s) => `  {\n    path: ${js(s.path as string)},\n    policy: ${policyInputLiteral(s.policy, '    ')},\n  },`).join('\n')}
];
`;
  return { target: 'corsguard', language: 'typescript', filename: 'cors-policy.ts', code };
}
