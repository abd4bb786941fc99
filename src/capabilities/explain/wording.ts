import { type FindingId, mapFindings } from '../../core/findings/index.js';

/** Per finding id: what the server does, in one plain sentence, and who controls an origin it accepts. */
export interface Wording {
  readonly serverDoes: string;
  /** Who can host a page at an accepted origin (`{origin}` is replaced by the finding's origin). */
  readonly who: string;
}

/**
 * Plain-language wording for every finding id, for a web developer who is not a CORS specialist: a view
 * of the finding registry (`src/core/findings/`), where each id's wording is declared.
 *
 * @example
 * ```ts
 * WORDING['null-origin-allowed'].who; // 'any website: a sandboxed iframe sends Origin: null'
 * ```
 */
export const WORDING: Readonly<Record<FindingId, Wording>> = mapFindings((d) => d.wording);
