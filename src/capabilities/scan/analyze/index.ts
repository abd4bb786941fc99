import type { Finding } from '../types.js';
import { analyzeExposeHeaders, analyzeInvalidHeaders, analyzeSameSite } from './headers.js';
import { analyzeOriginTrust, analyzePreflightReflection } from './origin-trust.js';
import { analyzeMaxAge, analyzePreflightPermissive, analyzePrivateNetwork } from './preflight.js';
import type { HttpScanData } from './scan-data.js';
import { analyzeVary } from './vary.js';
import { analyzeWildcard } from './wildcard.js';

export type { HttpScanData, PreflightObservation } from './scan-data.js';

/** Every HTTP analyzer: pure functions from observations to findings, one per check. */
export const HTTP_ANALYZERS: ReadonlyArray<(data: HttpScanData) => Finding[]> = [
  analyzeOriginTrust,
  analyzePreflightReflection,
  analyzeWildcard,
  analyzeVary,
  analyzePreflightPermissive,
  analyzeMaxAge,
  analyzePrivateNetwork,
  analyzeExposeHeaders,
  analyzeInvalidHeaders,
  analyzeSameSite,
];

/**
 * Runs every analyzer over the observations of one target.
 *
 * @example
 * ```ts
 * analyzeHttp(data).map((f) => f.id); // ['origin-reflected', 'vary-origin-missing']
 * ```
 */
export function analyzeHttp(data: HttpScanData): Finding[] {
  return HTTP_ANALYZERS.flatMap((analyze) => analyze(data));
}
