import { writeFile } from 'node:fs/promises';
import { inferPolicy, type PolicyDraft, renderPolicyFile } from '../../capabilities/init/index.js';
import { formatPolicyFileIssues, parsePolicyFile } from '../../capabilities/policy-file/index.js';
import type { EngineOptions } from '../../capabilities/scan/index.js';
import { CorsguardError } from '../../core/errors/index.js';
import { isHttpUrl } from '../../core/origin/index.js';
import { isLoopbackHost } from '../../core/policy/index.js';

/** Options of {@link inferDraft}. */
export interface InferDraftOptions {
  /** How to send the requests, as for scan. */
  readonly network?: EngineOptions;
  /** Origins the deployment is known to trust (probed first, kept in the draft). */
  readonly declared?: readonly string[];
  /** Environment name; default `development` for a loopback URL, else `production`. */
  readonly environment?: string;
  /** Settings that replace what was inferred (given as flags to `corsguard init`). */
  readonly overrides?: Partial<
    Pick<PolicyDraft, 'credentials' | 'methods' | 'requestHeaders' | 'exposeHeaders' | 'maxAge'>
  >;
  /** More URLs `corsguard check` should test, after `from`. */
  readonly urls?: readonly string[];
  /** Called once `from` is known to be an http(s) URL, before the first request. */
  readonly onStart?: () => void;
}

/** A draft inferred from a live deployment, with what was observed on the way. */
export interface InferredDraft {
  readonly draft: PolicyDraft;
  readonly warnings: readonly string[];
  readonly notes: readonly string[];
  readonly requests: number;
}

/**
 * Infers a policy draft from a live API URL (`corsguard init --from URL`): the origins it grants and its
 * preflight answer, then `overrides`, the environment and the URLs to check.
 *
 * @example
 * ```ts
 * const { draft, warnings } = await inferDraft('https://api.example.com/v1/me', { declared: ['https://app.example.com'] });
 * draft.environment; // 'production'
 * ```
 */
export async function inferDraft(from: string, options: InferDraftOptions = {}): Promise<InferredDraft> {
  if (!isHttpUrl(from))
    throw new CorsguardError('USAGE', `--from ${JSON.stringify(from)} is not an http(s) URL`);
  const environment =
    options.environment ?? (isLoopbackHost(new URL(from).hostname) ? 'development' : 'production');
  const declared = options.declared ?? [];
  options.onStart?.();
  const inferred = await inferPolicy(from, {
    ...options.network,
    trustedOrigins: declared,
    declared,
    environment,
  });
  return {
    draft: {
      ...inferred.draft,
      ...options.overrides,
      environment,
      urls: [...new Set([from, ...(options.urls ?? [])])],
      source: `corsguard init --from ${from}`,
    },
    warnings: inferred.warnings,
    notes: inferred.notes,
    requests: inferred.requests,
  };
}

/**
 * Renders a draft as a commented `cors.policy.yaml`, checks that it validates, and writes it to `file`,
 * refusing to overwrite an existing file unless `force`.
 *
 * @example
 * ```ts
 * const { text } = await writePolicyDraft(draft, 'cors.policy.yaml');
 * ```
 */
export async function writePolicyDraft(
  draft: PolicyDraft,
  file: string,
  options: { readonly force?: boolean } = {},
): Promise<{ readonly file: string; readonly text: string }> {
  const text = renderPolicyFile(draft);
  // The file must validate; a draft that does not is a bug here, never the user's to debug.
  const check = parsePolicyFile(text, file);
  if (!check.ok) {
    throw new CorsguardError(
      'POLICY_INVALID',
      `the drafted policy is invalid (please report this):\n${formatPolicyFileIssues(check.issues, file)}`,
    );
  }
  try {
    await writeFile(file, text, { flag: options.force ? 'w' : 'wx' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') {
      throw new CorsguardError(
        'USAGE',
        `${file} already exists; use --force to overwrite it, or -o another file`,
      );
    }
    throw e;
  }
  return { file, text };
}
