import type { FindingId } from '../../core/findings/index.js';
import { isLocal } from '../../core/origin/index.js';

/** A listed origin the scanner would flag, and why. */
export interface EntryVerdict {
  readonly id: FindingId;
  readonly reason: string;
}

/**
 * Judges one literal entry of an origin allowlist (`cors({ origin: [...] })`, `CORS_ALLOWED_ORIGINS`, an
 * nginx `map` line): `null` is trusted by every sandboxed iframe, a localhost origin by every page a
 * developer's machine serves, and an `http://` origin by anyone on the network path. Exact https origins
 * (and the `*` of an exact comparison, which no Origin header equals) pass.
 *
 * @example
 * ```ts
 * judgeOriginEntry('null')?.id; // 'null-origin-allowed'
 * judgeOriginEntry('http://localhost:3000')?.id; // 'localhost-trusted'
 * judgeOriginEntry('https://app.example.com'); // undefined
 * ```
 */
export function judgeOriginEntry(value: string): EntryVerdict | undefined {
  const v = value.trim().toLowerCase();
  if (v === 'null')
    return { id: 'null-origin-allowed', reason: 'it lists `null`, the origin of every sandboxed iframe' };
  const m = /^([a-z][a-z0-9+.-]*):\/\/(\[[^\]]*\]|[^/:]*)/.exec(v);
  if (!m) return undefined;
  const host = (m[2] ?? '').replace(/^\[|\]$/g, '');
  if (isLocal(host))
    return {
      id: 'localhost-trusted',
      reason: `it lists ${value}, which any page served on a developer's machine can use`,
    };
  if (m[1] === 'http')
    return {
      id: 'insecure-scheme-trusted',
      reason: `it lists ${value}, an http:// origin anyone on the network path can impersonate`,
    };
  return undefined;
}
