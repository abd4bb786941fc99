import type { Cause } from './causes.js';
import { CAUSE_TABLE } from './causes.js';

/**
 * The parts a browser fills into its console wording (`{url}`, `{origin}`, `{method}`…).
 *
 * @example
 * ```ts
 * const parts: WordingParts = { url: 'https://api.example/v1', origin: 'https://app.example', method: 'PUT' };
 * ```
 */
export interface WordingParts {
  readonly url?: string | undefined;
  readonly origin?: string | undefined;
  readonly method?: string | undefined;
  readonly header?: string | undefined;
  readonly value?: string | undefined;
  readonly status?: number | undefined;
  readonly space?: string | undefined;
}

/**
 * What each browser's console says for a cause, with the parts filled in (a part that is not known
 * stays as its `{placeholder}`): what the developer saw, or will see in another browser.
 *
 * @example
 * ```ts
 * const w: Wording = { chrome: 'Method PUT is not allowed by Access-Control-Allow-Methods in preflight response.', firefox: null, firefoxCode: null, safari: null };
 * ```
 */
export interface Wording {
  readonly chrome: string | null;
  readonly firefox: string | null;
  /** Firefox's `Reason:` code (the MDN page name). */
  readonly firefoxCode: string | null;
  readonly safari: string | null;
}

function fill(template: string | null, parts: WordingParts): string | null {
  if (template === null) return null;
  return template.replace(/\{(url|origin|method|header|value|status|space)\}/g, (whole, key: string) => {
    const part = parts[key as keyof WordingParts];
    return part === undefined ? whole : String(part);
  });
}

/**
 * Fills the browsers' wordings of `cause` (from the cause table) with what is known of the request.
 *
 * @example
 * ```ts
 * wordingOf('preflight-method', { method: 'PUT' }).chrome;
 * // 'Method PUT is not allowed by Access-Control-Allow-Methods in preflight response.'
 * ```
 */
export function wordingOf(cause: Cause, parts: WordingParts): Wording {
  const row = CAUSE_TABLE[cause];
  return {
    chrome: fill(row.chrome, parts),
    firefox: fill(row.firefox?.sentence ?? null, parts),
    firefoxCode: row.firefox?.code ?? null,
    safari: fill(row.safari, parts),
  };
}
